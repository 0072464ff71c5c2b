package dev.beamlink.node;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's one routing point: every signal, from a local process or from the wire, passes here. A
 * target on this node gets the signal in its signal queue; a target on another node goes to the
 * attached {@link Transport}; a target that does not exist, or a node that cannot be reached, gets
 * Erlang's answer here, in one place.
 */
final class Router {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    final Atom nodeName;
    final int creation;
    final ProcessTable table = new ProcessTable();
    final RemoteEntries remote = new RemoteEntries();
    final NodeMonitors nodeMonitors = new NodeMonitors();
    final Identifiers ids;
    /** Where signal queues of processes that are not running are applied (see {@link ProcessCore#run()}). */
    final Executor signalExecutor;
    private volatile Transport transport;

    Router(Atom nodeName, int creation, Executor signalExecutor) {
        this.nodeName = nodeName;
        this.creation = creation;
        this.ids = new Identifiers(nodeName, creation);
        this.signalExecutor = signalExecutor;
    }

    /** {@return whether {@code pid} names a process of this node incarnation or an earlier one} */
    boolean isLocalNode(Pid pid) {
        return pid.node().equals(nodeName);
    }

    boolean isLocalNode(Atom node) {
        return node.equals(nodeName);
    }

    /** {@return the live local process {@code pid}, or null (a pid of an earlier incarnation is never live)} */
    ProcessCore lookup(Pid pid) {
        return pid.creation() == creation ? table.get(pid) : null;
    }

    /** Routes a signal addressed by pid, alias or node (every kind but those naming a registered name). */
    void route(Signal signal) {
        if (signal instanceof Signal.AliasSend send) {
            routeToAlias(send);
            return;
        }
        if (signal instanceof Signal.SpawnRequest request) {
            routeSpawnRequest(request);
            return;
        }
        Pid to = destination(signal);
        if (isLocalNode(to)) {
            ProcessCore target = lookup(to);
            if (target == null) {
                answerMissing(signal);
            } else {
                target.push(signal);
            }
        } else {
            toRemote(to.node(), signal);
        }
    }

    /** Routes a signal addressed to a registered name ({@link Signal.RegSend}, or a monitor by name) on {@code node}. */
    void routeToName(Atom node, Signal signal) {
        if (isLocalNode(node)) {
            ProcessCore target = table.whereis(targetName(signal));
            if (target == null) {
                answerMissing(signal);
            } else {
                target.push(signal);
            }
        } else {
            toRemote(node, signal);
        }
    }

    /**
     * Routes a message to an alias: to the process that holds it on this node (which drops it if the alias
     * is no longer active when the signal is applied), or to the alias's node; an unknown local alias drops it.
     */
    private void routeToAlias(Signal.AliasSend send) {
        Ref alias = send.alias();
        if (!isLocalNode(alias.node())) {
            toRemote(alias.node(), send);
            return;
        }
        ProcessCore owner = alias.creation() == creation ? table.aliasOwner(alias) : null;
        if (owner != null) {
            owner.push(send);
        }
    }

    /**
     * A spawn request goes to its node; this node runs no Erlang code, so one for it is answered {@code notsup}, as a
     * Java node answers one from the wire.
     */
    private void routeSpawnRequest(Signal.SpawnRequest request) {
        if (isLocalNode(request.node())) {
            route(Signal.SpawnReply.failed(request.reqId(), request.from(), Reasons.NOTSUP));
        } else {
            toRemote(request.node(), request);
        }
    }

    /** The entry for signals from the wire: the target must be of this node. */
    void injectFromWire(Signal signal) {
        if (isAddressedByName(signal)) {
            routeToName(nodeName, signal);
            return;
        }
        Atom node = signal instanceof Signal.AliasSend send ? send.alias().node() : destination(signal).node();
        if (!isLocalNode(node)) {
            throw new IllegalArgumentException("a signal from the wire for " + node + ", not for " + nodeName + ": " + signal);
        }
        route(signal);
    }

    /**
     * Erlang's answer when the target does not exist: a LINK gets an exit signal {@code noproc} back,
     * a MONITOR_P a MONITOR_P_EXIT {@code noproc}; a SPAWN_REPLY for a process that is gone (or no longer waits for
     * it) undoes what the new process's node set up: its link gets the exit signal {@code abandoned}, its monitor is
     * removed (erlang:spawn_request_abandon/1); everything else is dropped (erlang:link/1, erlang:monitor/2 docs).
     */
    void answerMissing(Signal signal) {
        switch (signal) {
            case Signal.Link(Pid from, Pid to) -> route(new Signal.Exit(to, from, Reasons.NOPROC));
            case Signal.MonitorP(Pid from, Term toProc, var ref) ->
                    route(new Signal.MonitorPExit(null, toProc, from, ref, Reasons.NOPROC));
            case Signal.SpawnReply(Ref reqId, Pid to, boolean linked, boolean monitored, Term result)
                    when result instanceof Pid child -> {
                if (linked) {
                    route(new Signal.Exit(to, child, Reasons.ABANDONED));
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

    private void toRemote(Atom node, Signal signal) {
        Transport current = transport;
        if (current != null && current.deliver(node, signal)) {
            return;
        }
        answerUnreachable(signal);
    }

    /**
     * The answer when the target's node cannot be reached: a link fires {@code noconnection} at once, as
     * do a monitor and a spawn request; an unlink's information is cleared the same way a lost connection clears it;
     * everything else is dropped (semantics.md, "Connections and nodes").
     */
    private void answerUnreachable(Signal signal) {
        switch (signal) {
            case Signal.Link(Pid from, Pid to) -> route(new Signal.Exit(to, from, Reasons.NOCONNECTION));
            case Signal.UnlinkId(long id, Pid from, Pid to) -> route(new Signal.Exit(to, from, Reasons.NOCONNECTION));
            case Signal.MonitorP(Pid from, Term toProc, var ref) ->
                    route(new Signal.MonitorPExit(null, toProc, from, ref, Reasons.NOCONNECTION));
            case Signal.SpawnRequest request ->
                    route(Signal.SpawnReply.failed(request.reqId(), request.from(), Reasons.NOCONNECTION));
            default -> {
                // Messages and the other signals to an unreachable node are dropped.
            }
        }
    }

    void connectionLost(Atom node) {
        var entries = remote.takeAll(node);
        var monitors = nodeMonitors.takeAll(node);
        LOG.debug("connection to {} lost: {} links and monitors, {} node monitors fire", node, entries.size(), monitors.size());
        for (RemoteEntries.Entry entry : entries) {
            route(entry.lost());
        }
        for (NodeMonitors.NodeMonitor monitor : monitors) {
            route(new Signal.Send(null, monitor.owner(), new NodeDown(node)));
        }
    }

    Transport transport() {
        return transport;
    }

    synchronized TransportBinding attach(Transport newTransport) {
        if (transport != null) {
            throw new IllegalStateException("node " + nodeName + " already has a transport attached");
        }
        transport = newTransport;
        return new TransportBinding(this, newTransport);
    }

    synchronized void detach(Transport old) {
        if (transport == old) {
            transport = null;
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
            case Signal.Exit s -> s.to();
            case Signal.Exit2 s -> s.to();
            case Signal.MonitorPExit s -> s.to();
            case Signal.SpawnReply s -> s.to();
            case Signal.MonitorP(var from, Term toProc, var ref) when toProc instanceof Pid pid -> pid;
            case Signal.DemonitorP(var from, Term toProc, var ref) when toProc instanceof Pid pid -> pid;
            default -> throw new IllegalArgumentException("addressed to a name or a node, not a pid: " + signal);
        };
    }
}
