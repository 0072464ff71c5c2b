package dev.beamlink.node;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.node.spi.Signal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which links and monitors cross the connection to each other node, so that losing the connection
 * fires each of them exactly once with {@code noconnection} (docs/semantics.md, "Connections and nodes";
 * erl_dist_protocol, "Link Protocol": "exit signals with exit reason noconnection are sent to all
 * processes with links over the connection").
 *
 * <p>A process adds an entry when its own tables gain a remote peer and removes it when they lose it,
 * under its own lock. Adding and taking a node's entries are atomic with each other, so an entry is
 * either taken by a connection loss or still there for the next one.
 */
final class RemoteEntries {

    /** Something that crossed a connection, and the signal that fires it when the connection is lost. */
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

    private final ConcurrentHashMap<Atom, Set<Entry>> byNode = new ConcurrentHashMap<>();

    void add(Atom node, Entry entry) {
        byNode.compute(node, (n, entries) -> {
            Set<Entry> set = entries == null ? new HashSet<>() : entries;
            set.add(entry);
            return set;
        });
    }

    void remove(Atom node, Entry entry) {
        byNode.computeIfPresent(node, (n, entries) -> {
            entries.remove(entry);
            return entries.isEmpty() ? null : entries;
        });
    }

    /** {@return every entry over the connection to {@code node}, now forgotten} */
    List<Entry> takeAll(Atom node) {
        Set<Entry> entries = byNode.remove(node);
        return entries == null ? List.of() : List.copyOf(entries);
    }

    /** {@return how many entries cross connections to all nodes, by kind} */
    RemoteEntryCounts counts() {
        int[] byKind = new int[4];
        for (Atom node : byNode.keySet()) {
            byNode.computeIfPresent(node, (n, entries) -> {
                for (Entry entry : entries) {
                    byKind[switch (entry) {
                        case LinkEntry link -> 0;
                        case HeldMonitor held -> 1;
                        case RemoteWatcher watcher -> 2;
                        case PendingSpawn spawn -> 3;
                    }]++;
                }
                return entries;
            });
        }
        return new RemoteEntryCounts(byKind[0], byKind[1], byKind[2], byKind[3]);
    }

    /** {@return how many entries cross the connection to {@code node}} */
    int count(Atom node) {
        int[] count = {0};
        byNode.computeIfPresent(node, (n, entries) -> {
            count[0] = entries.size();
            return entries;
        });
        return count[0];
    }
}
