package dev.beamlink.dist;

import dev.beamlink.dist.control.ControlMessage;
import dev.beamlink.dist.control.Operation;
import dev.beamlink.dist.handshake.DistFlags;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Nil;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.spi.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a control message means to the node, and back: each runtime {@link Signal} to the one control message that
 * carries it on a connection with the negotiated flags (SEND_SENDER rather than SEND, the PAYLOAD_ operations for the
 * exits), or to why it cannot go; and each received control message to a signal, or to the few things the connection
 * answers itself. Both mappings are exhaustive: a new signal or control message does not compile until it is mapped.
 * Trace tokens are not kept: beamlink has no sequential tracing, and sends none.
 */
final class SignalMapper {

    /** What becomes of a signal to a process of the peer. */
    sealed interface Outgoing {
        /** The control message that carries the signal. */
        record Transmit(ControlMessage message) implements Outgoing {
        }

        /** The signal cannot go to this peer: it is dropped, as OTP drops what cannot be delivered. */
        record Drop(String why) implements Outgoing {
        }

        /** The peer cannot do what the signal asks (a spawn without DFLAG_SPAWN): the node gets {@code answer} now. */
        record AnswerLocally(Signal answer, String why) implements Outgoing {
        }
    }

    /** What a received control message asks of the node. */
    sealed interface Incoming {
        /** A signal for a process of this node. */
        record Deliver(Signal signal) implements Incoming {
        }

        /** Nothing to do (NODE_LINK, GROUP_LEADER). */
        record Ignore(String why) implements Incoming {
        }
    }

    /** The answer to a spawn request this node cannot send: the peer did not offer DFLAG_SPAWN. */
    static final Atom NOTSUP = Atom.of("notsup");
    private static final Atom LINK = Atom.of("link");
    private static final Atom MONITOR = Atom.of("monitor");

    private final boolean sendSender;
    /** The operations of the exit signals: the PAYLOAD_ ones when DFLAG_EXIT_PAYLOAD was negotiated. */
    private final Operation linkExit;
    private final Operation exit2;
    private final Operation monitorPExit;
    private final boolean alias;
    private final boolean spawn;
    private final Supplier<Pid> groupLeader;

    /**
     * @param groupLeader the group leader of the processes this node asks the peer for: the node's io server, where
     *                    their output goes
     */
    SignalMapper(DistFlags flags, Supplier<Pid> groupLeader) {
        this.sendSender = flags.has(DistFlags.DFLAG_SEND_SENDER);
        boolean exitPayload = flags.has(DistFlags.DFLAG_EXIT_PAYLOAD);
        this.linkExit = exitPayload ? Operation.PAYLOAD_EXIT : Operation.EXIT;
        this.exit2 = exitPayload ? Operation.PAYLOAD_EXIT2 : Operation.EXIT2;
        this.monitorPExit = exitPayload ? Operation.PAYLOAD_MONITOR_P_EXIT : Operation.MONITOR_P_EXIT;
        this.alias = flags.has(DistFlags.DFLAG_ALIAS);
        this.spawn = flags.has(DistFlags.DFLAG_SPAWN);
        this.groupLeader = groupLeader;
    }

    /**
     * {@return the control message that carries {@code signal} to this peer, or why it cannot go}: a payload that is not
     * a term, a REG_SEND or ALIAS_SEND without a sending process, and an ALIAS_SEND to a peer without aliases are
     * dropped; a SPAWN_REQUEST to a peer without DFLAG_SPAWN is answered {@code notsup} here
     */
    Outgoing outgoing(Signal signal) {
        return switch (signal) {
            case Signal.Send(Pid from, Pid to, Object message) -> {
                if (!(message instanceof Term term)) {
                    yield notATerm(message);
                }
                yield transmit(from != null && sendSender
                        ? new ControlMessage.Send(Operation.SEND_SENDER, from, to, null, term)
                        : new ControlMessage.Send(Operation.SEND, null, to, null, term));
            }
            case Signal.RegSend(Pid from, Atom name, Object message) -> {
                if (!(message instanceof Term term)) {
                    yield notATerm(message);
                }
                yield from == null ? new Outgoing.Drop("a REG_SEND names its sender, and no process sends this one")
                        : transmit(new ControlMessage.RegSend(Operation.REG_SEND, from, name, null, term));
            }
            case Signal.AliasSend(Pid from, Ref to, Object message) -> {
                if (!(message instanceof Term term)) {
                    yield notATerm(message);
                }
                if (!alias) {
                    yield new Outgoing.Drop("the peer has no process aliases (no DFLAG_ALIAS)");
                }
                yield from == null ? new Outgoing.Drop("an ALIAS_SEND names its sender, and no process sends this one")
                        : transmit(new ControlMessage.AliasSend(Operation.ALIAS_SEND, from, to, null, term));
            }
            case Signal.Link(Pid from, Pid to) -> transmit(new ControlMessage.Link(from, to));
            case Signal.UnlinkId(long id, Pid from, Pid to) -> transmit(new ControlMessage.UnlinkId(id, from, to));
            case Signal.UnlinkIdAck(long id, Pid from, Pid to) -> transmit(new ControlMessage.UnlinkIdAck(id, from, to));
            case Signal.LinkExit(Pid from, Pid to, Term reason) ->
                    transmit(new ControlMessage.LinkExit(linkExit, from, to, null, reason));
            case Signal.Exit2(Pid from, Pid to, Term reason) ->
                    transmit(new ControlMessage.Exit2(exit2, from, to, null, reason));
            case Signal.MonitorP(Pid from, Term to, Ref ref) -> transmit(new ControlMessage.MonitorP(from, to, ref));
            case Signal.DemonitorP(Pid from, Term to, Ref ref) -> transmit(new ControlMessage.DemonitorP(from, to, ref));
            case Signal.MonitorPExit(Pid sender, Term from, Pid to, Ref ref, Term reason) ->
                    transmit(new ControlMessage.MonitorPExit(monitorPExit, from, to, ref, reason));
            case Signal.SpawnRequest request -> spawn ? transmit(spawnRequest(request))
                    : new Outgoing.AnswerLocally(Signal.SpawnReply.failed(request.reqId(), request.from(), NOTSUP),
                            "the peer cannot start processes for us (no DFLAG_SPAWN): the spawn request of "
                                    + request.from() + " is answered notsup");
            case Signal.SpawnReply(Ref reqId, Pid to, boolean linked, boolean monitored, Term result) ->
                    transmit(new ControlMessage.SpawnReply(Operation.SPAWN_REPLY, reqId, to,
                            (linked ? ControlMessage.SpawnReply.FLAG_LINK : 0)
                                    | (monitored ? ControlMessage.SpawnReply.FLAG_MONITOR : 0), result, null));
        };
    }

    private static Outgoing transmit(ControlMessage message) {
        return new Outgoing.Transmit(message);
    }

    private static Outgoing notATerm(Object message) {
        return new Outgoing.Drop("only a term goes to another node, not a " + message.getClass().getName());
    }

    /**
     * {@return what a control message received from {@code peer} asks of the node}
     *
     * @throws ProtocolViolation if the message is one the peer may not send on this connection
     */
    Incoming incoming(ControlMessage message, Atom peer) throws ProtocolViolation {
        return switch (message) {
            case ControlMessage.Send m -> deliver(new Signal.Send(m.from(), m.to(), m.message()));
            case ControlMessage.RegSend m -> deliver(new Signal.RegSend(m.from(), m.toName(), m.message()));
            case ControlMessage.AliasSend m -> deliver(new Signal.AliasSend(m.from(), m.alias(), m.message()));
            case ControlMessage.Link m -> deliver(new Signal.Link(fromPeer(m.from(), peer, m), m.to()));
            case ControlMessage.UnlinkId m ->
                    deliver(new Signal.UnlinkId(m.id(), fromPeer(m.from(), peer, m), m.to()));
            case ControlMessage.UnlinkIdAck m ->
                    deliver(new Signal.UnlinkIdAck(m.id(), fromPeer(m.from(), peer, m), m.to()));
            case ControlMessage.LinkExit m ->
                    deliver(new Signal.LinkExit(fromPeer(m.from(), peer, m), m.to(), m.reason()));
            case ControlMessage.Exit2 m ->
                    deliver(new Signal.Exit2(fromPeer(m.from(), peer, m), m.to(), m.reason()));
            case ControlMessage.MonitorP m ->
                    deliver(new Signal.MonitorP(fromPeer(m.from(), peer, m), m.toProc(), m.ref()));
            case ControlMessage.DemonitorP m ->
                    deliver(new Signal.DemonitorP(fromPeer(m.from(), peer, m), m.toProc(), m.ref()));
            case ControlMessage.MonitorPExit m -> deliver(monitorPExit(m, peer));
            case ControlMessage.SpawnRequest m -> spawnRequestFromPeer(m, peer);
            case ControlMessage.SpawnReply m -> spawnReply(m, peer);
            case ControlMessage.AltactSigSend m -> altact(m, peer);
            case ControlMessage.Unlink m -> throw new ProtocolViolation(
                    "UNLINK (4) of the old link protocol on a connection that negotiated UNLINK_ID");
            case ControlMessage.NodeLink m -> new Incoming.Ignore("NODE_LINK");
            case ControlMessage.GroupLeader m -> new Incoming.Ignore("GROUP_LEADER: a Java process has no group leader");
        };
    }

    private static Incoming deliver(Signal signal) {
        return new Incoming.Deliver(signal);
    }

    /**
     * SPAWN_REQUEST {@code {29, ReqId, From, GroupLeader, {Module, Function, Arity}, OptList}} followed by ArgList: a
     * request for a process of this node, which the node's spawn handler answers. Of the options, {@code link} and
     * {@code monitor} (also as {@code {monitor, MonitorOpts}}) are the requester's link and monitor; the others tune a
     * BEAM process (priority, heap sizes ...) and mean nothing to a Java one. The group leader is not kept: a Java
     * process has none.
     *
     * @throws ProtocolViolation if the arguments are not a proper list of {@code Arity} terms
     */
    /** How many characters of a peer's term a violation's message prints: the peer chooses its size. */
    private static final int MAX_PRINTED = 200;

    private Incoming spawnRequestFromPeer(ControlMessage.SpawnRequest m, Atom peer) throws ProtocolViolation {
        Pid requester = fromPeer(m.from(), peer, m);
        List<Term> argList = properList(m.args());
        if (argList == null || argList.size() != m.arity()) {
            throw new ProtocolViolation(m.operation() + " for " + m.module().text() + ":" + m.function().text() + "/"
                    + m.arity() + " with the arguments " + Term.format(m.args(), MAX_PRINTED)
                    + " (expected: a proper list of " + m.arity() + ")");
        }
        boolean link = false;
        boolean monitor = false;
        List<Term> optionList = properList(m.options());
        for (Term option : optionList == null ? List.<Term>of() : optionList) {
            link |= option.equals(LINK);
            monitor |= option.equals(MONITOR) || option instanceof Tuple t && t.isTagged(MONITOR, 2);
        }
        return deliver(new Signal.SpawnRequest(m.reqId(), requester, groupLeader.get().node(), m.module(), m.function(),
                argList, link, monitor));
    }

    /** {@return the elements of a proper list, or null for anything else} */
    private static List<Term> properList(Term term) {
        return switch (term) {
            case Nil nil -> List.of();
            case ErlList list when list.isProper() -> list.elements();
            default -> null;
        };
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
        return new ControlMessage.SpawnRequest(Operation.SPAWN_REQUEST, request.reqId(), request.from(), groupLeader.get(),
                request.module(), request.function(), request.args().size(), ErlList.from(options), null,
                ErlList.from(request.args()));
    }

    /**
     * SPAWN_REPLY: the answer to a request of a process of this node. A new process is one of the peer's, since the
     * link or monitor set up for it is filed under, and fired with, the peer's connection.
     */
    private static Incoming spawnReply(ControlMessage.SpawnReply m, Atom peer) throws ProtocolViolation {
        return deliver(new Signal.SpawnReply(m.reqId(), m.to(), (m.flags() & ControlMessage.SpawnReply.FLAG_LINK) != 0,
                (m.flags() & ControlMessage.SpawnReply.FLAG_MONITOR) != 0, fromPeerProc(m.result(), peer, m)));
    }

    /**
     * ALTACT_SIG_SEND: a message to a pid, a name or an alias, or an exit signal to a pid; an exit signal to a name or
     * an alias has no runtime signal and is ignored.
     */
    private static Incoming altact(ControlMessage.AltactSigSend m, Atom peer) throws ProtocolViolation {
        boolean exit = (m.flags() & ControlMessage.AltactSigSend.FLAG_EXIT) != 0;
        return switch (m.to()) { // the record holds a pid, a name or an alias, as its flags say
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
            throw new ProtocolViolation(message.operation() + " from " + from
                    + ", a process of another node than the peer " + peer);
        }
        return from;
    }

    private static Term fromPeerProc(Term proc, Atom peer, ControlMessage message) throws ProtocolViolation {
        return proc instanceof Pid pid ? fromPeer(pid, peer, message) : proc;
    }

    /** {@return the DOWN a peer's MONITOR_P_EXIT carries} A pid it names must be one of the peer's. */
    private static Signal.MonitorPExit monitorPExit(ControlMessage.MonitorPExit m, Atom peer) throws ProtocolViolation {
        Term proc = fromPeerProc(m.fromProc(), peer, m);
        return new Signal.MonitorPExit(proc instanceof Pid pid ? pid : null, proc, m.to(), m.ref(), m.reason());
    }

    /** A well-formed control message that the peer may not send on this connection: the connection is closed. */
    static final class ProtocolViolation extends Exception {
        ProtocolViolation(String message) {
            super(message);
        }
    }
}
