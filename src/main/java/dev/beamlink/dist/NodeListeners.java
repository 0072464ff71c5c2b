package dev.beamlink.dist;

import dev.beamlink.etf.Atom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The node's {@link NodeListener}s; one that throws is logged and does not stop the others. */
final class NodeListeners {

    private static final Logger LOG = LoggerFactory.getLogger(NodeListeners.class);

    private final CopyOnWriteArrayList<NodeListener> listeners = new CopyOnWriteArrayList<>();

    void add(NodeListener listener) {
        listeners.add(listener);
    }

    boolean remove(NodeListener listener) {
        return listeners.remove(listener);
    }

    void nodeUp(Atom node, boolean hidden) {
        for (NodeListener listener : listeners) {
            try {
                listener.nodeUp(node, hidden);
            } catch (RuntimeException e) {
                LOG.warn("node listener {} failed on node up {}", listener, node, e);
            }
        }
    }

    void nodeDown(Atom node, boolean hidden, String reason) {
        for (NodeListener listener : listeners) {
            try {
                listener.nodeDown(node, hidden, reason);
            } catch (RuntimeException e) {
                LOG.warn("node listener {} failed on node down {}", listener, node, e);
            }
        }
    }
}
