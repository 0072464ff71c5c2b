package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.control.ControlCodec;
import dev.beamlink.dist.control.ControlMessage;
import dev.beamlink.dist.control.Operation;
import dev.beamlink.dist.handshake.DistFlags;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Binary;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Nil;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.spi.Signal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each runtime signal to the one control message that carries it for the negotiated flags, or to why it cannot go;
 * each control message back to its signal; and every kind of both covered.
 */
class SignalMapperTest {

    private static final Atom OURS = Atom.of("java@h");
    private static final Atom PEER = Atom.of("erl@h");
    private static final Pid ME = new Pid(OURS, 1, 0, 1);
    private static final Pid HIM = new Pid(PEER, 2, 0, 1);
    private static final Pid GROUP_LEADER = new Pid(OURS, 3, 0, 1);
    private static final Ref REF = new Ref(OURS, 1, new int[] {1, 2, 3});
    private static final Ref ALIAS = new Ref(PEER, 1, new int[] {4, 5, 6});
    private static final Term MSG = Tuple.of(Atom.of("hello"), Int.of(1));
    private static final Atom NAME = Atom.of("server");

    /** What OTP 25+ nodes offer (and beamlink asks for). */
    private static final DistFlags MODERN = new DistFlags(DistFlags.DFLAG_SEND_SENDER | DistFlags.DFLAG_EXIT_PAYLOAD
            | DistFlags.DFLAG_ALIAS | DistFlags.DFLAG_SPAWN);
    /** A peer without the later control messages. */
    private static final DistFlags OLD = new DistFlags(0);

    /** One signal of each kind, sent by a process of this node to one of the peer (or, for the answers, back). */
    private static List<Signal> oneOfEach() {
        return List.of(
                new Signal.Send(ME, HIM, MSG),
                new Signal.RegSend(ME, NAME, MSG),
                new Signal.AliasSend(ME, ALIAS, MSG),
                new Signal.Link(ME, HIM),
                new Signal.UnlinkId(7, ME, HIM),
                new Signal.UnlinkIdAck(7, ME, HIM),
                new Signal.LinkExit(ME, HIM, Atom.of("normal")),
                new Signal.Exit2(ME, HIM, Atom.of("kill")),
                new Signal.MonitorP(ME, NAME, REF),
                new Signal.DemonitorP(ME, HIM, REF),
                new Signal.MonitorPExit(ME, ME, HIM, REF, Atom.of("normal")),
                new Signal.SpawnRequest(REF, ME, PEER, Atom.of("m"), Atom.of("f"), List.of(Int.of(1)), true, false),
                new Signal.SpawnReply(REF, HIM, true, true, ME));
    }

    @Test
    void theSamplesCoverEverySignalKind() {
        Set<Class<?>> kinds = new HashSet<>(Arrays.asList(Signal.class.getPermittedSubclasses()));
        oneOfEach().forEach(signal -> kinds.remove(signal.getClass()));
        assertEquals(Set.of(), kinds, "signal kinds without a sample");
    }

    @Test
    void aModernPeerGetsTheLaterOperations() {
        SignalMapper mapper = new SignalMapper(MODERN, () -> GROUP_LEADER);
        List<Operation> operations = oneOfEach().stream().map(s -> transmitted(mapper, s).operation()).toList();
        assertEquals(List.of(Operation.SEND_SENDER, Operation.REG_SEND, Operation.ALIAS_SEND, Operation.LINK,
                Operation.UNLINK_ID, Operation.UNLINK_ID_ACK, Operation.PAYLOAD_EXIT, Operation.PAYLOAD_EXIT2,
                Operation.MONITOR_P, Operation.DEMONITOR_P, Operation.PAYLOAD_MONITOR_P_EXIT, Operation.SPAWN_REQUEST,
                Operation.SPAWN_REPLY), operations);
    }

    @Test
    void anOldPeerGetsTheFirstOperationsAndNoAliasOrSpawn() {
        SignalMapper mapper = new SignalMapper(OLD, () -> GROUP_LEADER);
        assertEquals(Operation.SEND, transmitted(mapper, new Signal.Send(ME, HIM, MSG)).operation());
        assertEquals(Operation.EXIT, transmitted(mapper, new Signal.LinkExit(ME, HIM, MSG)).operation());
        assertEquals(Operation.EXIT2, transmitted(mapper, new Signal.Exit2(ME, HIM, MSG)).operation());
        assertEquals(Operation.MONITOR_P_EXIT,
                transmitted(mapper, new Signal.MonitorPExit(ME, ME, HIM, REF, MSG)).operation());
        var dropped = assertInstanceOf(SignalMapper.Outgoing.Drop.class, mapper.outgoing(new Signal.AliasSend(ME, ALIAS, MSG)));
        assertTrue(dropped.why().contains("DFLAG_ALIAS"), dropped.why());
        var request = new Signal.SpawnRequest(REF, ME, PEER, Atom.of("m"), Atom.of("f"), List.of(), false, true);
        var answered = assertInstanceOf(SignalMapper.Outgoing.AnswerLocally.class, mapper.outgoing(request));
        assertEquals(Signal.SpawnReply.failed(REF, ME, SignalMapper.NOTSUP), answered.answer());
    }

    @Test
    void whatCannotGoToAPeerSaysWhy() {
        SignalMapper mapper = new SignalMapper(MODERN, () -> GROUP_LEADER);
        assertDropped(mapper, new Signal.Send(ME, HIM, "a Java string"), "only a term");
        assertDropped(mapper, new Signal.RegSend(ME, NAME, List.of()), "only a term");
        assertDropped(mapper, new Signal.AliasSend(ME, ALIAS, new Object()), "only a term");
        assertDropped(mapper, new Signal.RegSend(null, NAME, MSG), "no process sends");
        assertDropped(mapper, new Signal.AliasSend(null, ALIAS, MSG), "no process sends");
        ControlMessage send = transmitted(mapper, new Signal.Send(null, HIM, MSG));
        assertEquals(new ControlMessage.Send(Operation.SEND, null, HIM, null, MSG), send, "no sender: SEND");
    }

    /** What one node sends, the other reads as the same signal: through the codec, for both sets of flags. */
    @Test
    void everySignalComesBackAsItWentThroughTheWire() throws Exception {
        for (DistFlags flags : List.of(MODERN, OLD)) {
            SignalMapper sender = new SignalMapper(flags, () -> GROUP_LEADER);
            SignalMapper receiver = new SignalMapper(flags, () -> GROUP_LEADER);
            for (Signal signal : oneOfEach()) {
                if (!(sender.outgoing(signal) instanceof SignalMapper.Outgoing.Transmit(ControlMessage message))) {
                    continue; // an old peer's alias and spawn: above
                }
                ControlMessage read = ControlCodec.decode(ControlCodec.controlTuple(message), ControlCodec.payload(message));
                SignalMapper.Incoming incoming = receiver.incoming(read, OURS);
                Signal expected = switch (signal) {
                    case Signal.Send s when !flags.has(DistFlags.DFLAG_SEND_SENDER) ->
                            new Signal.Send(null, s.to(), s.message()); // SEND names no sender
                    case Signal.SpawnRequest r -> new Signal.SpawnRequest(r.reqId(), r.from(), GROUP_LEADER.node(),
                            r.module(), r.function(), r.args(), r.link(), r.monitor()); // for the node that reads it
                    default -> signal;
                };
                assertEquals(new SignalMapper.Incoming.Deliver(expected), incoming, flags + ": " + signal);
            }
        }
    }

    /** Every control message record, received: a signal, an answer, nothing, or the end of the connection. */
    @Test
    void everyControlMessageHasAMeaning() throws Exception {
        SignalMapper mapper = new SignalMapper(MODERN, () -> GROUP_LEADER);
        Set<Class<?>> kinds = new HashSet<>(Arrays.asList(ControlMessage.class.getPermittedSubclasses()));
        List<ControlMessage> received = List.of(
                new ControlMessage.Send(Operation.SEND_TT, null, ME, Atom.of("token"), MSG),
                new ControlMessage.RegSend(Operation.REG_SEND_TT, HIM, NAME, Atom.of("token"), MSG),
                new ControlMessage.AliasSend(Operation.ALIAS_SEND_TT, HIM, REF, Atom.of("token"), MSG),
                new ControlMessage.Link(HIM, ME),
                new ControlMessage.UnlinkId(1, HIM, ME),
                new ControlMessage.UnlinkIdAck(1, HIM, ME),
                new ControlMessage.LinkExit(Operation.EXIT_TT, HIM, ME, Atom.of("token"), MSG),
                new ControlMessage.Exit2(Operation.PAYLOAD_EXIT2_TT, HIM, ME, Atom.of("token"), MSG),
                new ControlMessage.MonitorP(HIM, ME, REF),
                new ControlMessage.DemonitorP(HIM, NAME, REF),
                new ControlMessage.MonitorPExit(Operation.MONITOR_P_EXIT, NAME, ME, REF, MSG),
                new ControlMessage.SpawnRequest(Operation.SPAWN_REQUEST_TT, REF, HIM, HIM, Atom.of("m"), Atom.of("f"), 1,
                        ErlList.of(Atom.of("link"), Tuple.of(Atom.of("monitor"), Nil.NIL), Atom.of("priority")),
                        Atom.of("token"), ErlList.of(MSG)),
                new ControlMessage.SpawnReply(Operation.SPAWN_REPLY_TT, REF, ME, 0, Atom.of("badarg"), Atom.of("token")),
                new ControlMessage.AltactSigSend(ControlMessage.AltactSigSend.FLAG_EXIT, HIM, ME, null, MSG),
                new ControlMessage.NodeLink(),
                new ControlMessage.GroupLeader(HIM, ME));
        List<Object> meanings = new java.util.ArrayList<>();
        for (ControlMessage message : received) {
            kinds.remove(message.getClass());
            meanings.add(switch (mapper.incoming(message, PEER)) {
                case SignalMapper.Incoming.Deliver(Signal signal) -> signal;
                case SignalMapper.Incoming.Ignore(String why) -> "ignored";
            });
        }
        assertEquals(List.of(
                new Signal.Send(null, ME, MSG),
                new Signal.RegSend(HIM, NAME, MSG),
                new Signal.AliasSend(HIM, REF, MSG),
                new Signal.Link(HIM, ME),
                new Signal.UnlinkId(1, HIM, ME),
                new Signal.UnlinkIdAck(1, HIM, ME),
                new Signal.LinkExit(HIM, ME, MSG),
                new Signal.Exit2(HIM, ME, MSG),
                new Signal.MonitorP(HIM, ME, REF),
                new Signal.DemonitorP(HIM, NAME, REF),
                new Signal.MonitorPExit(null, NAME, ME, REF, MSG),
                new Signal.SpawnRequest(REF, HIM, OURS, Atom.of("m"), Atom.of("f"), List.of(MSG), true, true),
                Signal.SpawnReply.failed(REF, ME, Atom.of("badarg")),
                new Signal.Exit2(HIM, ME, MSG),
                "ignored",
                "ignored"), meanings);
        kinds.remove(ControlMessage.Unlink.class);
        assertEquals(Set.of(), kinds, "control messages without a sample");
        var violation = assertThrows(SignalMapper.ProtocolViolation.class,
                () -> mapper.incoming(new ControlMessage.Unlink(HIM, ME), PEER));
        assertTrue(violation.getMessage().contains("UNLINK (4)"), violation.getMessage());
    }

    @Test
    void aSpawnRequestWhoseArgumentsAreNotItsArityBreaksTheProtocol() {
        SignalMapper mapper = new SignalMapper(MODERN, () -> GROUP_LEADER);
        for (Term args : List.of(Tuple.EMPTY, ErlList.of(MSG), new ErlList(List.of(MSG, MSG), MSG))) {
            var violation = assertThrows(SignalMapper.ProtocolViolation.class, () -> mapper.incoming(
                    new ControlMessage.SpawnRequest(Operation.SPAWN_REQUEST, REF, HIM, HIM, Atom.of("m"), Atom.of("f"), 2,
                            Nil.NIL, null, args), PEER));
            assertTrue(violation.getMessage().contains("expected: a proper list of 2"), violation.getMessage());
        }
    }

    @Test
    void aViolationPrintsAtMostTheStartOfThePeersArguments() {
        SignalMapper mapper = new SignalMapper(MODERN, () -> GROUP_LEADER);
        Term huge = ErlList.of(Binary.wrap(new byte[1 << 20])); // a list of 1, not of 2
        var violation = assertThrows(SignalMapper.ProtocolViolation.class, () -> mapper.incoming(
                new ControlMessage.SpawnRequest(Operation.SPAWN_REQUEST, REF, HIM, HIM, Atom.of("m"), Atom.of("f"), 2,
                        Nil.NIL, null, huge), PEER));
        assertTrue(violation.getMessage().length() < 1_000, () -> violation.getMessage().length() + " characters");
        assertTrue(violation.getMessage().contains("expected: a proper list of 2"), violation.getMessage());
    }

    @Test
    void aLinkExitOrMonitorSignalFromAnotherNodesProcessBreaksTheProtocol() {
        SignalMapper mapper = new SignalMapper(MODERN, () -> GROUP_LEADER);
        var violation = assertThrows(SignalMapper.ProtocolViolation.class,
                () -> mapper.incoming(new ControlMessage.LinkExit(Operation.PAYLOAD_EXIT, ME, ME, null, MSG), PEER));
        assertEquals("PAYLOAD_EXIT (24) from " + ME + ", a process of another node than the peer " + PEER,
                violation.getMessage());
    }

    private static ControlMessage transmitted(SignalMapper mapper, Signal signal) {
        return assertInstanceOf(SignalMapper.Outgoing.Transmit.class, mapper.outgoing(signal), signal::toString).message();
    }

    private static void assertDropped(SignalMapper mapper, Signal signal, String why) {
        var dropped = assertInstanceOf(SignalMapper.Outgoing.Drop.class, mapper.outgoing(signal), signal::toString);
        assertTrue(dropped.why().contains(why), dropped.why());
    }
}
