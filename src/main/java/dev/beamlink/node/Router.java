package dev.beamlink.node;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Port;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.node.spi.Circuit;
import dev.beamlink.node.spi.ConnectedNode;
import dev.beamlink.node.spi.Delivery;
import dev.beamlink.node.spi.Distribution;
import dev.beamlink.node.spi.Signal;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's one routing point and the registry processes share: every signal, from a local process or from the
 * wire, passes here. A target on this node gets the signal in its signal queue; a target on another node goes to the
 * attached {@link Distribution}; a target that does not exist, or a node that cannot be reached, gets Erlang's answer
 * here, in one place. Processes keep their own tables (links, monitors, aliases); what of them crosses to other nodes
 * they report here ({@link #linked}, {@link #holding} ...), so that a lost connection fires it.
 */
final class Router {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private final Atom nodeName;
    private final int creation;
    private final ProcessTable table = new ProcessTable();
    private final RemoteEntries remote = new RemoteEntries();
    private final NodeMonitors nodeMonitors = new NodeMonitors();
    private final Identifiers ids;
    private final DrainScheduler drains;
    private final NodeEvents events;
    private final BiConsumer<Signal.SpawnRequest, Circuit> localSpawns;
    /** The live processes made for spawn requests. */
    private final AtomicInteger requestedProcesses = new AtomicInteger();
    private volatile Distribution distribution;

    /**
     * @param localSpawns answers the spawn requests for this node (the node's {@link SpawnHandler}), each with the
     *                    circuit it came on (null for a local one)
     */
    Router(Atom nodeName, int creation, DrainScheduler drains, NodeEvents events,
           BiConsumer<Signal.SpawnRequest, Circuit> localSpawns) {
        this.nodeName = nodeName;
        this.creation = creation;
        this.ids = new Identifiers(nodeName, creation);
        this.drains = drains;
        this.events = events;
        this.localSpawns = localSpawns;
    }

    Atom nodeName() {
        return nodeName;
    }

    DrainScheduler drains() {
        return drains;
    }

    // ---------------------------------------------------------------- identifiers

    Pid newPid() {
        return ids.nextPid();
    }

    Ref newRef() {
        return ids.nextRef();
    }

    Port newPort() {
        return ids.nextPort();
    }

    long newUnlinkId() {
        return ids.nextUnlinkId();
    }

    // ---------------------------------------------------------------- processes and names

    /** {@return whether {@code pid} names a process of this node incarnation or an earlier one} */
    boolean isLocal(Pid pid) {
        return pid.node().equals(nodeName);
    }

    boolean isLocal(Atom node) {
        return node.equals(nodeName);
    }

    /** {@return whether the new process took its pid (false: the pid is still in use after a wrap)} */
    boolean add(ProcessCore process) {
        return table.add(process);
    }

    /** {@return the live local process {@code pid}, or null (a pid of an earlier incarnation is never live)} */
    ProcessCore lookup(Pid pid) {
        return pid.creation() == creation ? table.get(pid) : null;
    }

    /** {@return the process registered as {@code name}, or null} */
    ProcessCore whereis(Atom name) {
        return table.whereis(name);
    }

    boolean register(Atom name, ProcessCore process) {
        return table.register(name, process);
    }

    List<Atom> registered() {
        return table.registered();
    }

    List<Pid> pids() {
        return table.pids();
    }

    List<ProcessCore> processes() {
        return table.all();
    }

    int processCount() {
        return table.size();
    }

    /** {@return whether a process made for a spawn request may be added, {@code limit} of them at most; if so, counted} */
    boolean takeRequestedProcess(int limit) {
        int live;
        do {
            live = requestedProcesses.get();
            if (live >= limit) {
                return false;
            }
        } while (!requestedProcesses.compareAndSet(live, live + 1));
        return true;
    }

    /** A process made for a spawn request ended, or was never made after all. */
    void requestedProcessEnded() {
        requestedProcesses.decrementAndGet();
    }

    /** {@return how many processes made for spawn requests live} */
    int requestedProcesses() {
        return requestedProcesses.get();
    }

    void addAlias(Ref alias, ProcessCore process) {
        table.addAlias(alias, process);
    }

    void removeAlias(Ref alias, ProcessCore process) {
        table.removeAlias(alias, process);
    }

    /**
     * A process ended: it leaves the table, its name and its aliases go. What it held across connections it forgets
     * itself, entry by entry, as it fires them.
     */
    void ended(ProcessCore process, Atom name, Iterable<Ref> aliases) {
        table.remove(process);
        if (name != null) {
            table.unregister(name, process);
        }
        aliases.forEach(alias -> table.removeAlias(alias, process));
    }

    void unregister(Atom name, ProcessCore process) {
        table.unregister(name, process);
    }

    // ---------------------------------------------------------------- what crosses connections

    /**
     * {@return the circuit signals for {@code node} go over now, connecting on demand; null when it cannot be reached}
     * (no distribution attached, or the distribution says so)
     */
    Circuit circuitTo(Atom node) {
        Distribution current = distribution;
        return current == null ? null : current.circuit(node);
    }

    /** {@return whether {@code process} may file entries under {@code circuit}}: not if it is lost already */
    boolean register(Circuit circuit, ProcessCore process) {
        return remote.register(circuit, process);
    }

    /** {@code process} ended: it files nothing under {@code circuit} any more. */
    void deregister(Circuit circuit, ProcessCore process) {
        remote.deregister(circuit, process);
    }

    /** {@return how many links, monitors and spawn requests of this node's processes cross to other nodes, by kind} */
    RemoteEntryCounts remoteEntryCounts() {
        RemoteEntryCounts total = new RemoteEntryCounts(0, 0, 0, 0);
        for (ProcessCore process : table.all()) {
            total = RemoteEntries.sum(total, process.remoteEntries());
        }
        return total;
    }

    // ---------------------------------------------------------------- node monitors

    /** {@code owner} monitors the connection to {@code node} with {@code ref}. */
    void monitorNode(Ref ref, Pid owner, Atom node) {
        nodeMonitors.add(ref, new NodeMonitors.NodeMonitor(owner, node));
    }

    /** {@return whether the node monitor {@code ref} was there (and had not fired), now removed} */
    boolean demonitorNode(Ref ref) {
        return nodeMonitors.remove(ref) != null;
    }

    // ---------------------------------------------------------------- routing

    /**
     * Routes a signal addressed by pid, alias or node (every kind but those naming a registered name).
     * {@return what became of it: for a target on this node, or one that does not exist, always queued}
     */
    Delivery route(Signal signal) {
        return switch (signal) {
            case Signal.AliasSend send -> routeToAlias(send);
            case Signal.SpawnRequest request -> routeSpawnRequest(request, null);
            default -> {
                Pid to = destination(signal);
                if (!isLocal(to)) {
                    yield toRemote(to.node(), signal);
                }
                deliverLocal(lookup(to), signal, null);
                yield Delivery.QUEUED;
            }
        };
    }

    /** Queues {@code signal}, which came on {@code via} (null: a local one), at {@code target}, or answers for none. */
    private void deliverLocal(ProcessCore target, Signal signal, Circuit via) {
        if (target == null) {
            answerMissing(signal);
        } else {
            target.push(signal, via);
        }
    }

    /** Routes a signal addressed to a registered name ({@link Signal.RegSend}, or a monitor by name) on {@code node}. */
    Delivery routeToName(Atom node, Signal signal) {
        if (!isLocal(node)) {
            return toRemote(node, signal);
        }
        deliverLocal(table.whereis(targetName(signal)), signal, null);
        return Delivery.QUEUED;
    }

    /**
     * Routes a message to an alias: to the process that holds it on this node (which drops it if the alias is no
     * longer active when the signal is applied), or to the alias's node; an unknown local alias drops it.
     */
    private Delivery routeToAlias(Signal.AliasSend send) {
        Ref alias = send.alias();
        if (!isLocal(alias.node())) {
            return toRemote(alias.node(), send);
        }
        ProcessCore owner = alias.creation() == creation ? table.aliasOwner(alias) : null;
        if (owner != null) {
            owner.push(send);
        }
        return Delivery.QUEUED;
    }

    /**
     * A spawn request goes to its node; one for this node, from a local process or from the wire, is answered here by
     * the node's {@link SpawnHandler} ({@code notsup} without one).
     */
    private Delivery routeSpawnRequest(Signal.SpawnRequest request, Circuit via) {
        if (!isLocal(request.node())) {
            return toRemote(request.node(), request);
        }
        localSpawns.accept(request, via);
        return Delivery.QUEUED;
    }

    /** The entry for signals from the wire, which came on {@code via}: the target must be of this node. */
    void injectFromWire(Signal signal, Circuit via) {
        if (isAddressedByName(signal)) {
            deliverLocal(table.whereis(targetName(signal)), signal, via);
            return;
        }
        Atom node = switch (signal) {
            case Signal.AliasSend send -> send.alias().node();
            case Signal.SpawnRequest request -> request.node();
            default -> destination(signal).node();
        };
        if (!isLocal(node)) {
            // The signal's kind only: its message or reason is the peer's, of the peer's size.
            throw new IllegalArgumentException("a " + signal.getClass().getSimpleName() + " signal from the wire for "
                    + node + ", not for " + nodeName);
        }
        switch (signal) {
            case Signal.AliasSend send -> routeToAlias(send);
            case Signal.SpawnRequest request -> routeSpawnRequest(request, via);
            default -> deliverLocal(lookup(destination(signal)), signal, via);
        }
    }

    /**
     * Erlang's answer when the target does not exist: a LINK gets an exit signal {@code noproc} back, a MONITOR_P a
     * MONITOR_P_EXIT {@code noproc}; a SPAWN_REPLY for a process that is gone (or no longer waits for it) undoes what
     * the new process's node set up: its link gets the exit signal {@code abandoned}, its monitor is removed
     * (erlang:spawn_request_abandon/1); everything else is dropped (erlang:link/1, erlang:monitor/2 docs).
     */
    void answerMissing(Signal signal) {
        switch (signal) {
            case Signal.Link(Pid from, Pid to) -> route(new Signal.LinkExit(to, from, Reasons.NOPROC));
            case Signal.MonitorP(Pid from, Term toProc, var ref) ->
                    route(new Signal.MonitorPExit(null, toProc, from, ref, Reasons.NOPROC));
            case Signal.SpawnReply(Ref reqId, Pid to, boolean linked, boolean monitored, Term result)
                    when result instanceof Pid child -> {
                if (linked) {
                    route(new Signal.LinkExit(to, child, Reasons.ABANDONED));
                }
                if (monitored) {
                    route(new Signal.DemonitorP(to, child, reqId));
                }
            }
            default -> {
                // A message, exit, unlink or demonitor for a process that no longer exists: dropped.
            }
        }
    }

    private Delivery toRemote(Atom node, Signal signal) {
        Circuit circuit = circuitTo(node);
        if (circuit == null) {
            answerUnreachable(signal);
            return Delivery.UNREACHABLE;
        }
        return circuit.deliver(signal);
    }

    /**
     * The answer when the target's node cannot be reached: a link fires {@code noconnection} at once, as do a monitor
     * and a spawn request; an unlink's information is cleared the same way a lost connection clears it; everything
     * else is dropped (docs/semantics.md, "Connections and nodes").
     */
    private void answerUnreachable(Signal signal) {
        switch (signal) {
            case Signal.Link(Pid from, Pid to) -> route(new Signal.LinkExit(to, from, Reasons.NOCONNECTION));
            case Signal.UnlinkId(long id, Pid from, Pid to) -> route(new Signal.LinkExit(to, from, Reasons.NOCONNECTION));
            case Signal.MonitorP(Pid from, Term toProc, var ref) ->
                    route(new Signal.MonitorPExit(null, toProc, from, ref, Reasons.NOCONNECTION));
            case Signal.SpawnRequest request ->
                    route(Signal.SpawnReply.failed(request.reqId(), request.from(), Reasons.NOCONNECTION));
            default -> {
                // Messages and the other signals to an unreachable node are dropped.
            }
        }
    }

    // ---------------------------------------------------------------- connections

    /** {@return whether a distribution is attached: without one every other node is unreachable} */
    boolean distributed() {
        return distribution != null;
    }

    /** Connects to {@code node} if need be (blocking; outside any process lock). {@return whether it is connected} */
    boolean connect(Atom node) {
        Distribution current = distribution;
        return current != null && current.connect(node);
    }

    List<ConnectedNode> connectedNodes() {
        Distribution current = distribution;
        return current == null ? List.of() : current.connectedNodes();
    }

    boolean disconnect(Atom node) {
        Distribution current = distribution;
        return current != null && current.disconnect(node);
    }

    /** {@code circuit} is lost: each process that filed something under it is told, then each node monitor on it. */
    void connectionLost(Circuit circuit) {
        Atom node = circuit.node();
        List<ProcessCore> processes = remote.takeAll(circuit);
        List<NodeMonitors.NodeMonitor> monitors = nodeMonitors.takeAll(node);
        LOG.debug("connection to {} lost: {} processes with links and monitors over it, {} node monitors fire", node,
                processes.size(), monitors.size());
        for (ProcessCore process : processes) {
            process.circuitLost(circuit);
        }
        for (NodeMonitors.NodeMonitor monitor : monitors) {
            route(new Signal.Send(null, monitor.owner(), new NodeDown(node)));
        }
    }

    NodeEvents events() {
        return events;
    }

    synchronized DistributionAttachment attach(Distribution newDistribution) {
        if (distribution != null) {
            throw new IllegalStateException("node " + nodeName + " already has a distribution attached");
        }
        distribution = newDistribution;
        return new DistributionAttachment(this, newDistribution);
    }

    synchronized void detach(Distribution old) {
        if (distribution == old) {
            distribution = null;
        }
    }

    private static boolean isAddressedByName(Signal signal) {
        return switch (signal) {
            case Signal.RegSend s -> true;
            case Signal.MonitorP(var from, Term toProc, var ref) -> toProc instanceof Atom;
            case Signal.DemonitorP(var from, Term toProc, var ref) -> toProc instanceof Atom;
            default -> false;
        };
    }

    private static Atom targetName(Signal signal) {
        return switch (signal) {
            case Signal.RegSend(var from, Atom toName, var message) -> toName;
            case Signal.MonitorP(var from, Term toProc, var ref) when toProc instanceof Atom name -> name;
            case Signal.DemonitorP(var from, Term toProc, var ref) when toProc instanceof Atom name -> name;
            default -> throw new IllegalArgumentException("not addressed to a name: " + signal);
        };
    }

    private static Pid destination(Signal signal) {
        return switch (signal) {
            case Signal.Send s -> s.to();
            case Signal.Link s -> s.to();
            case Signal.UnlinkId s -> s.to();
            case Signal.UnlinkIdAck s -> s.to();
            case Signal.LinkExit s -> s.to();
            case Signal.Exit2 s -> s.to();
            case Signal.MonitorPExit s -> s.to();
            case Signal.SpawnReply s -> s.to();
            case Signal.MonitorP(var from, Term toProc, var ref) when toProc instanceof Pid pid -> pid;
            case Signal.DemonitorP(var from, Term toProc, var ref) when toProc instanceof Pid pid -> pid;
            default -> throw new IllegalArgumentException("addressed to a name or a node, not a pid: " + signal);
        };
    }
}
