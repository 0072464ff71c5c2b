package dev.beamlink.global.internal;

import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.node.Mailbox;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The global locks set on this node (global.erl's {@code global_locks} and {@code global_pid_ids} tables): a
 * resource is locked for one requester id at a time, by any number of processes, each monitored by the server so
 * that its end releases its hold. Only {@code global_name_server} changes it; the locker reads it.
 */
final class LockTable {

    /** A process holding a lock, and the server's monitor of it. */
    record Holder(Pid pid, Ref monitor) {
    }

    /** A locked resource: the requester id it is locked for, and the processes that hold it. */
    record Lock(Term requester, List<Holder> holders) {
    }

    private final ConcurrentHashMap<Term, Lock> locks = new ConcurrentHashMap<>();
    private final Map<Ref, Term> byMonitor = new HashMap<>();
    private volatile boolean globalLockDown;

    /**
     * {@return whether {@code id} could be set here now} ({@code can_set_lock/1}): the resource is free, or locked
     * for the same requester id
     */
    boolean canSet(LockId id) {
        Lock lock = locks.get(id.resource());
        return lock == null || lock.requester().equals(id.requester());
    }

    /** {@return whether global's own resource is locked here} ({@code is_global_lock_set/0}) */
    boolean isGlobalLockSet() {
        return locks.containsKey(GlobalTerms.GLOBAL);
    }

    /** {@return the lock on global's own resource, null if none} */
    Lock globalLock() {
        return locks.get(GlobalTerms.GLOBAL);
    }

    /** {@return whether global's lock was last released because its holder ended} ({@code global_lock_down}) */
    boolean globalLockDown() {
        return globalLockDown;
    }

    /** Sets {@code id} for {@code pid} ({@code handle_set_lock/3}). {@return whether it is set} */
    boolean set(LockId id, Pid pid, Mailbox server) {
        if (!canSet(id)) {
            return false;
        }
        Lock lock = locks.get(id.resource());
        List<Holder> holders = lock == null ? List.of() : lock.holders();
        if (holders.stream().anyMatch(h -> h.pid().equals(pid))) {
            return true;
        }
        Ref monitor = server.monitor(pid);
        List<Holder> updated = new ArrayList<>(holders.size() + 1);
        updated.add(new Holder(pid, monitor));
        updated.addAll(holders);
        locks.put(id.resource(), new Lock(id.requester(), List.copyOf(updated)));
        byMonitor.put(monitor, id.resource());
        return true;
    }

    /** Releases {@code pid}'s hold of {@code id} ({@code handle_del_lock/3}); a lock for another requester stays. */
    void delete(LockId id, Pid pid, Mailbox server) {
        Lock lock = locks.get(id.resource());
        if (lock == null || !lock.requester().equals(id.requester())) {
            return;
        }
        for (Holder holder : lock.holders()) {
            if (holder.pid().equals(pid)) {
                release(id.resource(), lock, holder, false, server);
                return;
            }
        }
    }

    /** The monitor {@code monitor} fired: its holder's holds are released ({@code delete_lock/2}). */
    void down(Ref monitor, Mailbox server) {
        Term resource = byMonitor.get(monitor);
        if (resource == null) {
            return;
        }
        Lock lock = locks.get(resource);
        if (lock != null) {
            for (Holder holder : lock.holders()) {
                if (holder.monitor().equals(monitor)) {
                    release(resource, lock, holder, true, server);
                    return;
                }
            }
        }
        byMonitor.remove(monitor);
    }

    /**
     * A new server takes the table over: it monitors every holder again (the monitors were the old server's). A holder
     * that ended meanwhile is found so at once, by its monitor's {@code noproc}.
     */
    void monitorAgain(Mailbox server) {
        byMonitor.clear();
        locks.replaceAll((resource, lock) -> {
            List<Holder> holders = new ArrayList<>(lock.holders().size());
            for (Holder holder : lock.holders()) {
                Ref monitor = server.monitor(holder.pid());
                holders.add(new Holder(holder.pid(), monitor));
                byMonitor.put(monitor, resource);
            }
            return new Lock(lock.requester(), List.copyOf(holders));
        });
    }

    /** {@code remove_lock/6}: the last holder frees the resource; global's own records why it was freed. */
    private void release(Term resource, Lock lock, Holder holder, boolean down, Mailbox server) {
        byMonitor.remove(holder.monitor());
        server.demonitor(holder.monitor(), true);
        List<Holder> rest = new ArrayList<>(lock.holders());
        rest.remove(holder);
        if (rest.isEmpty()) {
            locks.remove(resource);
            if (resource.equals(GlobalTerms.GLOBAL)) {
                globalLockDown = down;
            }
        } else {
            locks.put(resource, new Lock(lock.requester(), List.copyOf(rest)));
        }
    }
}
