package dev.beamlink.global.internal;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.ProcessBody;
import dev.beamlink.otp.internal.Printed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The locker, global's satellite of {@code global_name_server} ({@code loop_the_locker/1}): for every node in a
 * connect session it tries to set global's lock on our whole partition plus that node, under the lock id both
 * lockers compute alike ({@code {global, sort([Locker1, Locker2])}}). The lockers tell each other through the servers
 * ({@code {lock_set, Locker, IsSet, Known, HisTag}}); once both partitions are locked, the locker tells our server
 * ({@code lock_is_set}) and holds the lock until the server cancels the session, running the server's
 * {@code new_nodes} broadcast, if any, just before it releases the lock.
 */
final class Locker implements ProcessBody {

    private static final Logger LOG = LoggerFactory.getLogger(Locker.class);

    /** A node in a session: global.erl's {@code #peer{}}. */
    private record PeerLocker(Atom node, Pid locker, int vsn, Term myTag, Term hisTag) {
    }

    private final LockTable locks;
    private final List<PeerLocker> local = new ArrayList<>();
    private final List<PeerLocker> remote = new ArrayList<>();
    private final List<Atom> known = new ArrayList<>();
    private boolean justSynced;
    private Mailbox self;
    private LockRequests requests;

    Locker(LockTable locks) {
        this.locks = locks;
    }

    @Override
    public void run(Mailbox mailbox) {
        this.self = mailbox;
        this.requests = new LockRequests(mailbox, locks);
        while (true) {
            try {
                step();
            } catch (RuntimeException e) {
                LOG.warn("global locker at {}: dropped a step that failed", self.node().name(), e);
            }
        }
    }

    private Atom selfNode() {
        return self.node().name();
    }

    /** One turn of {@code loop_the_locker/1}: a message if there is one, else a try at the locks when the time comes. */
    private void step() {
        Optional<Object> message = self.receive(Duration.ZERO);
        if (message.isPresent()) {
            handle(message.get());
            return;
        }
        Duration timeout;
        if (local.isEmpty() && remote.isEmpty()) {
            timeout = null;
        } else if (justSynced) {
            timeout = Duration.ZERO;
        } else if (known.isEmpty()) {
            timeout = Duration.ofMillis(200);
        } else {
            timeout = Duration.ofMillis(Math.min(1000 + 100L * known.size(), 3000));
        }
        justSynced = false;
        message = timeout == null ? Optional.of(self.receive()) : self.receive(timeout);
        if (message.isPresent()) {
            handle(message.get());
        } else if (!locks.isGlobalLockSet()) {
            selectNode();
        }
    }

    private void handle(Object message) {
        LOG.debug("global locker at {} received {}", selfNode(), message);
        switch (message) {
            case LockerEvent.HisTheLocker h -> {
                if (h.vsn() <= 4) {
                    LOG.warn("global locker at {}: {} speaks global protocol {}, older than 5: ignored",
                            selfNode(), h.locker().node(), h.vsn());
                    return;
                }
                PeerLocker peer = new PeerLocker(h.locker().node(), h.locker(), h.vsn(), h.myTag(), h.hisTag());
                (isLocalHost(peer.node()) ? local : remote).add(0, peer);
            }
            case LockerEvent.Cancel c when c.tag() == null -> {
                // A cancel of a session never begun may be an old nodedown's: it must not cancel a new nodeup's.
            }
            case LockerEvent.Cancel c when c.beforeUnlock() == null -> removeNode(c.node(), c.tag());
            case LockerEvent.Cancel c -> LOG.warn("global locker at {}: a cancel of {} with a task arrived while "
                    + "no lock was held for it: dropped", selfNode(), c.node());
            case LockerEvent.AddToKnown a -> addToKnown(a.nodes());
            case LockerEvent.RemoveFromKnown r -> known.remove(r.node());
            case LockerEvent.LockSetFrom l -> lockSetFrom(l);
            case Tuple t -> {
                LockerEvent.LockSetFrom direct = directLockSet(t);
                if (direct != null) {
                    lockSetFrom(direct);
                } else {
                    LOG.warn("global locker at {}: unexpected message {}", selfNode(), Printed.of(t));
                }
            }
            default -> LOG.warn("global locker at {}: unexpected message {}", selfNode(), Printed.of(message));
        }
    }

    /** A {@code lock_set} an older locker sent straight to ours (vsn 5, and the "not there" answer). */
    private static LockerEvent.LockSetFrom directLockSet(Object message) {
        if (message instanceof Tuple t && t.size() > 0 && t.get(0).equals(Atom.of("lock_set"))) {
            try {
                if (InboundParser.cast(t) instanceof Inbound.LockSet lockSet) {
                    return new LockerEvent.LockSetFrom(lockSet.locker().node(), lockSet);
                }
            } catch (GlobalTerms.MalformedMessage e) {
                LOG.warn("global locker: a malformed lock_set: {}", e.getMessage());
            }
        }
        return null;
    }

    /** A lock_set while we are not waiting for one: the other locker locked first ("spontaneous"). */
    private void lockSetFrom(LockerEvent.LockSetFrom message) {
        Inbound.LockSet lockSet = message.lockSet();
        if (!lockSet.set()) {
            return; // spurious
        }
        PeerLocker peer = find(message.node());
        Term myTag = lockSet.tag() != null ? lockSet.tag() : peer == null ? null : peer.myTag();
        if (peer == null || !peer.myTag().equals(myTag)) {
            sendLockSet(false, lockSet.locker(), 5, null);
            return;
        }
        LockId lock = LockId.ofLockers(self.self(), lockSet.locker());
        boolean isSet = lockNodesSafely(lock, List.of());
        sendLockSet(isSet, lockSet.locker(), peer.vsn(), peer.hisTag());
        if (isSet) {
            List<Atom> known2 = new ArrayList<>();
            known2.add(selfNode());
            known2.addAll(known);
            self.send(GlobalTerms.GLOBAL_NAME_SERVER, selfNode(), new ServerEvent.LockIsSet(peer.node(), myTag, lock));
            waitCancelLock(peer.node(), lock, myTag, known2);
            justSynced = true;
            removeNode(peer.node(), myTag);
        } else {
            justSynced = false;
        }
    }

    /** {@code select_node/1}: try to lock our partition and one node of a session, local hosts first. */
    private void selectNode() {
        List<PeerLocker> others = local.isEmpty() ? remote : local;
        others.removeIf(peer -> known.contains(peer.node()));
        if (others.isEmpty()) {
            return;
        }
        PeerLocker peer = others.get(ThreadLocalRandom.current().nextInt(others.size()));
        LockId lock = LockId.ofLockers(self.self(), peer.locker());
        // Locking his node too ([Node] as the extra node) is what prevents a deadlock between the partitions.
        if (!lockNodesSafely(lock, List.of(peer.node()))) {
            return;
        }
        List<Atom> known1 = new ArrayList<>(List.of(selfNode(), peer.node()));
        known1.addAll(known);
        sendLockSet(true, peer.locker(), peer.vsn(), peer.hisTag());
        awaitPeerLock(peer, known1, lock);
    }

    /** {@code lock_is_set/5}: our partition is locked; wait for the other locker's answer, or a cancel. */
    private void awaitPeerLock(PeerLocker peer, List<Atom> known1, LockId lock) {
        while (true) {
            Object message = self.receiveIf(m -> isFromPeer(m, peer));
            if (message instanceof LockerEvent.Cancel cancel) {
                runTask(cancel);
                requests.deleteGlobalLock(lock, known1);
                removeNode(peer.node(), peer.myTag());
                return;
            }
            Inbound.LockSet answer = asLockSet(message).lockSet();
            if (answer.tag() != null && !answer.tag().equals(peer.myTag())) {
                continue; // an answer in an older session
            }
            if (!answer.set()) {
                requests.deleteGlobalLock(lock, known1);
                return;
            }
            self.send(GlobalTerms.GLOBAL_NAME_SERVER, selfNode(), new ServerEvent.LockIsSet(peer.node(), peer.myTag(), lock));
            waitCancelLock(peer.node(), lock, peer.myTag(), known1);
            justSynced = true;
            local.remove(peer);
            remote.remove(peer);
            return;
        }
    }

    private boolean isFromPeer(Object message, PeerLocker peer) {
        if (message instanceof LockerEvent.Cancel c) {
            return c.node().equals(peer.node()) && Objects.equals(c.tag(), peer.myTag());
        }
        LockerEvent.LockSetFrom lockSet = asLockSet(message);
        return lockSet != null && lockSet.node().equals(peer.node());
    }

    private static LockerEvent.LockSetFrom asLockSet(Object message) {
        return message instanceof LockerEvent.LockSetFrom l ? l : directLockSet(message);
    }

    /** {@code wait_cancel_lock/6}: hold the lock until the server ends the session, then release it. */
    private void waitCancelLock(Atom node, LockId lock, Term myTag, List<Atom> lockedNodes) {
        Object message = self.receiveIf(m -> m instanceof LockerEvent.Cancel c && c.node().equals(node)
                && Objects.equals(c.tag(), myTag));
        runTask((LockerEvent.Cancel) message);
        requests.deleteGlobalLock(lock, lockedNodes);
    }

    private void runTask(LockerEvent.Cancel cancel) {
        if (cancel.beforeUnlock() != null) {
            cancel.beforeUnlock().accept(self);
        }
    }

    /**
     * {@code lock_nodes_safely/3}: the boss first (every node locks it first, so two lockers cannot each hold half
     * of a partition), then this node and {@code extra}, then the rest of the partition; all or nothing.
     */
    private boolean lockNodesSafely(LockId lock, List<Atom> extra) {
        Atom boss = LockRequests.boss(withSelf(known));
        List<Atom> first = List.of(boss);
        if (!boss.equals(selfNode()) && !locks.canSet(lock)) {
            return false;
        }
        if (!requests.setLockOnNodes(lock, first)) {
            return false;
        }
        updateKnown();
        List<Atom> second = new ArrayList<>(withSelf(extra));
        second.removeAll(first);
        if (!requests.setLockOnNodes(lock, second)) {
            requests.delLock(lock, first);
            return false;
        }
        List<Atom> rest = new ArrayList<>(known);
        rest.removeAll(first);
        if (!requests.setLockOnNodes(lock, rest)) {
            List<Atom> soFar = new ArrayList<>(first);
            soFar.addAll(second);
            requests.delLock(lock, soFar);
            return false;
        }
        return true;
    }

    private List<Atom> withSelf(List<Atom> nodes) {
        List<Atom> all = new ArrayList<>(nodes.size() + 1);
        all.add(selfNode());
        all.addAll(nodes);
        return all;
    }

    /** {@code update_locker_known/1}: take in the changes to the partition that are waiting. */
    private void updateKnown() {
        while (true) {
            Optional<Object> change = self.receiveIf(m -> m instanceof LockerEvent.AddToKnown
                    || m instanceof LockerEvent.RemoveFromKnown, Duration.ZERO);
            if (change.isEmpty()) {
                return;
            }
            handle(change.get());
        }
    }

    private void addToKnown(List<Atom> nodes) {
        known.addAll(0, nodes);
    }

    /** {@code send_lock_set/5}: through his server from vsn 6 on, straight to his locker before. */
    private void sendLockSet(boolean isSet, Pid hisLocker, int vsn, Term hisTag) {
        Tuple message = Outbound.lockSet(self.self(), isSet, known,
                vsn < Partition.VERIFY_CONNECT_VSN ? null : hisTag);
        if (vsn < 6) {
            self.send(hisLocker, message);
        } else {
            self.send(GlobalTerms.GLOBAL_NAME_SERVER, hisLocker.node(), GlobalTerms.cast(message));
        }
    }

    private PeerLocker find(Atom node) {
        for (PeerLocker peer : local) {
            if (peer.node().equals(node)) {
                return peer;
            }
        }
        for (PeerLocker peer : remote) {
            if (peer.node().equals(node)) {
                return peer;
            }
        }
        return null;
    }

    private void removeNode(Atom node, Term tag) {
        local.removeIf(peer -> peer.node().equals(node) && peer.myTag().equals(tag));
        remote.removeIf(peer -> peer.node().equals(node) && peer.myTag().equals(tag));
    }

    /** {@code is_node_local/1}: a node on this host (global compares with the host name; we with our own node's host). */
    private boolean isLocalHost(Atom node) {
        return host(node).equals(host(selfNode()));
    }

    private static String host(Atom node) {
        String text = node.text();
        return text.substring(text.indexOf('@') + 1);
    }
}
