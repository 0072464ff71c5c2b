package dev.beamlink.node;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A process's monitors: those it holds on other processes, those other processes hold on it, and its
 * node monitors. Each part is made on first use, so a process without monitors pays for none.
 */
final class MonitorTable {

    /**
     * What a held monitor watches.
     *
     * @param pid  the process, when monitored by pid or by a local name (null for a remote name)
     * @param name the registered name for a monitor by name, else null
     * @param node the node of the process
     */
    record Watched(Pid pid, Atom name, Atom node) {

        /** {@return the object of the {@link Down}: the pid, or {@code {Name, Node}} for a monitor by name} */
        Term downObject() {
            return name == null ? pid : new ProcessName(name, node).toTerm();
        }

        /** {@return the process as the DEMONITOR_P signal names it: the pid, else the name} */
        Term proc() {
            return pid != null ? pid : name;
        }
    }

    /**
     * A monitor another process holds on this one.
     *
     * @param watcher the process that holds it
     * @param as      how it named this process: this pid, or the name (for a monitor by name from the wire),
     *                which is what MONITOR_P_EXIT's FromProc carries back
     */
    record Watcher(Pid watcher, Term as) {
    }

    private Map<Ref, Watched> held;
    private Map<Ref, Watcher> watchers;
    private List<Ref> nodeMonitors;

    void hold(Ref ref, Watched watched) {
        if (held == null) {
            held = new HashMap<>(4);
        }
        held.put(ref, watched);
    }

    /** {@return the monitor {@code ref} this process held, now removed; null if it held none} */
    Watched release(Ref ref) {
        return held == null ? null : held.remove(ref);
    }

    void addWatcher(Ref ref, Watcher watcher) {
        if (watchers == null) {
            watchers = new HashMap<>(4);
        }
        watchers.put(ref, watcher);
    }

    Watcher removeWatcher(Ref ref) {
        return watchers == null ? null : watchers.remove(ref);
    }

    void addNodeMonitor(Ref ref) {
        if (nodeMonitors == null) {
            nodeMonitors = new ArrayList<>(2);
        }
        nodeMonitors.add(ref);
    }

    boolean removeNodeMonitor(Ref ref) {
        return nodeMonitors != null && nodeMonitors.remove(ref);
    }

    Map<Ref, Watched> held() {
        return held == null ? Map.of() : held;
    }

    Map<Ref, Watcher> watchers() {
        return watchers == null ? Map.of() : watchers;
    }

    List<Ref> nodeMonitors() {
        return nodeMonitors == null ? List.of() : nodeMonitors;
    }

    /** {@return the pids this process monitors by pid} */
    List<Pid> monitoredPids() {
        List<Pid> out = new ArrayList<>();
        held().values().forEach(w -> {
            if (w.name() == null) {
                out.add(w.pid());
            }
        });
        return out;
    }

    /** {@return the names this process monitors by name} */
    List<ProcessName> monitoredNames() {
        List<ProcessName> out = new ArrayList<>();
        held().values().forEach(w -> {
            if (w.name() != null) {
                out.add(new ProcessName(w.name(), w.node()));
            }
        });
        return out;
    }

    /** {@return the processes that monitor this one} */
    List<Pid> watcherPids() {
        List<Pid> out = new ArrayList<>();
        watchers().values().forEach(w -> out.add(w.watcher()));
        return out;
    }
}
