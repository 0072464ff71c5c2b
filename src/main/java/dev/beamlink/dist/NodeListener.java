package dev.beamlink.dist;

import dev.beamlink.etf.Atom;

/**
 * Hears connections to other nodes come up and go down ({@code net_kernel:monitor_nodes/2} for Java code).
 * Called on the thread that made or lost the connection: return quickly, and do not block.
 */
public interface NodeListener {

    /** A connection to {@code node} came up; {@code hidden}: the peer is a hidden node. */
    default void nodeUp(Atom node, boolean hidden) {
    }

    /** The connection to {@code node} was lost or closed, for {@code reason}. */
    default void nodeDown(Atom node, boolean hidden, String reason) {
    }
}
