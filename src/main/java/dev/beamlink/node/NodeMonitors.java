package dev.beamlink.node;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The node monitors of all processes, by reference: each fires one {@link NodeDown}, exactly once. */
final class NodeMonitors {

    /** A node monitor: its owner and the node it watches. */
    record NodeMonitor(Pid owner, Atom node) {
    }

    private final ConcurrentHashMap<Ref, NodeMonitor> monitors = new ConcurrentHashMap<>();

    void add(Ref ref, NodeMonitor monitor) {
        monitors.put(ref, monitor);
    }

    /** {@return the monitor, now removed; null if it was not there (removed or fired already)} */
    NodeMonitor remove(Ref ref) {
        return monitors.remove(ref);
    }

    /** {@return the monitors on {@code node}, each now removed} */
    List<NodeMonitor> takeAll(Atom node) {
        List<NodeMonitor> taken = new ArrayList<>();
        for (Map.Entry<Ref, NodeMonitor> entry : monitors.entrySet()) {
            if (entry.getValue().node().equals(node) && monitors.remove(entry.getKey(), entry.getValue())) {
                taken.add(entry.getValue());
            }
        }
        return taken;
    }
}
