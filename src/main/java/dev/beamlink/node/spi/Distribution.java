package dev.beamlink.node.spi;

import dev.beamlink.etf.Atom;
import java.util.List;

/**
 * What the distribution layer implements to reach other nodes: the node's routing point hands it every signal whose
 * target lives on another node, and the node's cluster view ({@code nodes()}, {@code disconnect_node/1}) asks it
 * which connections are up. Signals from the wire come in through the {@link Attachment} that
 * {@link dev.beamlink.node.internal.NodeInternals#attach} returns.
 *
 * <p>With no distribution attached, every other node is unreachable: a link fires an exit signal
 * {@code noconnection} at once, a monitor a DOWN {@code noconnection}, a node monitor a {@code nodedown}, and messages
 * are dropped (docs/semantics.md, "Connections and nodes").
 */
public interface Distribution {

    /**
     * Queues {@code signal} on the connection to {@code node}, connecting on demand, without blocking: it is called
     * while the sending process holds its own lock, which is what keeps a process's outgoing signals in order (an
     * UNLINK_ID_ACK before anything sent after it, erl_dist_protocol "Link Protocol"). A message payload here is
     * always a {@link dev.beamlink.etf.Term}.
     *
     * <p>When a queued signal can no longer reach the node (the connection fails or is lost), the distribution layer
     * calls {@link Attachment#connectionLost(Atom)}, which fires every link and monitor over that connection, this
     * one included, exactly once.
     *
     * {@return what happened: {@link Delivery#UNREACHABLE} when the node cannot be reached at all now (the caller
     * answers a link or monitor with {@code noconnection} at once), else queued, with or without a wait for the sender}
     */
    Delivery deliver(Atom node, Signal signal);

    /**
     * Makes sure there is a connection to {@code node}, connecting if need be; may block until the handshake ends.
     * Called outside of any process lock. {@return whether the node is connected}
     */
    boolean connect(Atom node);

    /** {@return the nodes connected now, visible and hidden} */
    List<ConnectedNode> connectedNodes();

    /** Closes the connection to {@code node} ({@code erlang:disconnect_node/1}). {@return whether there was one} */
    boolean disconnect(Atom node);
}
