package dev.beamlink.node;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.node.spi.Signal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections coming up and going down, told to whoever asked: processes that monitor nodes get {@link NodeUp} and
 * {@link NodeDown} messages for visible nodes (net_kernel:monitor_nodes/1, once per subscription), and
 * {@link NodeListener}s are called one at a time, in order, on a thread of their own, so that a listener that blocks
 * or throws (an {@link Error} too) stops neither the connection that reported the event nor the other listeners'
 * later events.
 */
final class NodeEvents {

    private static final Logger LOG = LoggerFactory.getLogger(NodeEvents.class);

    private final CopyOnWriteArrayList<NodeListener> listeners = new CopyOnWriteArrayList<>();
    /** Processes monitoring nodes, with how many subscriptions each holds. */
    private final Map<Pid, Integer> subscribers = new ConcurrentHashMap<>();
    private final ExecutorService listenerThread;

    NodeEvents(String nodeName) {
        this.listenerThread = Executors.newSingleThreadExecutor(
                Thread.ofVirtual().name("beamlink-node-listeners-" + nodeName).factory());
    }

    void addListener(NodeListener listener) {
        listeners.add(listener);
    }

    boolean removeListener(NodeListener listener) {
        return listeners.remove(listener);
    }

    /** {@code process} subscribes once more ({@code on}) or drops one subscription. */
    void subscribe(Pid process, boolean on) {
        if (on) {
            subscribers.merge(process, 1, Integer::sum);
        } else {
            subscribers.computeIfPresent(process, (p, n) -> n == 1 ? null : n - 1);
        }
    }

    /** The process ended: its subscriptions go. */
    void unsubscribeAll(Pid process) {
        subscribers.remove(process);
    }

    void nodeUp(Router router, Atom node, boolean hidden) {
        if (!hidden) {
            tell(router, new NodeUp(node));
        }
        call(listener -> listener.nodeUp(node, hidden), "node up " + node);
    }

    void nodeDown(Router router, Atom node, boolean hidden, String reason) {
        if (!hidden) {
            tell(router, new NodeDown(node));
        }
        call(listener -> listener.nodeDown(node, hidden, reason), "node down " + node);
    }

    private void tell(Router router, Object message) {
        subscribers.forEach((process, count) -> {
            for (int i = 0; i < count; i++) {
                router.route(new Signal.Send(null, process, message));
            }
        });
    }

    private void call(Consumer<NodeListener> event, String what) {
        if (listeners.isEmpty()) {
            return;
        }
        try {
            listenerThread.execute(() -> {
                for (NodeListener listener : listeners) {
                    try {
                        event.accept(listener);
                    } catch (Throwable e) { // an Error too: the next listeners and events still run
                        LOG.error("node listener {} failed on {}", listener, what, e);
                    }
                }
            });
        } catch (RejectedExecutionException closed) {
            LOG.debug("node closed: {} not told to listeners", what);
        }
    }

    void close() {
        listenerThread.shutdown();
    }
}
