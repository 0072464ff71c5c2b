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
 *       table of them, the node's {@code net_kernel}, and the user's entry point.</li>
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
 * <h2>Global</h2>
 * A published beamlink node does not run OTP's {@code global}: it has no {@code global_name_server}, so
 * global's {@code init_connect} cast to it is dropped, {@code global:register_name/2} and {@code global:trans/2}
 * on the erl side pass it by (their calls to it get {@code noproc}), and the erl side keeps the connection
 * without errors. {@code global:sync/0} on an erl node, however, waits until every visible node has synced
 * with global, so it does not return while a published beamlink node is connected: make the node
 * {@linkplain dev.beamlink.dist.DistributedNode.Builder#hidden(boolean) hidden} in clusters that call it.
 */
package dev.beamlink.dist;
