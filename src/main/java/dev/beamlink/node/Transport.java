package dev.beamlink.node;

import dev.beamlink.etf.Atom;

/**
 * What the distribution layer implements to carry signals to other nodes. The node's routing point
 * hands it every signal whose target lives on another node; signals arriving from the wire come in
 * through the {@link TransportBinding} that {@link Node#attach(Transport)} returns.
 *
 * <p>With no transport attached, every other node is unreachable: a link fires an exit signal
 * {@code noconnection} at once, a monitor a {@link Down} {@code noconnection}, a node monitor a
 * {@link NodeDown}, and messages are dropped (semantics.md, "Connections and nodes").
 */
public interface Transport {

    /**
     * Queues {@code signal} on the connection to {@code node}, connecting on demand, without blocking:
     * it is called while the sending process holds its own lock, which is what keeps a process's
     * outgoing signals in order (an UNLINK_ID_ACK before anything sent after it, erl_dist_protocol
     * "Link Protocol"). A message payload here is always a {@link dev.beamlink.etf.Term}.
     *
     * <p>When a queued signal can no longer reach the node (the connection fails or is lost), the
     * distribution layer calls {@link TransportBinding#connectionLost(Atom)}, which fires every link
     * and monitor over that connection, this one included, exactly once.
     *
     * @return false when the node cannot be reached at all now, so that the caller answers a link or
     *         monitor with {@code noconnection} at once; true when the signal was queued
     */
    boolean deliver(Atom node, Signal signal);

    /**
     * Makes sure there is a connection to {@code node}, connecting if need be; may block until the
     * handshake ends. Called outside of any process lock, for {@code monitorNode}.
     *
     * @return whether the node is connected
     */
    boolean connect(Atom node);

    /**
     * Called by a process's own thread each time it calls into the node (to send, receive, link ...), before it
     * takes its lock: the transport may make it wait here, holding no lock, when its earlier signals filled a
     * connection past its high-water mark. Returns early, with the interrupt status set, when interrupted (an exit
     * signal ends the process meanwhile). The default never waits.
     */
    default void throttle() {
    }
}
