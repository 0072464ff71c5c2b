package dev.beamlink.node.spi;

import dev.beamlink.etf.Atom;
import java.util.List;

/**
 * What the distribution layer implements to reach other nodes: the node's routing point hands every signal whose
 * target lives on another node to the {@link Circuit} it names for that node, and the node's cluster view
 * ({@code nodes()}, {@code disconnect_node/1}) asks it which connections are up. Signals from the wire come in
 * through the {@link Attachment} that {@link dev.beamlink.node.internal.NodeInternals#attach} returns.
 *
 * <p>With no distribution attached, every other node is unreachable: a link fires an exit signal
 * {@code noconnection} at once, a monitor a DOWN {@code noconnection}, a node monitor a {@code nodedown}, and messages
 * are dropped (docs/semantics.md, "Connections and nodes").
 */
public interface Distribution {

    /**
     * {@return the circuit signals for {@code node} go over now, connecting on demand without blocking; null when the
     * node cannot be reached now} (the caller answers a link or monitor with {@code noconnection} at once). It is
     * called while the sending process holds its own lock. When a circuit's signals can no longer reach the node (the
     * connection fails or is lost), the distribution layer marks it lost and calls
     * {@link Attachment#connectionLost(Circuit)}, which fires every link and monitor filed under it exactly once.
     */
    Circuit circuit(Atom node);

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
