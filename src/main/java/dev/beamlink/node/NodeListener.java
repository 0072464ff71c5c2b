package dev.beamlink.node;

import dev.beamlink.etf.Atom;

/**
 * Hears connections to other nodes come up and go down ({@code net_kernel:monitor_nodes/2} for Java code; a process
 * can receive the same events as messages with {@link Mailbox#monitorNodes(boolean)}). Listeners are called one at a
 * time, in the order the events happened, on a thread of the node's own: never on the threads that read, write or
 * tick connections, so a listener that is slow, blocks or throws holds up only the listeners after it.
 */
public interface NodeListener {

    /** A connection to {@code node} came up; {@code hidden}: the peer is a hidden node. */
    default void nodeUp(Atom node, boolean hidden) {
    }

    /** The connection to {@code node} was lost or closed, for {@code reason}. */
    default void nodeDown(Atom node, boolean hidden, String reason) {
    }
}
