package dev.beamlink.global.internal;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.ProcessBody;
import dev.beamlink.node.ProcessEnded;
import dev.beamlink.otp.internal.Printed;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registrar (global.erl's {@code loop_the_registrar/0}): registers and unregisters names for this node's Java
 * code, one at a time, as {@code global:register_name/3} and friends do: under global's own lock, taken on every
 * known node with {@code trans_all_known/1}, it asks every node's server to make the change.
 */
final class Registrar implements ProcessBody {

    /** A change to make under the lock, given the nodes it holds; {@code replyTo} gets its {@link Done}. */
    record Job(String what, Change change, Pid replyTo, Ref tag) {
    }

    /** A job's answer: what the change returned, or the exception it failed with (then {@code result} is false). */
    record Done(Ref tag, boolean result, RuntimeException failure) {
    }

    /** What to do under global's lock, from the registrar, on the nodes locked. */
    @FunctionalInterface
    interface Change {
        boolean apply(Mailbox registrar, List<Atom> nodes);
    }

    private static final Logger LOG = LoggerFactory.getLogger(Registrar.class);

    private final LockTable locks;
    private final Partition partition;

    Registrar(LockTable locks, Partition partition) {
        this.locks = locks;
        this.partition = partition;
    }

    @Override
    public void run(Mailbox self) {
        LockRequests requests = new LockRequests(self, locks);
        while (true) {
            Object message = self.receive();
            if (!(message instanceof Job job)) {
                LOG.warn("the global registrar at {} received an unexpected message: {}", self.node().name(), Printed.of(message));
                continue;
            }
            Done done;
            try {
                done = new Done(job.tag(), transAllKnown(self, requests, job.change()), null);
            } catch (ProcessEnded ended) {
                throw ended;
            } catch (RuntimeException e) {
                LOG.warn("global registrar at {}: {} failed", self.node().name(), job.what(), e);
                done = new Done(job.tag(), false, e);
            }
            self.send(job.replyTo(), done);
        }
    }

    /** {@code trans_all_known/1}: runs {@code change} holding {@code {global, Registrar}} on every known node. */
    private boolean transAllKnown(Mailbox self, LockRequests requests, Change change) {
        LockId id = new LockId(GlobalTerms.GLOBAL, self.self());
        List<Atom> nodes = setLockKnown(self, requests, id);
        try {
            return change.apply(self, nodes);
        } finally {
            requests.deleteGlobalLock(id, nodes);
        }
    }

    /**
     * {@code set_lock_known/2}: the boss first, then every node known, and again (after a random sleep) until no node
     * became known meanwhile. {@return the nodes locked, this one first}
     */
    private List<Atom> setLockKnown(Mailbox self, LockRequests requests, LockId id) {
        for (int times = 0; ; times++) {
            List<Atom> known = partition.knownNodes();
            List<Atom> nodes = new ArrayList<>(known.size() + 1);
            nodes.add(self.node().name());
            nodes.addAll(known);
            Atom boss = LockRequests.boss(nodes);
            if (requests.setLockOnNodes(id, List.of(boss))) {
                if (requests.setLockOnNodes(id, nodes) && known.containsAll(partition.knownNodes())) {
                    return nodes;
                }
                requests.delLock(id, List.of(boss));
            }
            requests.randomSleep(times);
        }
    }
}
