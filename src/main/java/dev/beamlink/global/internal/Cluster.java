package dev.beamlink.global.internal;

import dev.beamlink.etf.Atom;
import dev.beamlink.node.Node;
import java.util.List;

/**
 * The cluster as global sees it, through the node's own view: the visible peers ({@code nodes()}), whether one is
 * connected (global's "volatile" sends never open a connection), and a way to drop one (to prevent overlapping
 * partitions).
 */
final class Cluster {

    private final Node node;
    private final boolean hidden;

    /** @param hidden whether this node is hidden: it then has no peers global syncs with */
    Cluster(Node node, boolean hidden) {
        this.node = node;
        this.hidden = hidden;
    }

    /** {@return the visible nodes connected now ({@code nodes()}); none for a hidden node} */
    List<Atom> visibleNodes() {
        return hidden ? List.of() : node.nodes();
    }

    /** {@return whether a connection to {@code peer} is up} */
    boolean isConnected(Atom peer) {
        return node.connectedNodes().contains(peer);
    }

    /** Closes the connection to {@code peer}, if any, without waiting ({@code net_kernel:async_disconnect/1}). */
    void disconnect(Atom peer) {
        Thread.ofVirtual().name("beamlink-global-disconnect-" + peer.text()).start(() -> node.disconnect(peer));
    }
}
