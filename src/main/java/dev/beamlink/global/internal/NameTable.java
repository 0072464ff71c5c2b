package dev.beamlink.global.internal;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.node.Mailbox;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's replica of the global names (global.erl's {@code global_names}, {@code global_pid_names} and
 * {@code global_names_ext} tables). Only {@code global_name_server} changes it, from its own process, which
 * monitors every registered process; any thread may read it.
 */
final class NameTable {

    /** A registered name: the process, its resolve method, and the server's monitor of the process. */
    record Registration(Pid pid, Term method, Ref monitor) {
    }

    private final ConcurrentHashMap<Term, Registration> names = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Pid, List<Term>> namesOfPid = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Term, ExtName> external = new ConcurrentHashMap<>();
    private final Map<Ref, Term> byMonitor = new HashMap<>();

    /** {@return the registration of {@code name}, if any} */
    Optional<Registration> get(Term name) {
        return Optional.ofNullable(names.get(name));
    }

    /** {@return the registered names} */
    List<Term> names() {
        return List.copyOf(names.keySet());
    }

    /** {@return every name as nodes exchange them} ({@code get_names/0}) */
    List<NameEntry> entries() {
        List<NameEntry> entries = new ArrayList<>();
        names.forEach((name, r) -> entries.add(new NameEntry(name, r.pid(), r.method())));
        return entries;
    }

    /** {@return the names registered by nodes without global} ({@code get_names_ext/0}) */
    List<ExtName> externalNames() {
        return List.copyOf(external.values());
    }

    /** {@return whether {@code pid} has a global name} ({@code check_dupname/2}'s question) */
    boolean hasName(Pid pid) {
        return namesOfPid.containsKey(pid);
    }

    /**
     * Registers {@code entry}, replacing what the name had ({@code ins_name/6}): the server monitors the process, so
     * that its end removes the name.
     */
    void insert(NameEntry entry, Mailbox server) {
        Registration old = names.get(entry.name());
        if (old != null) {
            forget(entry.name(), old, server);
        }
        Ref monitor = server.monitor(entry.pid());
        names.put(entry.name(), new Registration(entry.pid(), entry.method(), monitor));
        namesOfPid.compute(entry.pid(), (pid, list) -> {
            List<Term> updated = list == null ? new ArrayList<>() : new ArrayList<>(list);
            updated.add(entry.name());
            return List.copyOf(updated);
        });
        byMonitor.put(monitor, entry.name());
    }

    /** Registers a name of a node without global ({@code ins_name_ext/7}). */
    void insertExternal(NameEntry entry, Atom regNode, Mailbox server) {
        insert(entry, server);
        external.put(entry.name(), new ExtName(entry.name(), entry.pid(), regNode));
    }

    /** Removes {@code name} ({@code delete_global_name2/2}). {@return whether it was registered} */
    boolean delete(Term name, Mailbox server) {
        Registration old = names.remove(name);
        if (old == null) {
            return false;
        }
        forget(name, old, server);
        return true;
    }

    /** The monitor {@code monitor} fired: {@return the name it watched, now removed, if any} ({@code del_name/2}) */
    Optional<Term> down(Ref monitor, Mailbox server) {
        Term name = byMonitor.get(monitor);
        if (name == null) {
            return Optional.empty();
        }
        Registration registration = names.get(name);
        if (registration == null || !registration.monitor().equals(monitor)) {
            byMonitor.remove(monitor);
            return Optional.empty();
        }
        delete(name, server);
        return Optional.of(name);
    }

    /**
     * A new server takes the table over: it monitors every registered process again (the monitors were the old
     * server's). A process that ended meanwhile is found so at once, by its monitor's {@code noproc}.
     */
    void monitorAgain(Mailbox server) {
        byMonitor.clear();
        names.replaceAll((name, registration) -> {
            Ref monitor = server.monitor(registration.pid());
            byMonitor.put(monitor, name);
            return new Registration(registration.pid(), registration.method(), monitor);
        });
    }

    private void forget(Term name, Registration old, Mailbox server) {
        byMonitor.remove(old.monitor());
        server.demonitor(old.monitor(), true);
        namesOfPid.computeIfPresent(old.pid(), (pid, list) -> {
            List<Term> updated = new ArrayList<>(list);
            updated.remove(name);
            return updated.isEmpty() ? null : List.copyOf(updated);
        });
        ExtName ext = external.get(name);
        if (ext != null && ext.pid().equals(old.pid())) {
            external.remove(name);
        }
    }
}
