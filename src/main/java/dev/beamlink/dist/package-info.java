/**
 * The distribution layer: a {@link dev.beamlink.dist.DistributedNode} is a {@link dev.beamlink.node.Node}
 * joined to an Erlang cluster (erl_dist_protocol).
 *
 * <h2>Layers</h2>
 * <ul>
 *   <li>{@code transport}: byte channels (TCP; TLS can take its place);</li>
 *   <li>{@code handshake}: the version 6 handshake, cookie digests, flags, simultaneous connect;</li>
 *   <li>{@code frame}: 4-byte frames and ticks ({@code FrameReader}), the writer that coalesces them
 *       ({@code FrameWriter}), and the layout of terms inside a frame ({@code FrameFormat}): the distribution header
 *       with its atom cache and fragments ({@code DistHeaderFormat}) when {@code DFLAG_DIST_HDR_ATOM_CACHE} was
 *       negotiated, pass-through frames otherwise;</li>
 *   <li>{@code control}: the control messages as records, and the one codec between them and tuples;</li>
 *   <li>this package: what control messages mean to the node ({@code SignalMapper}), the connections and the
 *       table of them, the node's {@code net_kernel}, and the user's entry point;</li>
 *   <li>{@code global}: OTP's global name registry and locks, on top of the node's processes.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * Each connection has a reader (a platform thread: frames, decoding, injecting signals into the runtime, without
 * a lock on the way: the connection is found without one, and a process's signal queue takes pushes without one) and
 * a writer (a platform thread that writes, with one system call each, the staging buffers its senders fill, while they
 * fill the other). Both wait in the kernel on the socket, not through the JDK's poller. A sender encodes its message
 * on its own thread, under its own process lock (which keeps its signals in order) and no other lock, queues it
 * without a lock, and, if no one else is staging at that moment, stages what is queued itself: the frame's header,
 * written then in wire order as the atom cache needs, and its body, still in the sender's cache. On a quiet connection
 * it also writes its frame itself, as far as the socket takes it at once, saving the writer's wake-up. While messages
 * stream in, the writer lets a small batch grow up to 100 microseconds before writing it. Handshakes, outbound and
 * inbound, run on virtual threads of their own; one virtual thread accepts connections and one drives the ticks of
 * every connection.
 *
 * <h2>Large messages and slow peers</h2>
 * A message longer than the fragment size (64 KiB) goes in fragments when the peer negotiated
 * {@code DFLAG_FRAGMENTS}, other senders' messages going between them; a sender's next message waits for its
 * fragmented one. A peer's fragments are put back together within bounds (the message size, the bytes and the
 * number of incomplete messages per connection), beyond which its connection is closed.
 *
 * <p>A connection's queue has a high-water mark ({@code sendHighWaterMark}, 1 MiB, OTP's busy limit): a process
 * whose message takes the queue past it waits, at its next call into the node (its next send, receive, link ...),
 * before it takes its own lock, until the queue is down to half the mark or the connection is lost. Messages that go
 * in fragments are counted apart: a large message holds up its own sender until it is mostly written, not the
 * others. So a peer that stops reading holds at most about the mark on this node, and the waiting process holds no
 * lock: signals to it are applied meanwhile, an exit signal ends it (the wait is interrupted), and nothing the
 * connection's reader does waits on it, so the reader keeps reading (and replying) whatever the writer's state, and
 * two nodes that both stop reading each other's traffic cannot lock each other up. Runtime threads that send on their own (the reader answering a link to
 * a missing process, the signal executor propagating an exit) never wait; what they send is small. Signals queued
 * for a peer whose handshake runs count against a limit of 65,536 the same way.
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
 * this node for a process is answered by the node's {@link dev.beamlink.node.SpawnHandler} (the functions Java code
 * exports, {@code dev.beamlink.otp.rpc}). A request to a peer that did not offer {@code DFLAG_SPAWN} is answered
 * {@code notsup} by the connection.
 *
 * <h2>Global</h2>
 * A published node takes part in OTP's {@code global} as an Erlang node does ({@code dev.beamlink.global.internal}):
 * it runs a {@code global_name_server}, a locker and a registrar, and goes through global's connect protocol with
 * every visible peer (version 8, or the peer's lower one). So {@code global:sync/0} on erl returns,
 * global names registered on any node are replicated on every node, locks taken from erl are granted and released
 * on this node, a node's lost connection takes its names away, and global connects the node to the rest of the
 * cluster. {@link dev.beamlink.dist.DistributedNode#global()} registers and looks up names from Java. A hidden node,
 * or a connection to a hidden peer, starts no global protocol, as in OTP. The node events global hears come from
 * the node listeners; a nodeup of a new connection that overtakes the nodedown of the old one is caught up with.
 */
package dev.beamlink.dist;
