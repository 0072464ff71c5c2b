package dev.beamlink.node;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** The node's live processes by pid, its registry of names, and the active process aliases. */
final class ProcessTable {

    private final ConcurrentHashMap<Pid, ProcessCore> processes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Atom, ProcessCore> names = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Ref, ProcessCore> aliases = new ConcurrentHashMap<>();

    /** {@return whether the pid was free, and is now this process's} */
    boolean add(ProcessCore process) {
        return processes.putIfAbsent(process.pid, process) == null;
    }

    void remove(ProcessCore process) {
        processes.remove(process.pid, process);
    }

    /** {@return the live process with this pid, or null} */
    ProcessCore get(Pid pid) {
        return processes.get(pid);
    }

    List<ProcessCore> all() {
        return List.copyOf(processes.values());
    }

    List<Pid> pids() {
        return List.copyOf(processes.keySet());
    }

    int size() {
        return processes.size();
    }

    /** {@return whether the name was free and now names {@code process}} */
    boolean register(Atom name, ProcessCore process) {
        return names.putIfAbsent(name, process) == null;
    }

    void unregister(Atom name, ProcessCore process) {
        names.remove(name, process);
    }

    /** {@return the process registered as {@code name}, or null} */
    ProcessCore whereis(Atom name) {
        return names.get(name);
    }

    List<Atom> registered() {
        return List.copyOf(names.keySet());
    }

    void addAlias(Ref alias, ProcessCore process) {
        aliases.put(alias, process);
    }

    void removeAlias(Ref alias, ProcessCore process) {
        aliases.remove(alias, process);
    }

    /** {@return the process that holds the alias, or null} */
    ProcessCore aliasOwner(Ref alias) {
        return aliases.get(alias);
    }
}
