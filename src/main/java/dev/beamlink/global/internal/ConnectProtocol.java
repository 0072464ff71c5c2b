package dev.beamlink.global.internal;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.node.Mailbox;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * global's connect protocol on this node's server (global.erl, "Connection algorithm"), for nodes A (us) and B:
 *
 * <ol>
 *   <li>nodeup B: a new tag and a resolver for the session; {@code init_connect} to B.</li>
 *   <li>{@code init_connect} from B: his tag and locker go to our locker ({@code his_the_locker});
 *       {@code init_connect_ack} back (vsn 8); B is pending. One that comes before our nodeup waits for it.</li>
 *   <li>The lockers lock both partitions ({@link Locker}); ours says {@code lock_is_set}: our names go to B
 *       ({@code exchange}).</li>
 *   <li>Lock set and B's {@code exchange} here: his names go to our resolver, which answers {@code exchange_ops};
 *       our {@code resolved} (the clashes we resolved, our partition) goes to B.</li>
 *   <li>Our ops and B's {@code resolved} both here: the operations are applied, the other partition's nodes are
 *       synced ({@code in_sync}) and become known, and the locker, before it unlocks, tells our partition
 *       ({@code new_nodes}).</li>
 * </ol>
 *
 * Every step checks the session's tag; a message of an old session cancels it. A node that goes down ends its
 * session, and its loss is reported to our partition ({@link OverlapGuard}).
 */
final class ConnectProtocol {

    /** Why a node leaves the partition: {@code handle_nodedown/3}'s {@code What}. */
    enum Leaving { DISCONNECTED, REMOVE_CONNECTION }

    private static final Logger LOG = LoggerFactory.getLogger(ConnectProtocol.class);

    private record ResolverRef(Term tag, Pid pid) {
    }

    private final ServerContext ctx;
    private final NameService names;
    private final OverlapGuard guard;
    private final SyncWaiters syncers;
    private final Map<Atom, Session> sessions = new HashMap<>();
    private final Map<Atom, ResolverRef> resolvers = new HashMap<>();

    ConnectProtocol(ServerContext ctx, NameService names, OverlapGuard guard, SyncWaiters syncers) {
        this.ctx = ctx;
        this.names = names;
        this.guard = guard;
        this.syncers = syncers;
    }

    private Session session(Atom node) {
        return sessions.computeIfAbsent(node, n -> new Session());
    }

    /** {@return our tag of the session with {@code node}, null if none} ({@code sync_tag_my}) */
    Term myTag(Atom node) {
        Session session = sessions.get(node);
        return session == null ? null : session.myTag;
    }

    /**
     * {@return the session with {@code node} when {@code tag} is its tag} A message of another session cancels that
     * one instead ("Illegal tag, delete the old sync session"), and null comes back.
     */
    private Session current(Atom node, Term tag) {
        Session session = sessions.get(node);
        if (session != null && tag.equals(session.myTag)) {
            return session;
        }
        cancelLocker(node, tag, null);
        return null;
    }

    /** {@code reset_node_state/1}. */
    private void reset(Atom node) {
        sessions.remove(node);
    }

    // ---------------------------------------------------------------- 1. nodeup

    /** {@code handle_nodeup/2}: make ourselves known to {@code node}, unless it is known or a session is on. */
    void nodeUp(Atom node) {
        if (ctx.partition.isKnown(node) || resolvers.containsKey(node)) {
            return;
        }
        Session early = sessions.get(node);
        if (early != null && early.preConnect != null) {
            Inbound.InitConnect again = early.preConnect;
            early.preConnect = null;
            ctx.self.send(ctx.self.self(), again); // handled after this, as global casts it to itself
        }
        Term myTag = ctx.uniqueInteger();
        session(node).myTag = myTag;
        ctx.send(node, Outbound.initConnect(Partition.VSN, myTag, ctx.node, ctx.partition.knownMap(), ctx.locker));
        Pid resolver = ctx.self.spawn(new Resolver(node, myTag, ctx.names, ctx.self.self()));
        resolvers.put(node, new ResolverRef(myTag, resolver));
    }

    // ---------------------------------------------------------------- 2. init_connect

    void initConnect(Inbound.InitConnect m) {
        Atom node = m.node();
        if (m.hisVsn() < 5) {
            LOG.info("Illegal global protocol version {} Node: {}", m.hisVsn(), node);
            return;
        }
        if (!ctx.cluster.isConnected(node)) {
            // A session is only for a node connected now (its nodeup may still be on its way): no state for others.
            LOG.warn("global_name_server at {}: init_connect for {}, a node not connected: dropped", ctx.node, node);
            return;
        }
        // It is the newer side's task to speak the older's version.
        int vsn = m.newerShape() ? Partition.VSN : Math.min(m.hisVsn(), Partition.VSN);
        if (ctx.partition.isPending(node)) {
            // A second connect attempt while one is on: only possible with global groups.
            if (m.hisVsn() < Partition.VERIFY_CONNECT_VSN) {
                ctx.cluster.disconnect(node);
                LOG.error("'global' at node {} got an out of sync connection attempt from old version {} node {}. "
                        + "Disconnecting from it.", ctx.node, m.hisVsn(), node);
                return;
            }
            sendCancelConnect(node, m.hisTag());
            restartConnect(node, myTag(node));
        }
        Session session = session(node);
        session.protVsn = Int.of(vsn);
        session.hisTag = m.hisTag();
        ResolverRef resolver = resolvers.get(node);
        if (resolver == null) {
            session.preConnect = new Inbound.InitConnect(vsn, m.hisTag(), node, m.hisLocker(), false);
            return;
        }
        Term myTag = session.myTag;
        ctx.tellLocker(new LockerEvent.HisTheLocker(m.hisLocker(), vsn, m.hisTag(), myTag));
        if (m.hisVsn() >= Partition.VERIFY_CONNECT_VSN) {
            ctx.sendVolatile(node, Outbound.initConnectAck(ctx.node, m.hisTag(), myTag));
        }
        ctx.partition.setPending(node, m.hisVsn());
    }

    /** {@code init_connect_ack}: he has the session we have, or both sides start over. */
    void initConnectAck(Inbound.InitConnectAck m) {
        Session session = sessions.get(m.node());
        Term myTag = session == null ? null : session.myTag;
        Term hisTag = session == null ? null : session.hisTag;
        if (!Objects.equals(myTag, m.hisMyTag()) || !Objects.equals(hisTag, m.hisHisTag())) {
            sendCancelConnect(m.node(), m.hisHisTag());
            restartConnect(m.node(), myTag);
        }
    }

    /** {@code cancel_connect}: the other side gave up our current session; start another. */
    void cancelConnect(Inbound.CancelConnect m) {
        Term myTag = myTag(m.node());
        if (myTag != null && myTag.equals(m.tag())) {
            cancelLocker(m.node(), myTag, null);
            reset(m.node());
            ctx.partition.clearPending(m.node());
            restartConnect(m.node(), myTag);
        }
    }

    private void restartConnect(Atom node, Term myTag) {
        cancelLocker(node, myTag, null);
        reset(node);
        ctx.partition.clearPending(node);
        if (myTag != null) {
            nodeUp(node);
        }
    }

    // ---------------------------------------------------------------- 3. lock_is_set

    void lockIsSet(ServerEvent.LockIsSet m) {
        Atom node = m.node();
        Session session = current(node, m.myTag());
        if (session == null) {
            return;
        }
        ctx.send(node, Outbound.exchange(ctx.node, ctx.names.entries(), session.hisTag));
        session.lock = m.lock();
        session.lockIsSet = true;
        if (session.earlyExchange != null) {
            List<NameEntry> his = session.earlyExchange;
            session.earlyExchange = null;
            exchange(node, his);
        }
    }

    // ---------------------------------------------------------------- 4. exchange, exchange_ops

    void exchange(Inbound.Exchange m) {
        if (current(m.node(), m.tag()) != null) {
            exchange(m.node(), m.names());
        }
    }

    /** Both partitions locked and his names here: to the resolver; else his names wait for our lock. */
    private void exchange(Atom node, List<NameEntry> his) {
        Session session = session(node);
        if (session.lockIsSet) {
            session.lockIsSet = false;
            ResolverRef resolver = resolvers.get(node);
            if (resolver != null) {
                ctx.self.send(resolver.pid(), new Resolver.Resolve(his, node));
            }
        } else {
            session.earlyExchange = his;
        }
    }

    void exchangeOps(ServerEvent.ExchangeOps m) {
        Atom node = m.node();
        Session session = current(node, m.myTag());
        if (session == null) {
            return;
        }
        ctx.send(node, Outbound.resolved(ctx.node, m.resolved(), ctx.partition.knownList(ctx.partition.vsnOf(node)),
                ctx.names.externalNames(), session.hisTag));
        Inbound.Resolved early = session.earlyResolved;
        session.earlyResolved = null;
        session.ops = m.ops();
        if (early != null) {
            resolved(early);
        }
    }

    // ---------------------------------------------------------------- 5. resolved, new_nodes, in_sync

    void resolvedFromPeer(Inbound.Resolved m) {
        Session session = current(m.node(), m.tag());
        if (session == null) {
            return;
        }
        if (session.ops != null) {
            resolved(m);
        } else {
            session.earlyResolved = m;
        }
    }

    /** {@code resolved/5}: both sides' operations are here; the partitions become one. */
    private void resolved(Inbound.Resolved his) {
        Atom node = his.node();
        Session session = session(node);
        List<NameOp> ops = new ArrayList<>(session.ops);
        ops.addAll(his.ops());
        Map<Atom, Integer> knownBefore = ctx.partition.knownVersions();
        List<KnownNode> all = new ArrayList<>();
        all.add(new KnownNode(node, 0));
        all.addAll(his.hisKnown());
        List<KnownNode> newNodes = ctx.partition.withVersions(all);
        List<Atom> hisKnownNodes = his.hisKnown().stream().map(KnownNode::node).toList();
        syncOthers(hisKnownNodes);
        Term lockTerm = session.lock == null ? Atom.UNDEFINED : session.lock.toTerm();
        Term extraInfo = Outbound.extraInfo(session.protVsn == null ? Atom.UNDEFINED : session.protVsn, lockTerm);
        names.apply(ops, ctx.node, his.namesExt(), lockTerm);
        syncers.settled(node);
        for (Atom other : hisKnownNodes) {
            cancelResolvedLocker(other, null);
        }
        List<NameOp> allOps = List.copyOf(ops);
        List<ExtName> namesExt = his.namesExt();
        // The locker that took the lock sends new_nodes before it unlocks: our partition gets it before del_lock.
        Consumer<Mailbox> tellPartition = locker -> knownBefore.forEach((n, v) -> locker.send(GlobalTerms.GLOBAL_NAME_SERVER, n,
                Outbound.newNodes(ctx.node, allOps, namesExt, nodesFor(v, newNodes), extraInfo)));
        cancelResolvedLocker(node, tellPartition);
        List<Atom> added = ctx.partition.addToKnown(newNodes);
        ctx.tellLocker(new LockerEvent.AddToKnown(added));
        ctx.partition.addSynced(node);
    }

    private static Term nodesFor(int vsn, List<KnownNode> nodes) {
        List<Term> out = new ArrayList<>();
        for (KnownNode n : nodes) {
            out.add(vsn >= Partition.PGPV_VSN ? n.toTerm() : n.node());
        }
        return ErlList.from(out);
    }

    private void cancelResolvedLocker(Atom node, Consumer<Mailbox> beforeUnlock) {
        Term tag = myTag(node);
        ctx.partition.clearPending(node);
        cancelLocker(node, tag, beforeUnlock);
        reset(node);
    }

    /** {@code new_nodes}: a node of our partition joined another one; its nodes become ours. */
    void newNodes(Inbound.NewNodes m) {
        List<Atom> added = ctx.partition.addToKnown(m.nodes());
        syncOthers(added);
        names.apply(m.ops(), m.node(), m.namesExt(), m.lock());
        ctx.tellLocker(new LockerEvent.AddToKnown(added));
    }

    /** {@code in_sync}: a node of the other partition has our names. */
    void inSync(Inbound.InSync m) {
        Atom node = m.node();
        syncers.settled(node);
        ctx.partition.addSynced(node);
        ctx.partition.clearPending(node);
        cancelLocker(node, myTag(node), null);
        reset(node);
    }

    /** {@code sync_others/1}: connect to each node and tell it we are in sync, each from a process of its own. */
    private void syncOthers(List<Atom> nodes) {
        for (Atom node : nodes) {
            ctx.self.spawn(new NodeSyncer(node, ctx.self.self()));
        }
    }

    // ---------------------------------------------------------------- nodedown

    /** {@code handle_nodedown/3}: the node's session ends and it leaves the partition. */
    void nodeDown(Atom node, Leaving why) {
        cancelLocker(node, myTag(node), null);
        ctx.tellLocker(new LockerEvent.RemoveFromKnown(node));
        reset(node);
        if (why == Leaving.REMOVE_CONNECTION) {
            ctx.partition.markRemoving(node);
        } else if (!ctx.partition.unmarkRemoving(node)) {
            guard.connectionLost(node);
        }
        ctx.partition.forget(node);
        syncers.settled(node);
    }

    // ---------------------------------------------------------------- cancelling

    /**
     * {@code cancel_locker/4}: the locker drops the session {@code tag} with {@code node} (running
     * {@code beforeUnlock}, if any, before it unlocks), the other side hears of it while the session was pending,
     * and the session's resolver is killed.
     */
    private void cancelLocker(Atom node, Term tag, Consumer<Mailbox> beforeUnlock) {
        ctx.tellLocker(new LockerEvent.Cancel(node, tag, beforeUnlock));
        Integer pendingVsn = ctx.partition.pendingVsn(node);
        Session session = sessions.get(node);
        if (pendingVsn != null && pendingVsn >= Partition.VERIFY_CONNECT_VSN && session != null
                && Objects.equals(session.myTag, tag)) {
            sendCancelConnect(node, session.hisTag);
        }
        ResolverRef resolver = resolvers.get(node);
        if (resolver != null && resolver.tag().equals(tag)) {
            ctx.self.exit(resolver.pid(), GlobalTerms.KILL);
            resolvers.remove(node);
        }
    }

    private void sendCancelConnect(Atom node, Term hisTag) {
        ctx.sendVolatile(node, Outbound.cancelConnect(ctx.node, hisTag));
    }

    /** {@return the nodes a caller of {@code sync} waits for: the visible ones we are not in sync with} */
    Set<Atom> unsynced(List<Atom> visible) {
        Set<Atom> nodes = new LinkedHashSet<>(visible);
        nodes.remove(ctx.node);
        ctx.partition.synced().forEach(nodes::remove);
        return nodes;
    }
}
