package dev.beamlink.global.internal;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.TermOrder;
import dev.beamlink.node.Mailbox;
import dev.beamlink.otp.GenServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Setting and deleting a global lock on a set of nodes from one process, as global.erl's {@code set_lock_on_nodes},
 * {@code del_lock} and {@code delete_global_lock} do it: {@code {set_lock, Id}} to every node's server at once, and
 * when one says no, the holds that were granted are given back.
 */
final class LockRequests {

    private final Mailbox self;
    private final LockTable localLocks;

    LockRequests(Mailbox self, LockTable localLocks) {
        this.self = self;
        this.localLocks = localLocks;
    }

    /** {@return whether {@code id} is now set on every node of {@code nodes} that answered} */
    boolean setLockOnNodes(LockId id, List<Atom> nodes) {
        if (nodes.isEmpty()) {
            return true;
        }
        // local_lock_check: when this node is one of several, probe it first before asking the others.
        if (nodes.size() > 1 && nodes.contains(self.node().name()) && !localLocks.canSet(id)) {
            return false;
        }
        Map<Atom, Object> replies = GenServer.multiCall(self, nodes, GlobalTerms.GLOBAL_NAME_SERVER,
                new Request.SetLock(id).toTerm(), GenServer.INFINITY).replies();
        List<Atom> granted = new ArrayList<>();
        replies.forEach((node, reply) -> {
            if (reply.equals(Atom.TRUE)) {
                granted.add(node);
            }
        });
        if (granted.size() == replies.size()) {
            return true;
        }
        if (replies.size() > 1) {
            delLock(id, granted);
        }
        return false;
    }

    /** Releases {@code id} on {@code nodes} ({@code del_lock/2}). */
    void delLock(LockId id, List<Atom> nodes) {
        if (!nodes.isEmpty()) {
            GenServer.multiCall(self, nodes, GlobalTerms.GLOBAL_NAME_SERVER, new Request.DelLock(id).toTerm(),
                    GenServer.INFINITY);
        }
    }

    /** Releases {@code id} on {@code nodes}, the boss last ({@code delete_global_lock/2}). */
    void deleteGlobalLock(LockId id, List<Atom> nodes) {
        Atom boss = boss(nodes);
        List<Atom> others = new ArrayList<>(nodes);
        others.remove(boss);
        delLock(id, others);
        delLock(id, List.of(boss));
    }

    /** {@return the greatest node name, which every node locks first} ({@code the_boss/1}) */
    static Atom boss(List<Atom> nodes) {
        Atom boss = nodes.getFirst();
        for (Atom node : nodes) {
            if (TermOrder.STANDARD.compare(node, boss) > 0) {
                boss = node;
            }
        }
        return boss;
    }

    /** Waits a random while, longer each time ({@code random_sleep/1}): 1/4 s at first, doubling up to 8 s. */
    void randomSleep(int times) {
        int max = times > 5 ? 8000 : (1 << times) * 1000 / 8;
        long millis = 1 + ThreadLocalRandom.current().nextInt(max);
        self.receiveIf(message -> false, Duration.ofMillis(millis));
    }
}
