/**
 * A beamlink node: processes with Erlang's links, monitors and exit signals ({@code dev.beamlink.node}), joined to an
 * Erlang cluster over the distribution protocol ({@code dev.beamlink.dist}, with its transport SPI in
 * {@code dev.beamlink.dist.transport}, TLS in {@code .tls}), OTP's {@code global} ({@code dev.beamlink.global}), OTP's
 * behaviours and services ({@code dev.beamlink.otp}), the functions a node exports to others
 * ({@code dev.beamlink.otp.rpc}) and process groups ({@code dev.beamlink.otp.pg}).
 *
 * <p>Exported is what users call and nothing else. Not exported: the seam between the runtime and the distribution
 * layer ({@code dev.beamlink.node.spi}), the distribution layer's handshake, frames and control messages
 * ({@code dev.beamlink.dist.handshake}, {@code .frame}, {@code .control}), global's protocol
 * ({@code dev.beamlink.global.internal}), the node's own system processes ({@code dev.beamlink.otp.kernel}) and what
 * the services share ({@code dev.beamlink.otp.internal}).
 */
module dev.beamlink.node {
    requires transitive dev.beamlink.etf;
    requires dev.beamlink.epmd;
    requires io.netty.buffer;
    requires org.slf4j;

    exports dev.beamlink.node;
    exports dev.beamlink.dist;
    exports dev.beamlink.dist.transport;
    exports dev.beamlink.dist.transport.tls;
    exports dev.beamlink.global;
    exports dev.beamlink.otp;
    exports dev.beamlink.otp.pg;
    exports dev.beamlink.otp.rpc;
}
