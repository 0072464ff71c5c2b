/**
 * The distribution layer: a {@link dev.beamlink.dist.DistributedNode} is a {@link dev.beamlink.node.Node}
 * joined to an Erlang cluster (erl_dist_protocol).
 *
 * <h2>Layers</h2>
 * <ul>
 *   <li>{@code transport}: byte channels (TCP; TLS can take its place);</li>
 *   <li>{@code handshake}: the version 6 handshake, cookie digests, flags, simultaneous connect;</li>
 *   <li>{@code frame}: 4-byte frames and ticks ({@code FrameReader}), the writer that coalesces them
 *       ({@code FrameWriter}), and the layout of terms inside a frame ({@code FrameFormat}: pass-through today,
 *       the distribution header with atom cache and fragments as another format later);</li>
 *   <li>{@code control}: the control messages as records, and the one codec between them and tuples;</li>
 *   <li>this package: what control messages mean to the node ({@code SignalMapper}), the connections and the
 *       table of them, the node's {@code net_kernel}, and the user's entry point;</li>
 *   <li>{@code global}: OTP's global name registry and locks, on top of the node's processes.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * Each connection has a reader (a virtual thread: frames, decoding, injecting signals into the runtime) and a
 * writer (a virtual thread: gathering writes of the frames queued since its last write). A sender encodes its
 * frame on its own thread, under its own process lock (which keeps its signals in order) and no other lock, then
 * queues it. Handshakes, outbound and inbound, run on virtual threads of their own; one virtual thread accepts
 * connections and one drives the ticks of every connection.
 *
 * <h2>Connections</h2>
 * The first signal for a node that is not connected starts one handshake and queues signals until it ends: on
 * success they go out in order, on failure links and monitors that were queued fire {@code noconnection}.
 * A connection lost (closed by the peer, by ticks, or by bad input from it) fires, once each, every link and
 * monitor across it, and node monitors get {@code NodeDown}.
 *
 * <h2>Remote spawn</h2>
 * A process of this node may ask a peer for a process ({@code SPAWN_REQUEST} with the {@code link} and {@code monitor}
 * options; the group leader named is the node's {@code IoServer}, which logs what such processes print). A peer asking
 * this node is answered {@code notsup}: a Java node runs no Erlang code. A request to a peer that did not offer
 * {@code DFLAG_SPAWN} is answered {@code notsup} by the connection.
 *
 * <h2>Global</h2>
 * A published node takes part in OTP's {@code global} as an Erlang node does ({@code dev.beamlink.dist.global}):
 * it runs a {@code global_name_server}, a locker and a registrar, and goes through global's connect protocol with
 * every visible peer (version 8, or the peer's lower one). So {@code global:sync/0} on erl returns,
 * global names registered on any node are replicated on every node, locks taken from erl are granted and released
 * on this node, a node's lost connection takes its names away, and global connects the node to the rest of the
 * cluster. {@link dev.beamlink.dist.DistributedNode#global()} registers and looks up names from Java. A hidden node,
 * or a connection to a hidden peer, starts no global protocol, as in OTP. The node events global hears come from
 * the node listeners; a nodeup of a new connection that overtakes the nodedown of the old one is caught up with.
 */
package dev.beamlink.dist;
