package dev.beamlink.dist;

import dev.beamlink.dist.control.ControlCodec;
import dev.beamlink.dist.control.ControlMessage;
import dev.beamlink.dist.handshake.DistFlags;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.node.spi.Signal;
import java.util.ArrayList;
import java.util.List;

/**
 * What a control message means to the node, and back: runtime {@link Signal}s to the control messages a
 * connection with the negotiated flags sends (SEND_SENDER rather than SEND, the PAYLOAD_ variants of the
 * exits), and received control messages to signals or to the few things the connection answers itself.
 * Trace tokens are not kept: beamlink has no sequential tracing.
 */
final class SignalMapper {

    /** What a received control message asks of the node. */
    sealed interface Incoming {
        /** A signal for a process of this node. */
        record Deliver(Signal signal) implements Incoming {
        }

        /** A control message the connection answers on its own (a SPAWN_REQUEST gets a SPAWN_REPLY). */
        record Reply(ControlMessage answer, String why) implements Incoming {
        }

        /** Nothing to do (NODE_LINK, GROUP_LEADER). */
        record Ignore(String why) implements Incoming {
        }
    }

    /** The reason a SPAWN_REQUEST is refused with: OTP's remote spawn then hands back a process that exits {@code notsup}. */
    static final Atom NOTSUP = Atom.of("notsup");

    private static final Atom LINK = Atom.of("link");
    private static final Atom MONITOR = Atom.of("monitor");

    private final boolean sendSender;
    private final boolean exitPayload;
    private final boolean alias;
    private final boolean spawn;
    private final Pid groupLeader;

    /**
     * @param groupLeader the group leader of the processes this node asks the peer for: the node's io server, where
     *                    their output goes
     */
    SignalMapper(DistFlags flags, Pid groupLeader) {
        this.sendSender = flags.has(DistFlags.DFLAG_SEND_SENDER);
        this.exitPayload = flags.has(DistFlags.DFLAG_EXIT_PAYLOAD);
        this.alias = flags.has(DistFlags.DFLAG_ALIAS);
        this.spawn = flags.has(DistFlags.DFLAG_SPAWN);
        this.groupLeader = groupLeader;
    }

    /**
     * {@return the control message that carries {@code signal}, or null if it cannot go to this peer}: a
     * payload that is not a term, a REG_SEND or ALIAS_SEND without a sending process, an ALIAS_SEND to a
     * peer without aliases, a SPAWN_REQUEST to a peer without DFLAG_SPAWN (see {@link Connection#send(Signal)})
     */
    ControlMessage outgoing(Signal signal) {
        return switch (signal) {
            case Signal.Send(Pid from, Pid to, Object message) when message instanceof Term term ->
                    from != null && sendSender ? new ControlMessage.SendSender(from, to, term)
                            : new ControlMessage.Send(ControlCodec.UNUSED, to, term);
            case Signal.RegSend(Pid from, Atom name, Object message) when message instanceof Term term && from != null ->
                    new ControlMessage.RegSend(from, ControlCodec.UNUSED, name, term);
            case Signal.AliasSend(Pid from, Ref to, Object message) when message instanceof Term term && from != null && alias ->
                    new ControlMessage.AliasSend(from, to, term);
            case Signal.Link(Pid from, Pid to) -> new ControlMessage.Link(from, to);
            case Signal.UnlinkId(long id, Pid from, Pid to) -> new ControlMessage.UnlinkId(id, from, to);
            case Signal.UnlinkIdAck(long id, Pid from, Pid to) -> new ControlMessage.UnlinkIdAck(id, from, to);
            case Signal.LinkExit(Pid from, Pid to, Term reason) ->
                    exitPayload ? new ControlMessage.PayloadExit(from, to, reason) : new ControlMessage.Exit(from, to, reason);
            case Signal.Exit2(Pid from, Pid to, Term reason) ->
                    exitPayload ? new ControlMessage.PayloadExit2(from, to, reason) : new ControlMessage.Exit2(from, to, reason);
            case Signal.MonitorP(Pid from, Term to, Ref ref) -> new ControlMessage.MonitorP(from, to, ref);
            case Signal.DemonitorP(Pid from, Term to, Ref ref) -> new ControlMessage.DemonitorP(from, to, ref);
            case Signal.MonitorPExit(Pid sender, Term from, Pid to, Ref ref, Term reason) -> exitPayload
                    ? new ControlMessage.PayloadMonitorPExit(from, to, ref, reason)
                    : new ControlMessage.MonitorPExit(from, to, ref, reason);
            case Signal.SpawnRequest request when spawn -> spawnRequest(request);
            case Signal.SpawnReply(Ref reqId, Pid to, boolean linked, boolean monitored, Term result) ->
                    new ControlMessage.SpawnReply(reqId, to, (linked ? ControlMessage.SpawnReply.FLAG_LINK : 0)
                            | (monitored ? ControlMessage.SpawnReply.FLAG_MONITOR : 0), result);
            default -> null;
        };
    }

    /**
     * {@return what a control message received from {@code peer} asks of the node}
     *
     * @throws ProtocolViolation if the message is one the peer may not send on this connection
     */
    Incoming incoming(ControlMessage message, Atom peer) throws ProtocolViolation {
        return switch (message) {
            case ControlMessage.Send m -> deliver(new Signal.Send(null, m.to(), m.message()));
            case ControlMessage.SendTT m -> deliver(new Signal.Send(null, m.to(), m.message()));
            case ControlMessage.SendSender m -> deliver(new Signal.Send(m.from(), m.to(), m.message()));
            case ControlMessage.SendSenderTT m -> deliver(new Signal.Send(m.from(), m.to(), m.message()));
            case ControlMessage.RegSend m -> deliver(new Signal.RegSend(m.from(), m.toName(), m.message()));
            case ControlMessage.RegSendTT m -> deliver(new Signal.RegSend(m.from(), m.toName(), m.message()));
            case ControlMessage.AliasSend m -> deliver(new Signal.AliasSend(m.from(), m.alias(), m.message()));
            case ControlMessage.AliasSendTT m -> deliver(new Signal.AliasSend(m.from(), m.alias(), m.message()));
            case ControlMessage.Link m -> deliver(new Signal.Link(fromPeer(m.from(), peer, m), m.to()));
            case ControlMessage.UnlinkId m -> deliver(new Signal.UnlinkId(m.id(), fromPeer(m.from(), peer, m), m.to()));
            case ControlMessage.UnlinkIdAck m -> deliver(new Signal.UnlinkIdAck(m.id(), fromPeer(m.from(), peer, m), m.to()));
            case ControlMessage.Exit m -> deliver(new Signal.LinkExit(fromPeer(m.from(), peer, m), m.to(), m.reason()));
            case ControlMessage.ExitTT m -> deliver(new Signal.LinkExit(fromPeer(m.from(), peer, m), m.to(), m.reason()));
            case ControlMessage.PayloadExit m -> deliver(new Signal.LinkExit(fromPeer(m.from(), peer, m), m.to(), m.reason()));
            case ControlMessage.PayloadExitTT m -> deliver(new Signal.LinkExit(fromPeer(m.from(), peer, m), m.to(), m.reason()));
            case ControlMessage.Exit2 m -> deliver(new Signal.Exit2(fromPeer(m.from(), peer, m), m.to(), m.reason()));
            case ControlMessage.Exit2TT m -> deliver(new Signal.Exit2(fromPeer(m.from(), peer, m), m.to(), m.reason()));
            case ControlMessage.PayloadExit2 m -> deliver(new Signal.Exit2(fromPeer(m.from(), peer, m), m.to(), m.reason()));
            case ControlMessage.PayloadExit2TT m -> deliver(new Signal.Exit2(fromPeer(m.from(), peer, m), m.to(), m.reason()));
            case ControlMessage.MonitorP m -> deliver(new Signal.MonitorP(fromPeer(m.from(), peer, m), m.toProc(), m.ref()));
            case ControlMessage.DemonitorP m -> deliver(new Signal.DemonitorP(fromPeer(m.from(), peer, m), m.toProc(), m.ref()));
            case ControlMessage.MonitorPExit m -> deliver(monitorPExit(m.fromProc(), m.to(), m.ref(), m.reason(), peer, m));
            case ControlMessage.PayloadMonitorPExit m -> deliver(monitorPExit(m.fromProc(), m.to(), m.ref(), m.reason(), peer, m));
            case ControlMessage.SpawnRequest m -> refuseSpawn(m.reqId(), m.from(), m.module(), m.function(), m.arity());
            case ControlMessage.SpawnRequestTT m -> refuseSpawn(m.reqId(), m.from(), m.module(), m.function(), m.arity());
            case ControlMessage.AltactSigSend m -> altact(m, peer);
            case ControlMessage.Unlink m -> throw new ProtocolViolation(
                    "UNLINK (4) of the old link protocol on a connection that negotiated UNLINK_ID");
            case ControlMessage.NodeLink m -> new Incoming.Ignore("NODE_LINK");
            case ControlMessage.GroupLeader m -> new Incoming.Ignore("GROUP_LEADER: a Java process has no group leader");
            case ControlMessage.SpawnReply m -> spawnReply(m.reqId(), m.to(), m.flags(), m.result(), peer, m);
            case ControlMessage.SpawnReplyTT m -> spawnReply(m.reqId(), m.to(), m.flags(), m.result(), peer, m);
        };
    }

    private static Incoming deliver(Signal signal) {
        return new Incoming.Deliver(signal);
    }

    /**
     * SPAWN_REQUEST: beamlink cannot run Erlang code, so it answers {@code notsup} at once; OTP's caller
     * ({@code erlang:spawn/4}, {@code spawn_opt/5}) then gets a pid that exits with {@code notsup} rather than
     * waiting for ever.
     */
    private static Incoming refuseSpawn(Ref reqId, Pid from, Atom module, Atom function, long arity) {
        return new Incoming.Reply(new ControlMessage.SpawnReply(reqId, from, 0, NOTSUP),
                "SPAWN_REQUEST for " + module.text() + ":" + function.text() + "/" + arity + " from " + from + " refused: notsup");
    }

    /**
     * SPAWN_REQUEST {@code {29, ReqId, From, GroupLeader, {Module, Function, Arity}, OptList}} followed by ArgList;
     * the options {@code link} and {@code monitor} make the peer set them up before the new process runs.
     */
    private ControlMessage spawnRequest(Signal.SpawnRequest request) {
        List<Term> options = new ArrayList<>(2);
        if (request.link()) {
            options.add(LINK);
        }
        if (request.monitor()) {
            options.add(MONITOR);
        }
        return new ControlMessage.SpawnRequest(request.reqId(), request.from(), groupLeader, request.module(),
                request.function(), request.args().size(), ErlList.from(options), ErlList.from(request.args()));
    }

    /**
     * SPAWN_REPLY: the answer to a request of a process of this node. A new process is one of the peer's, since the
     * link or monitor set up for it is filed under, and fired with, the peer's connection.
     */
    private static Incoming spawnReply(Ref reqId, Pid to, long flags, Term result, Atom peer, ControlMessage message)
            throws ProtocolViolation {
        return deliver(new Signal.SpawnReply(reqId, to, (flags & ControlMessage.SpawnReply.FLAG_LINK) != 0,
                (flags & ControlMessage.SpawnReply.FLAG_MONITOR) != 0, fromPeerProc(result, peer, message)));
    }

    private static Incoming altact(ControlMessage.AltactSigSend m, Atom peer) throws ProtocolViolation {
        boolean exit = (m.flags() & ControlMessage.AltactSigSend.FLAG_EXIT) != 0;
        return switch (m.to()) {
            case Pid to when exit -> deliver(new Signal.Exit2(fromPeer(m.from(), peer, m), to, m.payload()));
            case Pid to -> deliver(new Signal.Send(m.from(), to, m.payload()));
            case Atom name when !exit -> deliver(new Signal.RegSend(m.from(), name, m.payload()));
            case Ref alias when !exit -> deliver(new Signal.AliasSend(m.from(), alias, m.payload()));
            default -> new Incoming.Ignore("ALTACT_SIG_SEND exit signal to a name or alias");
        };
    }

    /**
     * The sender of a link, exit or monitor signal must be a process of the peer: the runtime files what
     * crossed a connection under the sender's node, and fires it when that connection is lost.
     */
    private static Pid fromPeer(Pid from, Atom peer, ControlMessage message) throws ProtocolViolation {
        if (!from.node().equals(peer)) {
            throw new ProtocolViolation(ControlCodec.name(message.operation()) + " from " + from
                    + ", a process of another node than the peer " + peer);
        }
        return from;
    }

    private static Term fromPeerProc(Term proc, Atom peer, ControlMessage message) throws ProtocolViolation {
        return proc instanceof Pid pid ? fromPeer(pid, peer, message) : proc;
    }

    /** {@return the DOWN a peer's MONITOR_P_EXIT carries} A pid it names must be one of the peer's. */
    private static Signal.MonitorPExit monitorPExit(Term fromProc, Pid to, Ref ref, Term reason, Atom peer,
                                                    ControlMessage message) throws ProtocolViolation {
        Term proc = fromPeerProc(fromProc, peer, message);
        return new Signal.MonitorPExit(proc instanceof Pid pid ? pid : null, proc, to, ref, reason);
    }

    /** A well-formed control message that the peer may not send on this connection: the connection is closed. */
    static final class ProtocolViolation extends Exception {
        ProtocolViolation(String message) {
            super(message);
        }
    }
}
