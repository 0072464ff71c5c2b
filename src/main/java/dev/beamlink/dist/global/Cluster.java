package dev.beamlink.dist.global;

import dev.beamlink.etf.Atom;
import java.util.List;

/**
 * What global needs of the distribution layer: the visible peers, whether one is connected (global's "volatile"
 * sends never open a connection), a way to drop one (to prevent overlapping partitions), and node up and down
 * events. {@link dev.beamlink.dist.DistributedNode} provides it.
 */
public interface Cluster {

    /** {@return whether this node is hidden: a hidden node takes no part in global's protocol} */
    boolean hidden();

    /** {@return the visible nodes connected now ({@code nodes()})} */
    List<Atom> visibleNodes();

    /** {@return whether a connection to {@code node} is up} */
    boolean isConnected(Atom node);

    /** Closes the connection to {@code node}, if any, without waiting ({@code net_kernel:async_disconnect/1}). */
    void disconnect(Atom node);

    /** Makes {@code events} hear visible and hidden nodes come up and go down, each node's events in order. */
    void watchNodes(NodeEvents events);

    /** Hears connections come up and go down. */
    interface NodeEvents {

        /** A connection to {@code node} came up; {@code hidden}: the peer is a hidden node. */
        void nodeUp(Atom node, boolean hidden);

        /** The connection to {@code node} went down. */
        void nodeDown(Atom node, boolean hidden);
    }
}
