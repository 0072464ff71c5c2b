/**
 * EPMD, the Erlang Port Mapper Daemon: a client, and a server a node can embed.
 *
 * <h2>What a node does with it</h2>
 * <pre>{@code
 * EpmdClient epmd = EpmdClient.create();              // loopback; ERL_EPMD_PORT, else 4369
 *
 * // Option "start an embedded EPMD when none answers": keep the server for the node's lifetime.
 * Optional<EpmdServer> embedded = EpmdServer.builder().port(epmd.port()).startIfNoneAnswers();
 *
 * // Register: the registration lives as long as the returned handle.
 * EpmdRegistration registration = epmd.register(NodeEntry.of("java", distributionPort));
 * int creation = registration.creation();            // goes into pids, ports, refs and the handshake
 * registration.whenLost().thenRun(...);              // EPMD went away: register again, or stop
 *
 * // Connect to name@host: look the port up at that host's EPMD.
 * Optional<NodeEntry> peer = epmd.lookupNode("erl@somehost");    // = epmd.withHost("somehost").lookup("erl")
 * // peer.port(), peer.highestVersion(), peer.lowestVersion() ...
 *
 * registration.close();                              // unregisters
 * embedded.ifPresent(EpmdServer::close);
 * }</pre>
 *
 * <h2>Errors</h2>
 * Every client call throws a subclass of the sealed {@link dev.beamlink.epmd.EpmdException} (an
 * {@link java.io.IOException}): {@link dev.beamlink.epmd.EpmdUnreachableException},
 * {@link dev.beamlink.epmd.EpmdTimeoutException}, {@link dev.beamlink.epmd.EpmdNameInUseException},
 * {@link dev.beamlink.epmd.EpmdProtocolException}. A name that is not registered is an empty result.
 *
 * <h2>Wire format</h2>
 * The protocol's numbers are in {@link dev.beamlink.epmd.EpmdProtocol}, named as in the "EPMD Protocol"
 * section of OTP's erl_dist_protocol. The classes that read and write bytes are package-private, one per
 * direction and side: {@code RequestEncoder} and {@code ReplyDecoder} for the client, {@code RequestDecoder}
 * and {@code ReplyEncoder} for the server, all reading through {@code WireInput}, which bounds every length
 * before it allocates and the whole message by one deadline.
 */
package dev.beamlink.epmd;
