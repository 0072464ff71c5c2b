package dev.beamlink.node;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.node.spi.Circuit;
import dev.beamlink.node.spi.Delivery;
import dev.beamlink.node.spi.Signal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The state of one process, and the one code path that applies signals to it, whether they come from a local process
 * or from the wire.
 *
 * <h2>Threading</h2>
 * All state is guarded by {@link #lock}. Signals come in through the process's {@link SignalInbox}; whoever holds the
 * lock applies them, oldest first, before anything else: the process's own thread at each call it makes
 * ({@link #enter()}), or the node's drain scheduler for anything but a message.
 *
 * <p>Every signal a process sends is routed while it holds its lock, so its outgoing signals keep one order, wherever
 * they are sent from (erl_dist_protocol, "Link Protocol": the UNLINK_ID_ACK goes out before any later signal to the
 * unlinker). Routing never blocks and never takes another lock. When a signal the process sent itself went to a
 * connection past its high-water mark, the routing point says so ({@link Delivery.Throttled}), and the process waits
 * once it has let go of its lock ({@link #leave()}).
 */
final class ProcessCore {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ProcessCore.class);

    final Pid pid;
    private final Router router;
    private final ReentrantLock lock = new ReentrantLock();
    private final SignalInbox inbox;
    /** The thread running a spawned body, interrupted when the process is killed; null for a passive mailbox. */
    private volatile Thread owner;
    /** Null while the process lives. */
    private volatile Term exitReason;
    /** What this process's own last signal asked it to wait for, once its lock is released (lock holder only). */
    private Delivery.Backpressure backpressure;
    private boolean trapExit;
    /** The most messages the mailbox may hold, or 0 for no limit. */
    private int maxMessages;
    private LinkTable links;
    private MonitorTable monitors;
    private MessageQueue mailbox;
    private Atom registeredName;
    /** The active aliases this process handed out, and how each ends; null until the first. */
    private Map<Ref, AliasEnd> aliases;
    /** The spawn requests waiting for their answer, by id, with the node asked; null until the first. */
    private Map<Ref, Atom> pendingSpawns;
    /**
     * Those of {@link #pendingSpawns} that want no message for a success ({@link SpawnOption#REPLY_ERROR_ONLY}): read
     * by the threads that queue signals, so that such a reply does not wake the process; null until the first.
     */
    private volatile Set<Ref> quietSpawns;
    /**
     * What of the tables crosses to other nodes (links, monitors both ways, spawn requests), with the circuit each went
     * over or came on, which fires it when lost ({@link RemoteEntries}); null until the first.
     */
    private Map<RemoteEntries.Entry, Circuit> crossings;
    /** Whether this process was made for a spawn request, and so counts against the node's limit on those. */
    private boolean madeOnRequest;
    /** The answer to the spawn request this process was made for, until it goes out: before any other signal of it. */
    private Signal.SpawnReply spawnReply;

    ProcessCore(Pid pid, Router router) {
        this.pid = pid;
        this.router = router;
        this.inbox = new SignalInbox(this::drain, router.drains());
    }

    boolean isAlive() {
        return exitReason == null;
    }

    /** {@return the reason the process ended with, or null while it lives} */
    Term exitReason() {
        return exitReason;
    }

    void setOwner(Thread thread) {
        owner = thread;
    }

    /** {@return whether {@code node} is this process's own node} */
    boolean isLocal(Atom node) {
        return router.isLocal(node);
    }

    // ---------------------------------------------------------------- the signal side

    /** Queues a signal for this process; safe from any thread, never blocks. */
    void push(Signal signal) {
        push(signal, null);
    }

    /** Queues a signal that came from another node on {@code via} (null: a local one); safe from any thread. */
    void push(Signal signal, Circuit via) {
        inbox.push(signal, via, exitReason != null ? SignalInbox.Kind.SIGNAL : kindOf(signal));
    }

    /**
     * {@return how a signal to a live process reaches it} A monitor or demonitor from a peer changes only who watches
     * this process, and a successful spawn reply it asked no message for only its tables: nothing it waits for depends
     * on them (anyone who looks at its tables applies its queue first), so they are deferred. An exit signal to a
     * process that does not trap exits ends it or does nothing: a drain applies it ({@link SignalInbox.Kind#DRAINED}).
     */
    private SignalInbox.Kind kindOf(Signal signal) {
        return switch (signal) {
            case Signal.Send s -> SignalInbox.Kind.MESSAGE;
            case Signal.RegSend s -> SignalInbox.Kind.MESSAGE;
            case Signal.AliasSend s -> SignalInbox.Kind.MESSAGE;
            case Signal.MonitorP s -> SignalInbox.Kind.DEFERRABLE;
            case Signal.DemonitorP s -> SignalInbox.Kind.DEFERRABLE;
            case Signal.SpawnReply reply when reply.result() instanceof Pid && isQuiet(reply.reqId()) ->
                    SignalInbox.Kind.DEFERRABLE; // it sets up the link or monitor, before anything else the process sees
            // A hint, read without the lock: a process that has just begun trapping is woken by the drain's delivery.
            case Signal.LinkExit s when !trapExit -> SignalInbox.Kind.DRAINED;
            case Signal.Exit2 s when !trapExit -> SignalInbox.Kind.DRAINED;
            default -> SignalInbox.Kind.SIGNAL;
        };
    }

    private boolean isQuiet(Ref reqId) {
        Set<Ref> quiet = quietSpawns;
        return quiet != null && quiet.contains(reqId);
    }

    /** Tells the process that {@code circuit} is lost: it fires what it filed under it, in order with its signals. */
    void circuitLost(Circuit circuit) {
        inbox.push(null, circuit, SignalInbox.Kind.SIGNAL);
    }

    /**
     * Applies the queued signals: what the drain scheduler runs. It never waits for the lock: when the process's own
     * thread holds it (running a slow receive pattern, say), the drain is left to that thread, which takes it up as it
     * lets go ({@link #unlock()}), so that no worker of the node's scheduler is held up by one process.
     */
    private void drain() {
        inbox.drainWanted();
        if (!lock.tryLock()) {
            return;
        }
        try {
            inbox.drainTaken();
            applyPending();
        } finally {
            unlock();
        }
    }

    /** Releases the lock, then takes up a drain that was refused while it was held. */
    private void unlock() {
        lock.unlock();
        inbox.afterUnlock();
    }

    /** Applies every queued signal in order; the lock is held. A dead process answers as a missing one. */
    private void applyPending() {
        SignalQueue.Node batch;
        while ((batch = inbox.takeAll()) != null) {
            for (SignalQueue.Node node = batch; node != null; node = node.next) {
                if (node.signal == null) {
                    onCircuitLost(node.via);
                } else if (exitReason == null) {
                    apply(node.signal, node.via);
                } else {
                    router.answerMissing(node.signal);
                }
            }
        }
    }

    /** Applies one signal; {@code via} is the circuit it came on from another node, null for a local one. */
    private void apply(Signal signal, Circuit via) {
        switch (signal) {
            case Signal.Send send -> deliver(send.message());
            case Signal.RegSend send -> deliver(send.message());
            case Signal.AliasSend send -> {
                // Delivered only while the alias is active; a reply alias ends with its first message, and a
                // reply_demonitor one takes its monitor with it.
                AliasEnd end = aliases == null ? null : aliases.get(send.alias());
                if (end != null) {
                    if (end == AliasEnd.REPLY || end == AliasEnd.REPLY_DEMONITOR) {
                        removeAlias(send.alias());
                    }
                    if (end == AliasEnd.REPLY_DEMONITOR) {
                        releaseMonitor(send.alias());
                    }
                    deliver(send.message());
                }
            }
            case Signal.Link link -> {
                // LINK received: created if absent; an existing entry (even one being unlinked) is left as it is.
                if (linkState(link.from()) == LinkTable.ABSENT) {
                    addLink(link.from(), LinkTable.ACTIVE);
                    fileIncoming(new RemoteEntries.LinkEntry(pid, link.from()), link.from().node(), via);
                }
            }
            case Signal.UnlinkId unlink -> {
                // UNLINK_ID received: an active link goes; one we are unlinking ourselves stays. Always acknowledged.
                if (linkState(unlink.from()) == LinkTable.ACTIVE) {
                    removeLink(unlink.from());
                }
                router.route(new Signal.UnlinkIdAck(unlink.id(), pid, unlink.from()));
            }
            case Signal.UnlinkIdAck ack -> {
                long state = linkState(ack.from());
                if (state > 0 && state == ack.id()) {
                    removeLink(ack.from());
                }
            }
            case Signal.LinkExit exit -> {
                // A link's exit signal: acted on only if the link is active; the link information goes either way.
                long state = linkState(exit.from());
                if (state != LinkTable.ABSENT) {
                    removeLink(exit.from());
                    if (state == LinkTable.ACTIVE) {
                        onExitSignal(exit.from(), exit.reason(), true);
                    }
                }
            }
            case Signal.Exit2 exit -> onExitSignal(exit.from(), exit.reason(), false);
            case Signal.MonitorP monitor -> {
                monitors().addWatcher(monitor.ref(), new MonitorTable.Watcher(monitor.from(), monitor.toProc()));
                fileIncoming(new RemoteEntries.RemoteWatcher(pid, monitor.from(), monitor.ref()), monitor.from().node(),
                        via);
            }
            case Signal.DemonitorP demonitor -> {
                MonitorTable.Watcher watcher = monitors == null ? null : monitors.removeWatcher(demonitor.ref());
                if (watcher != null) {
                    unfile(new RemoteEntries.RemoteWatcher(pid, watcher.watcher(), demonitor.ref()));
                }
            }
            case Signal.SpawnRequest request -> {
                // Addressed to a node: the router never queues one at a process.
            }
            case Signal.SpawnReply reply -> onSpawnReply(reply, via);
            case Signal.MonitorPExit down -> {
                // Delivered only while the monitor is held: a demonitored one is silent.
                MonitorTable.Watched watched = monitors == null ? null : monitors.release(down.ref());
                if (watched != null) {
                    unfile(new RemoteEntries.HeldMonitor(pid, down.ref(), watched.proc()));
                    endMonitorAlias(down.ref());
                    deliver(new Down(down.ref(), watched.downObject(), down.reason()));
                }
            }
        }
    }

    /**
     * SPAWN_REPLY: the new process's node has set up the link and the monitor the request asked for before the new
     * process ran, and its signals come after this reply; so the link and monitor enter this process's tables now,
     * before anything the new process sends is applied: it cannot end unlinked (docs/semantics.md, "Links"). A reply
     * to a request this process no longer waits for is answered as for a process that is gone.
     */
    private void onSpawnReply(Signal.SpawnReply reply, Circuit via) {
        Atom node = pendingSpawns == null ? null : pendingSpawns.remove(reply.reqId());
        if (node == null) {
            router.answerMissing(reply);
            return;
        }
        boolean quiet = quietSpawns != null && quietSpawns.remove(reply.reqId());
        unfile(new RemoteEntries.PendingSpawn(pid, reply.reqId()));
        if (reply.result() instanceof Pid child) {
            if (reply.linked()) {
                addLink(child, LinkTable.ACTIVE);
                fileIncoming(new RemoteEntries.LinkEntry(pid, child), child.node(), via);
            }
            if (reply.monitored()) {
                MonitorTable.Watched watched = new MonitorTable.Watched(child, null, child.node());
                monitors().hold(reply.reqId(), watched);
                fileIncoming(new RemoteEntries.HeldMonitor(pid, reply.reqId(), watched.proc()), child.node(), via);
            }
        }
        if (!quiet || !(reply.result() instanceof Pid)) {
            deliver(new SpawnResult(reply.reqId(), reply.result()));
        }
    }

    /** Both tables of docs/semantics.md, "Exit signals": through a link ({@code viaLink}) or from exit/2. */
    private void onExitSignal(Pid from, Term reason, boolean viaLink) {
        if (!viaLink && Reasons.KILL.equals(reason)) {
            terminate(Reasons.KILLED); // exit(P, kill): untrappable, and the reason becomes killed
        } else if (trapExit) {
            deliver(new Exit(from, reason));
        } else if (Reasons.NORMAL.equals(reason)) {
            if (!viaLink && from.equals(pid)) {
                terminate(Reasons.NORMAL); // exit(self(), normal) ends the caller
            }
        } else {
            terminate(reason); // kill through a link ends the receiver with kill, not killed
        }
    }

    private void deliver(Object message) {
        if (mailbox == null) {
            mailbox = new MessageQueue();
        }
        mailbox.add(message);
        if (maxMessages > 0 && mailbox.size() > maxMessages) {
            // As BEAM ends a process past its max_heap_size: killed, with an error report.
            LOG.error("process {} ended: its mailbox holds more than its limit of {} messages", pid, maxMessages);
            terminate(Reasons.KILLED);
            return;
        }
        inbox.wake();
    }

    /** The body starts: the spawn request it was made for, if any, is answered now, before anything it sends. */
    void started() {
        if (spawnReply == null) {
            return; // set, if at all, before the body's thread started; cleared only under the lock, checked again there
        }
        lock.lock();
        try {
            sendSpawnReply();
        } finally {
            lock.unlock();
        }
    }

    /** Routes the spawn reply not yet sent; the lock is held. */
    private void sendSpawnReply() {
        Signal.SpawnReply reply = spawnReply;
        if (reply != null) {
            spawnReply = null;
            router.route(reply);
        }
    }

    /** Ends the process: the lock is held. Fires its links and monitors, and stops its thread. */
    private void terminate(Term reason) {
        sendSpawnReply(); // a process ended before it ran still answers its request first
        exitReason = reason; // from here on, a push schedules a drain, which answers as for a missing process
        router.ended(this, registeredName, aliases == null ? List.of() : aliases.keySet());
        if (madeOnRequest) {
            router.requestedProcessEnded();
        }
        registeredName = null;
        aliases = null;
        router.events().unsubscribeAll(pid);
        // Their answers find the process gone, and undo what was set up for it (Router#answerMissing).
        pendingSpawns = null;
        quietSpawns = null;
        if (crossings != null) {
            for (Circuit circuit : new HashSet<>(crossings.values())) {
                router.deregister(circuit, this);
            }
            crossings = null;
        }
        LinkTable linked = links;
        links = null;
        if (linked != null) {
            linked.forEach((peer, state) -> {
                if (state == LinkTable.ACTIVE) {
                    router.route(new Signal.LinkExit(pid, peer, reason));
                }
            });
        }
        MonitorTable table = monitors;
        monitors = null;
        if (table != null) {
            table.held().forEach(this::routeDemonitor);
            table.watchers().forEach((ref, watcher) ->
                    router.route(new Signal.MonitorPExit(pid, watcher.as(), watcher.watcher(), ref, reason)));
            table.nodeMonitors().forEach(router::demonitorNode);
        }
        mailbox = null;
        Thread thread = owner;
        if (!inbox.wake() && thread != null && thread != Thread.currentThread()) {
            // Not parked in receive (a parked one wakes, sees the end and throws ProcessEnded): running its own Java
            // code, so break a blocking call; its next call in throws.
            thread.interrupt();
        }
    }

    // ---------------------------------------------------------------- tables

    private long linkState(Pid peer) {
        return links == null ? LinkTable.ABSENT : links.state(peer);
    }

    private void addLink(Pid peer, long state) {
        if (links == null) {
            links = new LinkTable();
        }
        links.put(peer, state);
    }

    private void removeLink(Pid peer) {
        links.remove(peer);
        unfile(new RemoteEntries.LinkEntry(pid, peer));
    }

    private MonitorTable monitors() {
        if (monitors == null) {
            monitors = new MonitorTable();
        }
        return monitors;
    }

    // ---------------------------------------------------------------- what crosses to other nodes

    /**
     * Files {@code entry}, which came on {@code via} from {@code node} (a signal from the wire): under that circuit, or
     * fired at once if the circuit is lost already. Nothing is filed for this node's own processes.
     */
    private void fileIncoming(RemoteEntries.Entry entry, Atom node, Circuit via) {
        if (!router.isLocal(node)) {
            file(entry, via);
        }
    }

    /**
     * Files {@code entry} under {@code via}. {@return whether it is filed} else it fired at once: the circuit is lost
     * already, or there is none (the node cannot be reached)
     */
    private boolean file(RemoteEntries.Entry entry, Circuit via) {
        if (via == null || !router.register(via, this)) {
            router.route(entry.lost());
            return false;
        }
        if (crossings == null) {
            crossings = new HashMap<>();
        }
        crossings.put(entry, via);
        return true;
    }

    private void unfile(RemoteEntries.Entry entry) {
        if (crossings != null) {
            crossings.remove(entry);
        }
    }

    /**
     * Sends {@code signal} to {@code node}, making {@code entry} cross: filed under the circuit the signal goes over,
     * or fired at once ({@code noconnection}) if the node cannot be reached or that circuit is lost already.
     */
    private void emitCrossing(Atom node, Signal signal, RemoteEntries.Entry entry) {
        Circuit circuit = router.circuitTo(node);
        if (file(entry, circuit)) {
            noteDelivery(circuit.deliver(signal));
        }
    }

    /** {@code circuit} was lost: everything filed under it, and nothing else, fires now. */
    private void onCircuitLost(Circuit circuit) {
        if (crossings == null) {
            return;
        }
        List<RemoteEntries.Entry> lost = new ArrayList<>();
        crossings.entrySet().removeIf(filed -> {
            if (filed.getValue() != circuit) {
                return false;
            }
            lost.add(filed.getKey());
            return true;
        });
        for (RemoteEntries.Entry entry : lost) {
            if (exitReason == null) {
                apply(entry.lost(), null);
            }
        }
    }

    /** Removes the monitor {@code ref} this process holds, telling its target: demonitor/1. {@return whether it was held} */
    private boolean releaseMonitor(Ref ref) {
        MonitorTable.Watched watched = monitors == null ? null : monitors.release(ref);
        if (watched == null) {
            return false;
        }
        unfile(new RemoteEntries.HeldMonitor(pid, ref, watched.proc()));
        endMonitorAlias(ref);
        routeDemonitor(ref, watched);
        return true;
    }

    /** The monitor {@code ref} is gone: an alias that was to end with it ends. */
    private void endMonitorAlias(Ref ref) {
        if (aliases != null) {
            AliasEnd end = aliases.get(ref);
            if (end == AliasEnd.DEMONITOR || end == AliasEnd.REPLY_DEMONITOR) {
                removeAlias(ref);
            }
        }
    }

    private void routeDemonitor(Ref ref, MonitorTable.Watched watched) {
        if (watched.pid() != null) {
            router.route(new Signal.DemonitorP(pid, watched.pid(), ref));
        } else {
            router.routeToName(watched.node(), new Signal.DemonitorP(pid, watched.name(), ref));
        }
    }

    // ---------------------------------------------------------------- the process's own calls

    /** Takes the lock and applies what is queued; throws {@link ProcessEnded} (lock released) if the process has ended. */
    private void enter() {
        lock.lock();
        try {
            applyPending();
        } catch (RuntimeException | Error e) {
            unlock();
            throw e;
        }
        if (exitReason != null) {
            unlock();
            throw new ProcessEnded(exitReason);
        }
    }

    /**
     * Releases the lock taken by {@link #enter()}, then, if a signal this process sent went to a connection past its
     * high-water mark, waits for room holding no lock: signals to it are applied meanwhile, and an exit signal ends
     * the wait (it interrupts the thread).
     */
    private void leave() {
        Delivery.Backpressure wait = backpressure;
        backpressure = null;
        unlock();
        if (wait != null) {
            wait.await();
        }
    }

    /** Routes a signal this process sends itself (the lock is held), noting a wait it must make once released. */
    private void emit(Signal signal) {
        noteDelivery(router.route(signal));
    }

    private void emitToName(Atom node, Signal signal) {
        noteDelivery(router.routeToName(node, signal));
    }

    private void noteDelivery(Delivery delivery) {
        if (delivery instanceof Delivery.Throttled(Delivery.Backpressure wait)) {
            backpressure = wait;
        }
    }

    void send(Signal signal) {
        enter();
        try {
            emit(signal);
        } finally {
            leave();
        }
    }

    /** {@code Name ! Message} for a local name: {@code badarg} if nothing is registered under it. */
    void sendToLocalName(Atom name, Object message) {
        enter();
        try {
            if (router.whereis(name) == null) {
                throw new ErlangError(Reasons.BADARG, "no process is registered as " + name);
            }
            emitToName(router.nodeName(), new Signal.RegSend(pid, name, message));
        } finally {
            leave();
        }
    }

    void sendToName(Atom node, Atom name, Object message) {
        enter();
        try {
            emitToName(node, new Signal.RegSend(pid, name, message));
        } finally {
            leave();
        }
    }

    /** erlang:alias/1: {@return a new alias of this process, active until {@code mode} says it ends} */
    Ref alias(AliasMode mode) {
        enter();
        try {
            Ref alias = router.newRef();
            addAlias(alias, mode == AliasMode.REPLY ? AliasEnd.REPLY : AliasEnd.EXPLICIT_UNALIAS);
            return alias;
        } finally {
            leave();
        }
    }

    private void addAlias(Ref alias, AliasEnd end) {
        if (aliases == null) {
            aliases = new HashMap<>();
        }
        aliases.put(alias, end);
        router.addAlias(alias, this);
    }

    /** erlang:unalias/1. {@return whether the alias was active (and this process's)} */
    boolean unalias(Ref alias) {
        enter();
        try {
            return aliases != null && aliases.containsKey(alias) && removeAlias(alias);
        } finally {
            leave();
        }
    }

    private boolean removeAlias(Ref alias) {
        aliases.remove(alias);
        router.removeAlias(alias, this);
        return true;
    }

    /** erlang:link/1. {@return whether a new link was made} */
    boolean link(Pid target) {
        enter();
        try {
            if (target.equals(pid) || linkState(target) == LinkTable.ACTIVE) {
                return false; // to self, or already linked: nothing is done
            }
            if (router.isLocal(target) && router.lookup(target) == null) {
                if (trapExit) {
                    deliver(new Exit(target, Reasons.NOPROC));
                    return false;
                }
                throw new ErlangError(Reasons.NOPROC, "link: no process " + target);
            }
            // LINK sent: the entry is created or re-activated, forgetting an outstanding unlink.
            addLink(target, LinkTable.ACTIVE);
            if (router.isLocal(target)) {
                emit(new Signal.Link(pid, target));
            } else {
                emitCrossing(target.node(), new Signal.Link(pid, target), new RemoteEntries.LinkEntry(pid, target));
            }
            return true;
        } finally {
            leave();
        }
    }

    /** erlang:unlink/1. {@return whether there was an active link} */
    boolean unlink(Pid target) {
        enter();
        try {
            if (linkState(target) != LinkTable.ACTIVE) {
                return false;
            }
            // UNLINK_ID sent: the entry stays, inactive, until the acknowledgement with this id.
            long id = router.newUnlinkId();
            links.put(target, id);
            emit(new Signal.UnlinkId(id, pid, target));
            return true;
        } finally {
            leave();
        }
    }

    boolean trapExit(boolean on) {
        enter();
        try {
            boolean old = trapExit;
            trapExit = on;
            return old;
        } finally {
            leave();
        }
    }

    /** Sets the most messages the mailbox may hold (0: no limit). {@return the previous limit} */
    int maxMessages(int limit) {
        enter();
        try {
            int old = maxMessages;
            maxMessages = limit;
            return old;
        } finally {
            leave();
        }
    }

    boolean trapsExits() {
        enter();
        try {
            return trapExit;
        } finally {
            leave();
        }
    }

    /** erlang:exit/2; to itself it acts before returning (and throws if it ended the caller). */
    void exitSignal(Pid target, Term reason) {
        enter();
        try {
            emit(new Signal.Exit2(pid, target, reason));
            if (target.equals(pid)) {
                applyPending();
                if (exitReason != null) {
                    throw new ProcessEnded(exitReason);
                }
            }
        } finally {
            leave();
        }
    }

    /**
     * erlang:monitor/3 on a pid; with {@code alias} (else null) the reference is also an alias of this process, which
     * ends as the mode says.
     */
    Ref monitor(Pid target, MonitorAlias alias) {
        enter();
        try {
            Ref ref = router.newRef();
            if (router.isLocal(target) && router.lookup(target) == null) {
                deliver(new Down(ref, target, Reasons.NOPROC));
                aliasOfDeadMonitor(ref, alias);
                return ref;
            }
            MonitorTable.Watched watched = new MonitorTable.Watched(target, null, target.node());
            monitors().hold(ref, watched);
            monitorAlias(ref, alias);
            if (router.isLocal(target)) {
                emit(new Signal.MonitorP(pid, target, ref));
            } else {
                emitCrossing(target.node(), new Signal.MonitorP(pid, target, ref),
                        new RemoteEntries.HeldMonitor(pid, ref, watched.proc()));
            }
            return ref;
        } finally {
            leave();
        }
    }

    /** erlang:monitor/3 on {@code {Name, Node}}, with an alias as for a pid. */
    Ref monitor(Atom name, Atom node, MonitorAlias alias) {
        enter();
        try {
            Ref ref = router.newRef();
            if (router.isLocal(node)) {
                // A local name is resolved now: the monitor watches the process that has the name.
                ProcessCore target = router.whereis(name);
                if (target == null) {
                    deliver(new Down(ref, new ProcessName(name, node).toTerm(), Reasons.NOPROC));
                    aliasOfDeadMonitor(ref, alias);
                    return ref;
                }
                monitors().hold(ref, new MonitorTable.Watched(target.pid, name, node));
                monitorAlias(ref, alias);
                emit(new Signal.MonitorP(pid, target.pid, ref));
            } else {
                MonitorTable.Watched watched = new MonitorTable.Watched(null, name, node);
                monitors().hold(ref, watched);
                monitorAlias(ref, alias);
                emitCrossing(node, new Signal.MonitorP(pid, name, ref),
                        new RemoteEntries.HeldMonitor(pid, ref, watched.proc()));
            }
            return ref;
        } finally {
            leave();
        }
    }

    private void monitorAlias(Ref ref, MonitorAlias alias) {
        if (alias != null) {
            addAlias(ref, switch (alias) {
                case EXPLICIT_UNALIAS -> AliasEnd.EXPLICIT_UNALIAS;
                case DEMONITOR -> AliasEnd.DEMONITOR;
                case REPLY_DEMONITOR -> AliasEnd.REPLY_DEMONITOR;
            });
        }
    }

    /** A monitor that fired at once: an explicit alias lives on, one bound to the monitor never starts. */
    private void aliasOfDeadMonitor(Ref ref, MonitorAlias alias) {
        if (alias == MonitorAlias.EXPLICIT_UNALIAS) {
            addAlias(ref, AliasEnd.EXPLICIT_UNALIAS);
        }
    }

    /** erlang:demonitor/2. {@return whether the monitor was held} */
    boolean demonitor(Ref ref, boolean flush) {
        enter();
        try {
            boolean held = releaseMonitor(ref);
            if (flush && mailbox != null) {
                mailbox.removeIf(message -> message instanceof Down down && down.ref().equals(ref));
            }
            return held;
        } finally {
            leave();
        }
    }

    Ref monitorNode(Atom node) {
        Ref ref;
        enter();
        try {
            ref = router.newRef();
            if (!router.isLocal(node) && !router.distributed()) {
                deliver(new NodeDown(node)); // no distribution: every other node is unreachable
                return ref;
            }
            // The local node never goes down while this process lives (erlang:monitor_node/2 on node()).
            monitors().addNodeMonitor(ref);
            router.monitorNode(ref, pid, node);
        } finally {
            leave();
        }
        if (!router.isLocal(node) && !router.connect(node) && router.demonitorNode(ref)) {
            router.route(new Signal.Send(null, pid, new NodeDown(node)));
        }
        return ref;
    }

    boolean demonitorNode(Ref ref) {
        enter();
        try {
            return monitors != null && monitors.removeNodeMonitor(ref) && router.demonitorNode(ref);
        } finally {
            leave();
        }
    }

    /** net_kernel:monitor_nodes/1: subscribes once more ({@code on}) to visible nodes coming up and going down, or drops one. */
    void monitorNodes(boolean on) {
        enter();
        try {
            router.events().subscribe(pid, on);
        } finally {
            leave();
        }
    }

    /**
     * Selective receive: the first message {@code pattern} accepts, waiting up to {@code timeoutNanos} (negative:
     * forever; zero: only what is there). {@return the match, or null on time-out}
     */
    <R> R receive(MessagePattern<R> pattern, long timeoutNanos) {
        long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0;
        enter();
        try {
            for (;;) {
                if (mailbox != null) {
                    R match = mailbox.takeFirst(pattern);
                    if (match != null) {
                        return match;
                    }
                }
                long wait = -1;
                if (timeoutNanos == 0 || (timeoutNanos > 0 && (wait = deadline - System.nanoTime()) <= 0)) {
                    return null;
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new IllegalStateException("interrupted while waiting in receive (the interrupt status is kept)");
                }
                inbox.park(lock, wait);
                applyPending();
                if (exitReason != null) {
                    throw new ProcessEnded(exitReason);
                }
            }
        } finally {
            leave();
        }
    }

    /**
     * Makes {@code child} (new, not yet started) a child of this process: linked and/or monitored, atomically with
     * respect to this process's own end. {@return the monitor's reference, or null}
     */
    Ref adopt(ProcessCore child, boolean link, boolean monitor) {
        enter();
        try {
            Ref ref = monitor ? router.newRef() : null;
            child.lock.lock();
            try {
                if (link) {
                    child.addLink(pid, LinkTable.ACTIVE);
                }
                if (monitor) {
                    child.monitors().addWatcher(ref, new MonitorTable.Watcher(pid, child.pid));
                }
            } finally {
                child.lock.unlock();
            }
            if (link) {
                addLink(child.pid, LinkTable.ACTIVE);
            }
            if (monitor) {
                monitors().hold(ref, new MonitorTable.Watched(child.pid, null, child.pid.node()));
            }
            return ref;
        } finally {
            leave();
        }
    }

    /**
     * Makes this new process (not yet started), asked for by {@code requester}'s spawn request {@code reqId}, linked to
     * the requester and/or monitored by it (the request's id is the monitor's reference), before anything else happens
     * to it: what the node of a new process sets up before its SPAWN_REPLY (erl_dist_protocol). The reply itself goes
     * out when the process starts ({@link #started()}), or when it ends if it ends first: in either case before any other
     * signal from it, and from the thread that then routes the process's own first signals, so that a call that ends at
     * once sends its reply and its end together. What of this crosses to the requester's node is filed under
     * {@code via}, the circuit the request came on.
     */
    void acceptRequester(Pid requester, Ref reqId, boolean link, boolean monitor, Circuit via) {
        lock.lock();
        try {
            madeOnRequest = true;
            spawnReply = new Signal.SpawnReply(reqId, requester, link, monitor, pid);
            Ref monitorRef = monitor ? reqId : null;
            if (link) {
                addLink(requester, LinkTable.ACTIVE);
                fileIncoming(new RemoteEntries.LinkEntry(pid, requester), requester.node(), via);
            }
            if (monitorRef != null) {
                monitors().addWatcher(monitorRef, new MonitorTable.Watcher(requester, pid));
                fileIncoming(new RemoteEntries.RemoteWatcher(pid, requester, monitorRef), requester.node(), via);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * erlang:spawn_request/5 to {@code node}: sends the request, linked and/or monitored as asked. {@return the
     * request's id, which is also the monitor's reference} The answer arrives as a {@link SpawnResult} message (with
     * {@code errorReplyOnly}, a failed one only: {@code {reply, error_only}}).
     */
    Ref requestSpawn(Atom node, Atom module, Atom function, List<Term> args, boolean link, boolean monitor,
                     boolean errorReplyOnly) {
        enter();
        try {
            Ref reqId = router.newRef();
            if (pendingSpawns == null) {
                pendingSpawns = new HashMap<>(4);
            }
            pendingSpawns.put(reqId, node);
            if (errorReplyOnly) {
                if (quietSpawns == null) {
                    quietSpawns = ConcurrentHashMap.newKeySet();
                }
                quietSpawns.add(reqId); // before the request goes: its reply may come at once
            }
            Signal.SpawnRequest request =
                    new Signal.SpawnRequest(reqId, pid, node, module, function, args, link, monitor);
            if (router.isLocal(node)) {
                emit(request);
            } else {
                emitCrossing(node, request, new RemoteEntries.PendingSpawn(pid, reqId));
            }
            return reqId;
        } finally {
            leave();
        }
    }

    /**
     * erlang:spawn_request_abandon/1. {@return whether the request was still waiting for its answer} When it was, the
     * answer, if it comes, undoes what was set up for the new process (its link gets {@code abandoned}, its monitor
     * goes) and no {@link SpawnResult} arrives.
     */
    boolean abandonSpawn(Ref reqId) {
        enter();
        try {
            Atom node = pendingSpawns == null ? null : pendingSpawns.remove(reqId);
            if (node == null) {
                return false;
            }
            if (quietSpawns != null) {
                quietSpawns.remove(reqId);
            }
            unfile(new RemoteEntries.PendingSpawn(pid, reqId));
            return true;
        } finally {
            leave();
        }
    }

    /** Ends the process with {@code reason} unless it has ended already. {@return the reason it ended with} */
    Term finish(Term reason) {
        lock.lock();
        try {
            applyPending();
            if (exitReason == null) {
                terminate(reason);
            }
            return exitReason;
        } finally {
            unlock();
        }
    }

    /** register/2 for this process: {@code badarg} if it is not alive, already has a name, or the name is taken. */
    void register(Atom name) {
        lock.lock();
        try {
            applyPending();
            if (exitReason != null) {
                throw new ErlangError(Reasons.BADARG, "register " + name + ": " + pid + " is not alive");
            }
            if (registeredName != null) {
                throw new ErlangError(Reasons.BADARG, "register " + name + ": " + pid + " is already registered as " + registeredName);
            }
            if (!router.register(name, this)) {
                throw new ErlangError(Reasons.BADARG, "register " + name + ": the name is taken");
            }
            registeredName = name;
        } finally {
            unlock();
        }
    }

    /** {@return whether this process had the name, now removed} */
    boolean unregister(Atom name) {
        lock.lock();
        try {
            if (!name.equals(registeredName)) {
                return false;
            }
            router.unregister(name, this);
            registeredName = null;
            return true;
        } finally {
            unlock();
        }
    }

    /** {@return how many of its links, monitors and spawn requests cross to other nodes, by kind} (for diagnostics) */
    RemoteEntryCounts remoteEntries() {
        lock.lock();
        try {
            applyPending();
            return RemoteEntries.counts(crossings == null ? List.of() : crossings.keySet());
        } finally {
            unlock();
        }
    }

    /** {@return a snapshot of the process, or null if it has ended} */
    ProcessInfo info() {
        lock.lock();
        try {
            applyPending();
            if (exitReason != null) {
                return null;
            }
            MonitorTable table = monitors == null ? new MonitorTable() : monitors;
            return new ProcessInfo(pid,
                    inbox.hasWaiter() ? ProcessInfo.Status.WAITING : ProcessInfo.Status.RUNNING,
                    mailbox == null ? 0 : mailbox.size(),
                    registeredName, trapExit,
                    links == null ? List.of() : List.copyOf(links.active()),
                    List.copyOf(table.monitoredPids()),
                    List.copyOf(table.monitoredNames()),
                    List.copyOf(table.watcherPids()));
        } finally {
            unlock();
        }
    }

    @Override
    public String toString() {
        return "process " + pid;
    }

    /** When an alias ends: erlang:alias/1's modes and erlang:monitor/3's alias modes. */
    private enum AliasEnd {
        EXPLICIT_UNALIAS, REPLY, DEMONITOR, REPLY_DEMONITOR
    }
}
