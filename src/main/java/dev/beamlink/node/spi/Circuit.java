package dev.beamlink.node.spi;

import dev.beamlink.etf.Atom;

/**
 * One connection to another node as the runtime files what crosses it: from the first signal queued for the node
 * (while its handshake runs) to the connection's loss. A later connection to the same node is another circuit.
 *
 * <p>Every link and monitor between a process of this node and one of the circuit's node is filed, by the local
 * process, under the circuit its signal went out on ({@link #deliver}) or came in on ({@link Attachment#inject}), and
 * fires with {@code noconnection} when that circuit is lost, exactly once: one applied after its circuit was lost fires
 * at once, and the loss of another circuit to the same node, earlier or later, never fires it (erl_dist_protocol,
 * "Link Protocol": "exit signals with exit reason noconnection are sent to all processes with links over the
 * connection"; BEAM tells connections apart by their connection id in the same way).
 */
public interface Circuit {

    /** {@return the node at the other end} */
    Atom node();

    /**
     * Queues {@code signal} on the circuit without blocking: it is called while the sending process holds its own
     * lock, which is what keeps a process's outgoing signals in order (an UNLINK_ID_ACK before anything sent after it,
     * erl_dist_protocol "Link Protocol"). A message payload here is always a {@link dev.beamlink.etf.Term}. A signal
     * for a circuit that is lost is dropped: what it made cross fires through {@link Attachment#connectionLost}.
     * {@return queued, with or without a wait for the sender}
     */
    Delivery deliver(Signal signal);

    /**
     * {@return whether the circuit is lost} Once true it stays true, and it is true before
     * {@link Attachment#connectionLost} is called for the circuit.
     */
    boolean isLost();
}
