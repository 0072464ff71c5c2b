package dev.beamlink.dist;

import dev.beamlink.dist.global.Cluster;
import dev.beamlink.etf.Atom;
import java.util.List;

/** The node's connections as global sees them: the hook between {@link ConnectionTable} and {@code dist.global}. */
final class GlobalCluster implements Cluster {

    private final ConnectionTable table;
    private final NodeListeners listeners;
    private final boolean hidden;

    GlobalCluster(ConnectionTable table, NodeListeners listeners, boolean hidden) {
        this.table = table;
        this.listeners = listeners;
        this.hidden = hidden;
    }

    @Override
    public boolean hidden() {
        return hidden;
    }

    @Override
    public List<Atom> visibleNodes() {
        return hidden ? List.of() : table.connections().stream()
                .filter(c -> !c.handshake().peerHidden()).map(Connection::peer).toList();
    }

    @Override
    public boolean isConnected(Atom node) {
        Connection connection = table.connection(node);
        return connection != null && connection.isOpen();
    }

    @Override
    public void disconnect(Atom node) {
        Thread.ofVirtual().name("beamlink-global-disconnect-" + node.text()).start(() -> {
            Connection connection = table.connection(node);
            if (connection != null) {
                connection.close("disconnected by global to prevent overlapping partitions", false);
            }
        });
    }

    @Override
    public void watchNodes(NodeEvents events) {
        listeners.add(new NodeListener() {
            @Override
            public void nodeUp(Atom node, boolean peerHidden) {
                events.nodeUp(node, peerHidden);
            }

            @Override
            public void nodeDown(Atom node, boolean peerHidden, String reason) {
                events.nodeDown(node, peerHidden);
            }
        });
    }
}
