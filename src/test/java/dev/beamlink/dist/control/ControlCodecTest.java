package dev.beamlink.dist.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.control.ControlMessage.*;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.BigInt;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Nil;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every control message to its tuple and payload and back; malformed tuples refused with what was wrong. */
class ControlCodecTest {

    private static final Pid A = new Pid(Atom.of("a@h"), 1, 2, 3);
    private static final Pid B = new Pid(Atom.of("b@h"), 4, 5, 6);
    private static final Ref REF = new Ref(Atom.of("a@h"), 3, new int[] {1, 2, 3});
    private static final Atom NAME = Atom.of("name");
    private static final Term TOKEN = Tuple.of(Int.of(0), Atom.of("label"));
    private static final Term MSG = Tuple.of(Atom.of("hello"), Int.of(42));

    static List<ControlMessage> everyMessage() {
        return List.of(
                new Link(A, B), new Send(ControlCodec.UNUSED, B, MSG), new Exit(A, B, MSG), new Unlink(A, B),
                new NodeLink(), new RegSend(A, ControlCodec.UNUSED, NAME, MSG), new GroupLeader(A, B),
                new Exit2(A, B, MSG), new SendTT(ControlCodec.UNUSED, B, TOKEN, MSG), new ExitTT(A, B, TOKEN, MSG),
                new RegSendTT(A, ControlCodec.UNUSED, NAME, TOKEN, MSG), new Exit2TT(A, B, TOKEN, MSG),
                new MonitorP(A, B, REF), new MonitorP(A, NAME, REF), new DemonitorP(A, NAME, REF),
                new MonitorPExit(B, A, REF, MSG), new MonitorPExit(NAME, A, REF, MSG), new SendSender(A, B, MSG),
                new SendSenderTT(A, B, TOKEN, MSG), new PayloadExit(A, B, MSG), new PayloadExitTT(A, B, TOKEN, MSG),
                new PayloadExit2(A, B, MSG), new PayloadExit2TT(A, B, TOKEN, MSG), new PayloadMonitorPExit(NAME, A, REF, MSG),
                new SpawnRequest(REF, A, B, Atom.of("m"), Atom.of("f"), 2, Nil.NIL, MSG),
                new SpawnRequestTT(REF, A, B, Atom.of("m"), Atom.of("f"), 0, Nil.NIL, TOKEN, Nil.NIL),
                new SpawnReply(REF, A, SpawnReply.FLAG_LINK | SpawnReply.FLAG_MONITOR, B),
                new SpawnReplyTT(REF, A, 0, Atom.of("notsup"), TOKEN), new AliasSend(A, REF, MSG),
                new AliasSendTT(A, REF, TOKEN, MSG), new UnlinkId(7, A, B), new UnlinkId(-1, A, B), new UnlinkIdAck(1L << 63, B, A),
                new AltactSigSend(AltactSigSend.FLAG_ALIAS, A, REF, null, MSG),
                new AltactSigSend(AltactSigSend.FLAG_NAME | AltactSigSend.FLAG_TOKEN, A, NAME, TOKEN, MSG),
                new AltactSigSend(AltactSigSend.FLAG_EXIT, A, B, null, MSG));
    }

    @ParameterizedTest
    @MethodSource("everyMessage")
    void roundTrips(ControlMessage message) throws ControlMessageException {
        Tuple tuple = ControlCodec.controlTuple(message);
        assertEquals(Int.of(message.operation()), tuple.get(0));
        Term payload = ControlCodec.payload(message);
        assertEquals(ControlCodec.hasPayload(message.operation()), payload != null);
        assertEquals(message, ControlCodec.decode(tuple, payload));
    }

    /** A message, and the control tuple and payload it goes on the wire as (erl_dist_protocol, "Protocol between Connected Nodes"). */
    record Vector(ControlMessage message, Tuple control, Term payload) {
    }

    static List<Vector> vectors() {
        Atom m = Atom.of("m");
        Atom f = Atom.of("f");
        Atom notsup = Atom.of("notsup");
        Atom unused = Atom.of("");
        return List.of(
                new Vector(new Link(A, B), Tuple.of(Int.of(1), A, B), null),
                new Vector(new Send(ControlCodec.UNUSED, B, MSG), Tuple.of(Int.of(2), unused, B), MSG),
                new Vector(new Exit(A, B, MSG), Tuple.of(Int.of(3), A, B, MSG), null),
                new Vector(new Unlink(A, B), Tuple.of(Int.of(4), A, B), null),
                new Vector(new NodeLink(), Tuple.of(Int.of(5)), null),
                new Vector(new RegSend(A, ControlCodec.UNUSED, NAME, MSG), Tuple.of(Int.of(6), A, unused, NAME), MSG),
                new Vector(new GroupLeader(A, B), Tuple.of(Int.of(7), A, B), null),
                new Vector(new Exit2(A, B, MSG), Tuple.of(Int.of(8), A, B, MSG), null),
                new Vector(new SendTT(ControlCodec.UNUSED, B, TOKEN, MSG), Tuple.of(Int.of(12), unused, B, TOKEN), MSG),
                new Vector(new ExitTT(A, B, TOKEN, MSG), Tuple.of(Int.of(13), A, B, TOKEN, MSG), null),
                new Vector(new RegSendTT(A, ControlCodec.UNUSED, NAME, TOKEN, MSG), Tuple.of(Int.of(16), A, unused, NAME, TOKEN), MSG),
                new Vector(new Exit2TT(A, B, TOKEN, MSG), Tuple.of(Int.of(18), A, B, TOKEN, MSG), null),
                new Vector(new MonitorP(A, B, REF), Tuple.of(Int.of(19), A, B, REF), null),
                new Vector(new MonitorP(A, NAME, REF), Tuple.of(Int.of(19), A, NAME, REF), null),
                new Vector(new DemonitorP(A, NAME, REF), Tuple.of(Int.of(20), A, NAME, REF), null),
                new Vector(new MonitorPExit(B, A, REF, MSG), Tuple.of(Int.of(21), B, A, REF, MSG), null),
                new Vector(new MonitorPExit(NAME, A, REF, MSG), Tuple.of(Int.of(21), NAME, A, REF, MSG), null),
                new Vector(new SendSender(A, B, MSG), Tuple.of(Int.of(22), A, B), MSG),
                new Vector(new SendSenderTT(A, B, TOKEN, MSG), Tuple.of(Int.of(23), A, B, TOKEN), MSG),
                new Vector(new PayloadExit(A, B, MSG), Tuple.of(Int.of(24), A, B), MSG),
                new Vector(new PayloadExitTT(A, B, TOKEN, MSG), Tuple.of(Int.of(25), A, B, TOKEN), MSG),
                new Vector(new PayloadExit2(A, B, MSG), Tuple.of(Int.of(26), A, B), MSG),
                new Vector(new PayloadExit2TT(A, B, TOKEN, MSG), Tuple.of(Int.of(27), A, B, TOKEN), MSG),
                new Vector(new PayloadMonitorPExit(NAME, A, REF, MSG), Tuple.of(Int.of(28), NAME, A, REF), MSG),
                new Vector(new SpawnRequest(REF, A, B, m, f, 2, Nil.NIL, MSG),
                        Tuple.of(Int.of(29), REF, A, B, Tuple.of(m, f, Int.of(2)), Nil.NIL), MSG),
                new Vector(new SpawnRequestTT(REF, A, B, m, f, 0, Nil.NIL, TOKEN, Nil.NIL),
                        Tuple.of(Int.of(30), REF, A, B, Tuple.of(m, f, Int.of(0)), Nil.NIL, TOKEN), Nil.NIL),
                new Vector(new SpawnReply(REF, A, SpawnReply.FLAG_LINK | SpawnReply.FLAG_MONITOR, B),
                        Tuple.of(Int.of(31), REF, A, Int.of(3), B), null),
                new Vector(new SpawnReplyTT(REF, A, 0, notsup, TOKEN), Tuple.of(Int.of(32), REF, A, Int.of(0), notsup, TOKEN), null),
                new Vector(new AliasSend(A, REF, MSG), Tuple.of(Int.of(33), A, REF), MSG),
                new Vector(new AliasSendTT(A, REF, TOKEN, MSG), Tuple.of(Int.of(34), A, REF, TOKEN), MSG),
                new Vector(new UnlinkId(7, A, B), Tuple.of(Int.of(35), Int.of(7), A, B), null),
                new Vector(new UnlinkId(-1, A, B),
                        Tuple.of(Int.of(35), BigInt.integer(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)), A, B), null),
                new Vector(new UnlinkIdAck(1L << 63, B, A), Tuple.of(Int.of(36), BigInt.integer(BigInteger.ONE.shiftLeft(63)), B, A), null),
                new Vector(new AltactSigSend(AltactSigSend.FLAG_ALIAS, A, REF, null, MSG), Tuple.of(Int.of(37), Int.of(4), A, REF), MSG),
                new Vector(new AltactSigSend(AltactSigSend.FLAG_NAME | AltactSigSend.FLAG_TOKEN, A, NAME, TOKEN, MSG),
                        Tuple.of(Int.of(37), Int.of(10), A, NAME, TOKEN), MSG),
                new Vector(new AltactSigSend(AltactSigSend.FLAG_EXIT, A, B, null, MSG), Tuple.of(Int.of(37), Int.of(16), A, B), MSG));
    }

    /** The wire format, element by element: what an OTP node sends and expects, unchanged by any refactoring. */
    @ParameterizedTest
    @MethodSource("vectors")
    void encodesToTheProtocolsTuples(Vector vector) throws ControlMessageException {
        assertEquals(vector.control(), ControlCodec.controlTuple(vector.message()));
        assertEquals(vector.payload(), ControlCodec.payload(vector.message()));
        assertEquals(vector.message(), ControlCodec.decode(vector.control(), vector.payload()));
    }

    @Test
    void theVectorsCoverEveryMessage() {
        assertEquals(everyMessage(), vectors().stream().map(Vector::message).toList());
    }

    @Test
    void everyOperationOfOtp25To28HasARecord() {
        Set<Integer> covered = everyMessage().stream().map(ControlMessage::operation).collect(Collectors.toSet());
        for (int op = 1; op <= ControlMessage.ALTACT_SIG_SEND; op++) {
            boolean unused = op >= 9 && op <= 11 || op == 14 || op == 15 || op == 17;
            assertEquals(!unused, covered.contains(op), "operation " + op + " (" + ControlCodec.name(op) + ")");
        }
    }

    @Test
    void unlinkIdsUseAll64BitsUnsigned() {
        Tuple tuple = ControlCodec.controlTuple(new UnlinkId(-1, A, B));
        assertEquals(BigInt.integer(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)), tuple.get(1));
    }

    @Test
    void malformedMessagesAreRefusedWithWhatWasWrong() {
        assertMalformed("operation: 99", Tuple.of(Int.of(99)), null);
        assertMalformed("expected: a tuple", Atom.of("x"), null);
        assertMalformed("LINK (1) control tuple has 4 elements (expected: 3)", Tuple.of(Int.of(1), A, B, B), null);
        assertMalformed("SEND_SENDER (22) control tuple element 1: an atom (expected: a pid)",
                Tuple.of(Int.of(22), NAME, B), MSG);
        assertMalformed("SEND_SENDER (22) without the term", Tuple.of(Int.of(22), A, B), null);
        assertMalformed("LINK (1) followed by a term", Tuple.of(Int.of(1), A, B), MSG);
        assertMalformed("expected: an integer from 1 to 2^64-1", Tuple.of(Int.of(35), Int.of(0), A, B), null);
        assertMalformed("expected: {Module, Function, Arity}",
                Tuple.of(Int.of(29), REF, A, B, Tuple.of(NAME, NAME), Nil.NIL), Nil.NIL);
        assertMalformed("expected: a pid or an atom", Tuple.of(Int.of(19), A, REF, REF), null);
        assertMalformed("(expected: 5)", Tuple.of(Int.of(37), Int.of(AltactSigSend.FLAG_TOKEN), A, B), MSG);
    }

    private static void assertMalformed(String expected, Term control, Term payload) {
        ControlMessageException e = assertThrows(ControlMessageException.class, () -> ControlCodec.decode(control, payload));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void operationsWithoutAPayloadHaveNone() {
        assertNull(ControlCodec.payload(new Link(A, B)));
        assertEquals("unknown operation 99", ControlCodec.name(99));
    }
}
