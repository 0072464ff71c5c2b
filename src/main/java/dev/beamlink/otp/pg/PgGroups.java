package dev.beamlink.otp.pg;

import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A scope's groups as every process of the node reads them (pg.erl's ETS table): for each group, all its members and
 * those of this node. Only the scope's server writes it; readers see each group change whole.
 */
final class PgGroups {

    /** A group's members, newest first, a process as many times as it joined. */
    record Members(List<Pid> all, List<Pid> local) {
        Members {
            all = List.copyOf(all);
            local = List.copyOf(local);
        }
    }

    private final Map<Term, Members> groups = new ConcurrentHashMap<>();

    Members get(Term group) {
        return groups.get(group);
    }

    void put(Term group, List<Pid> all, List<Pid> local) {
        groups.put(group, new Members(all, local));
    }

    void remove(Term group) {
        groups.remove(group);
    }

    void clear() {
        groups.clear();
    }

    List<Pid> all(Term group) {
        Members members = groups.get(group);
        return members == null ? List.of() : members.all();
    }

    List<Pid> local(Term group) {
        Members members = groups.get(group);
        return members == null ? List.of() : members.local();
    }

    List<Term> groups() {
        return List.copyOf(groups.keySet());
    }

    List<Term> localGroups() {
        List<Term> out = new ArrayList<>();
        groups.forEach((group, members) -> {
            if (!members.local().isEmpty()) {
                out.add(group);
            }
        });
        return out;
    }

    Map<Term, List<Pid>> snapshot() {
        Map<Term, List<Pid>> out = new java.util.HashMap<>();
        groups.forEach((group, members) -> out.put(group, members.all()));
        return out;
    }
}
