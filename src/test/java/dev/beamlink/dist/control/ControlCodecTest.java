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
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every control message to its tuple and payload and back; malformed tuples refused with what was wrong. */
class ControlCodecTest {

    private static final Pid A = new Pid(Atom.of("a@h"), 1, 2, 3);
    private static final Pid B = new Pid(Atom.of("b@h"), 4, 5, 6);
    private static final Ref REF = new Ref(Atom.of("a@h"), 3, new int[] {1, 2, 3});
    private static final Atom NAME = Atom.of("name");
    private static final Term TOKEN = Tuple.of(Int.of(0), Atom.of("label"));
    private static final Term MSG = Tuple.of(Atom.of("hello"), Int.of(42));

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
                new Vector(new Send(Operation.SEND, null, B, null, MSG), Tuple.of(Int.of(2), unused, B), MSG),
                new Vector(new LinkExit(Operation.EXIT, A, B, null, MSG), Tuple.of(Int.of(3), A, B, MSG), null),
                new Vector(new Unlink(A, B), Tuple.of(Int.of(4), A, B), null),
                new Vector(new NodeLink(), Tuple.of(Int.of(5)), null),
                new Vector(new RegSend(Operation.REG_SEND, A, NAME, null, MSG), Tuple.of(Int.of(6), A, unused, NAME), MSG),
                new Vector(new GroupLeader(A, B), Tuple.of(Int.of(7), A, B), null),
                new Vector(new Exit2(Operation.EXIT2, A, B, null, MSG), Tuple.of(Int.of(8), A, B, MSG), null),
                new Vector(new Send(Operation.SEND_TT, null, B, TOKEN, MSG), Tuple.of(Int.of(12), unused, B, TOKEN), MSG),
                new Vector(new LinkExit(Operation.EXIT_TT, A, B, TOKEN, MSG), Tuple.of(Int.of(13), A, B, TOKEN, MSG), null),
                new Vector(new RegSend(Operation.REG_SEND_TT, A, NAME, TOKEN, MSG),
                        Tuple.of(Int.of(16), A, unused, NAME, TOKEN), MSG),
                new Vector(new Exit2(Operation.EXIT2_TT, A, B, TOKEN, MSG), Tuple.of(Int.of(18), A, B, TOKEN, MSG), null),
                new Vector(new MonitorP(A, B, REF), Tuple.of(Int.of(19), A, B, REF), null),
                new Vector(new MonitorP(A, NAME, REF), Tuple.of(Int.of(19), A, NAME, REF), null),
                new Vector(new DemonitorP(A, NAME, REF), Tuple.of(Int.of(20), A, NAME, REF), null),
                new Vector(new MonitorPExit(Operation.MONITOR_P_EXIT, B, A, REF, MSG), Tuple.of(Int.of(21), B, A, REF, MSG), null),
                new Vector(new MonitorPExit(Operation.MONITOR_P_EXIT, NAME, A, REF, MSG),
                        Tuple.of(Int.of(21), NAME, A, REF, MSG), null),
                new Vector(new Send(Operation.SEND_SENDER, A, B, null, MSG), Tuple.of(Int.of(22), A, B), MSG),
                new Vector(new Send(Operation.SEND_SENDER_TT, A, B, TOKEN, MSG), Tuple.of(Int.of(23), A, B, TOKEN), MSG),
                new Vector(new LinkExit(Operation.PAYLOAD_EXIT, A, B, null, MSG), Tuple.of(Int.of(24), A, B), MSG),
                new Vector(new LinkExit(Operation.PAYLOAD_EXIT_TT, A, B, TOKEN, MSG), Tuple.of(Int.of(25), A, B, TOKEN), MSG),
                new Vector(new Exit2(Operation.PAYLOAD_EXIT2, A, B, null, MSG), Tuple.of(Int.of(26), A, B), MSG),
                new Vector(new Exit2(Operation.PAYLOAD_EXIT2_TT, A, B, TOKEN, MSG), Tuple.of(Int.of(27), A, B, TOKEN), MSG),
                new Vector(new MonitorPExit(Operation.PAYLOAD_MONITOR_P_EXIT, NAME, A, REF, MSG),
                        Tuple.of(Int.of(28), NAME, A, REF), MSG),
                new Vector(new SpawnRequest(Operation.SPAWN_REQUEST, REF, A, B, m, f, 2, Nil.NIL, null, MSG),
                        Tuple.of(Int.of(29), REF, A, B, Tuple.of(m, f, Int.of(2)), Nil.NIL), MSG),
                new Vector(new SpawnRequest(Operation.SPAWN_REQUEST_TT, REF, A, B, m, f, 0, Nil.NIL, TOKEN, Nil.NIL),
                        Tuple.of(Int.of(30), REF, A, B, Tuple.of(m, f, Int.of(0)), Nil.NIL, TOKEN), Nil.NIL),
                new Vector(new SpawnReply(Operation.SPAWN_REPLY, REF, A, SpawnReply.FLAG_LINK | SpawnReply.FLAG_MONITOR, B, null),
                        Tuple.of(Int.of(31), REF, A, Int.of(3), B), null),
                new Vector(new SpawnReply(Operation.SPAWN_REPLY_TT, REF, A, 0, notsup, TOKEN),
                        Tuple.of(Int.of(32), REF, A, Int.of(0), notsup, TOKEN), null),
                new Vector(new AliasSend(Operation.ALIAS_SEND, A, REF, null, MSG), Tuple.of(Int.of(33), A, REF), MSG),
                new Vector(new AliasSend(Operation.ALIAS_SEND_TT, A, REF, TOKEN, MSG), Tuple.of(Int.of(34), A, REF, TOKEN), MSG),
                new Vector(new UnlinkId(7, A, B), Tuple.of(Int.of(35), Int.of(7), A, B), null),
                new Vector(new UnlinkId(-1, A, B),
                        Tuple.of(Int.of(35), BigInt.integer(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)), A, B), null),
                new Vector(new UnlinkIdAck(1L << 63, B, A), Tuple.of(Int.of(36), BigInt.integer(BigInteger.ONE.shiftLeft(63)), B, A), null),
                new Vector(new AltactSigSend(AltactSigSend.FLAG_ALIAS, A, REF, null, MSG), Tuple.of(Int.of(37), Int.of(4), A, REF), MSG),
                new Vector(new AltactSigSend(AltactSigSend.FLAG_NAME | AltactSigSend.FLAG_TOKEN, A, NAME, TOKEN, MSG),
                        Tuple.of(Int.of(37), Int.of(10), A, NAME, TOKEN), MSG),
                new Vector(new AltactSigSend(AltactSigSend.FLAG_EXIT, A, B, null, MSG), Tuple.of(Int.of(37), Int.of(16), A, B), MSG));
    }

    /** The wire format, element by element: what an OTP node sends and expects. */
    @ParameterizedTest
    @MethodSource("vectors")
    void encodesToTheProtocolsTuplesAndBack(Vector vector) throws ControlMessageException {
        ControlMessage message = vector.message();
        assertEquals(vector.control(), ControlCodec.controlTuple(message));
        assertEquals(Int.of(message.operation().code()), vector.control().get(0));
        assertEquals(vector.payload(), ControlCodec.payload(message));
        assertEquals(message.operation().hasPayload(), vector.payload() != null);
        assertEquals(message, ControlCodec.decode(vector.control(), vector.payload()));
    }

    @Test
    void everyOperationOfOtp25To28HasAVector() {
        Set<Operation> covered = vectors().stream().map(v -> v.message().operation()).collect(Collectors.toSet());
        assertEquals(EnumSet.allOf(Operation.class), covered);
        Set<Integer> codes = EnumSet.allOf(Operation.class).stream().map(Operation::code).collect(Collectors.toSet());
        for (int code = 0; code <= 40; code++) {
            boolean unused = code == 0 || code >= 9 && code <= 11 || code == 14 || code == 15 || code == 17 || code > 37;
            assertEquals(!unused, codes.contains(code), "operation " + code);
            assertEquals(!unused, Operation.ofCode(code).isPresent(), "operation " + code);
        }
    }

    /** Each operation is its record's, with a trace token exactly when it has one. */
    @ParameterizedTest
    @EnumSource(Operation.class)
    void anOperationBelongsToOneRecord(Operation operation) {
        assertEquals(operation, Operation.ofCode(operation.code()).orElseThrow());
        assertEquals(operation.name().endsWith("_TT"), operation.traceToken() == Operation.TraceToken.ALWAYS);
        for (Vector vector : vectors()) {
            if (vector.message().operation() == operation) {
                assertEquals(operation.shape(), vector.message().getClass());
            }
        }
        Class<? extends ControlMessage> other = operation.shape() == Link.class ? Unlink.class : Link.class;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> operation.check(other, null));
        assertTrue(e.getMessage().contains(operation.name()), e.getMessage());
    }

    @Test
    void aRecordRefusesAnotherRecordsOperationAndAMisplacedToken() {
        assertRefused("SEND (2) belongs to Send, not to LinkExit", () -> new LinkExit(Operation.SEND, A, B, null, MSG));
        assertRefused("EXIT_TT (13) without its trace token", () -> new LinkExit(Operation.EXIT_TT, A, B, null, MSG));
        assertRefused("PAYLOAD_EXIT (24) with a trace token", () -> new LinkExit(Operation.PAYLOAD_EXIT, A, B, TOKEN, MSG));
        assertRefused("SEND_SENDER (22) without its sender", () -> new Send(Operation.SEND_SENDER, null, B, null, MSG));
        assertRefused("SEND (2) names no sender", () -> new Send(Operation.SEND, A, B, null, MSG));
        assertRefused("MONITOR_P_EXIT (21) belongs to MonitorPExit, not to Exit2",
                () -> new Exit2(Operation.MONITOR_P_EXIT, A, B, null, MSG));
        assertRefused("FLAG_TOKEN", () -> new AltactSigSend(AltactSigSend.FLAG_TOKEN, A, B, null, MSG));
        assertRefused("expected: an alias with FLAG_ALIAS", () -> new AltactSigSend(AltactSigSend.FLAG_ALIAS, A, B, null, MSG));
        assertThrows(NullPointerException.class, () -> new Send(null, A, B, null, MSG));
    }

    private static void assertRefused(String expected, Runnable construction) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction::run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void unlinkIdsUseAll64BitsUnsigned() {
        Tuple tuple = ControlCodec.controlTuple(new UnlinkId(-1, A, B));
        assertEquals(BigInt.integer(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)), tuple.get(1));
    }

    @Test
    void theUnusedElementOfASendIsIgnored() throws ControlMessageException {
        assertEquals(new Send(Operation.SEND, null, B, null, MSG), ControlCodec.decode(Tuple.of(Int.of(2), Atom.of("cookie"), B), MSG));
        assertEquals(new RegSend(Operation.REG_SEND, A, NAME, null, MSG),
                ControlCodec.decode(Tuple.of(Int.of(6), A, Atom.of("cookie"), NAME), MSG));
    }

    @Test
    void malformedMessagesAreRefusedWithWhatWasWrong() {
        assertMalformed("operation: 99", Tuple.of(Int.of(99)), null);
        assertMalformed("operation: 9 (expected: a known operation)", Tuple.of(Int.of(9), A, B), null);
        assertMalformed("expected: a tuple", Atom.of("x"), null);
        assertMalformed("LINK (1) control tuple has 4 elements (expected: 3)", Tuple.of(Int.of(1), A, B, B), null);
        assertMalformed("SEND_SENDER (22) control tuple element 1: an atom (expected: a pid)",
                Tuple.of(Int.of(22), NAME, B), MSG);
        assertMalformed("SEND_SENDER_TT (23) control tuple has 3 elements (expected: 4)", Tuple.of(Int.of(23), A, B), MSG);
        assertMalformed("EXIT_TT (13) control tuple has 4 elements (expected: 5)", Tuple.of(Int.of(13), A, B, MSG), null);
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
        assertNull(ControlCodec.payload(new LinkExit(Operation.EXIT, A, B, null, MSG)));
        assertEquals(MSG, ControlCodec.payload(new LinkExit(Operation.PAYLOAD_EXIT, A, B, null, MSG)));
        assertEquals("SEND_SENDER (22)", Operation.SEND_SENDER.toString());
    }
}
