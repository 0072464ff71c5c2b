package dev.beamlink.node;

import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.node.spi.Circuit;
import dev.beamlink.node.spi.Signal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What crosses to other nodes, so that losing a connection fires each link and monitor over it exactly once with
 * {@code noconnection} (docs/semantics.md, "Connections and nodes"; erl_dist_protocol, "Link Protocol": "exit signals
 * with exit reason noconnection are sent to all processes with links over the connection").
 *
 * <p>Each process files its own entries, under its lock, with the {@link Circuit} each went over; this registry keeps,
 * for each circuit, the processes that filed something under it. When a circuit is lost, each of those processes is
 * told, through its signal queue, and fires what it filed under that circuit and nothing else: an entry filed under a
 * circuit that was lost meanwhile fires at once, and one filed under a later circuit to the same node is not touched.
 * Registering with a circuit and taking a lost circuit's processes are atomic with each other, so a process either is
 * told of the loss or learns of it as it registers.
 */
final class RemoteEntries {

    /** Something that crossed a circuit, and the signal to the local process that fires it when the circuit is lost. */
    sealed interface Entry {
        Signal lost();
    }

    /** A link between a local and a remote process: fires as an exit signal from the remote one. */
    record LinkEntry(Pid local, Pid remote) implements Entry {
        @Override
        public Signal lost() {
            return new Signal.LinkExit(remote, local, Reasons.NOCONNECTION);
        }
    }

    /** A monitor a local process holds on a remote one: fires as a DOWN {@code noconnection}. */
    record HeldMonitor(Pid watcher, Ref ref, Term proc) implements Entry {
        @Override
        public Signal lost() {
            return new Signal.MonitorPExit(null, proc, watcher, ref, Reasons.NOCONNECTION);
        }
    }

    /** A spawn request still waiting for its answer: answered {@code noconnection}, as the node would not answer. */
    record PendingSpawn(Pid requester, Ref reqId) implements Entry {
        @Override
        public Signal lost() {
            return Signal.SpawnReply.failed(reqId, requester, Reasons.NOCONNECTION);
        }
    }

    /** A monitor a remote process holds on a local one: forgotten, as if demonitored. */
    record RemoteWatcher(Pid target, Pid watcher, Ref ref) implements Entry {
        @Override
        public Signal lost() {
            return new Signal.DemonitorP(watcher, target, ref);
        }
    }

    private final ConcurrentHashMap<Circuit, Set<ProcessCore>> byCircuit = new ConcurrentHashMap<>();

    /**
     * Notes that {@code process} files entries under {@code circuit}. {@return false if the circuit is lost already}:
     * the process then fires what it would have filed at once
     */
    boolean register(Circuit circuit, ProcessCore process) {
        boolean[] lost = {false};
        byCircuit.compute(circuit, (c, processes) -> {
            if (c.isLost()) {
                lost[0] = true;
                return processes;
            }
            Set<ProcessCore> set = processes == null ? new HashSet<>() : processes;
            set.add(process);
            return set;
        });
        return !lost[0];
    }

    /** {@code process} files nothing under {@code circuit} any more (it ended). */
    void deregister(Circuit circuit, ProcessCore process) {
        byCircuit.computeIfPresent(circuit, (c, processes) -> {
            processes.remove(process);
            return processes.isEmpty() ? null : processes;
        });
    }

    /**
     * {@return the processes that filed entries under {@code circuit}, now lost and forgotten here} The circuit says it
     * is lost before this is called, so that a process registering from now on learns it at once.
     */
    List<ProcessCore> takeAll(Circuit circuit) {
        Set<ProcessCore> processes = byCircuit.remove(circuit);
        return processes == null ? List.of() : List.copyOf(processes);
    }

    /** {@return the counts of {@code entries} by kind} (for diagnostics) */
    static RemoteEntryCounts counts(Iterable<Entry> entries) {
        int links = 0;
        int monitors = 0;
        int monitoredBy = 0;
        int spawns = 0;
        for (Entry entry : entries) {
            switch (entry) {
                case LinkEntry link -> links++;
                case HeldMonitor held -> monitors++;
                case RemoteWatcher watcher -> monitoredBy++;
                case PendingSpawn spawn -> spawns++;
            }
        }
        return new RemoteEntryCounts(links, monitors, monitoredBy, spawns);
    }

    /** {@return the counts of {@code a} and {@code b} together} */
    static RemoteEntryCounts sum(RemoteEntryCounts a, RemoteEntryCounts b) {
        return new RemoteEntryCounts(a.links() + b.links(), a.monitors() + b.monitors(),
                a.monitoredBy() + b.monitoredBy(), a.pendingSpawns() + b.pendingSpawns());
    }
}
