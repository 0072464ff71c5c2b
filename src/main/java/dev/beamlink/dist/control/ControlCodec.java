package dev.beamlink.dist.control;

import dev.beamlink.dist.control.ControlMessage.AliasSend;
import dev.beamlink.dist.control.ControlMessage.AltactSigSend;
import dev.beamlink.dist.control.ControlMessage.DemonitorP;
import dev.beamlink.dist.control.ControlMessage.Exit2;
import dev.beamlink.dist.control.ControlMessage.GroupLeader;
import dev.beamlink.dist.control.ControlMessage.Link;
import dev.beamlink.dist.control.ControlMessage.LinkExit;
import dev.beamlink.dist.control.ControlMessage.MonitorP;
import dev.beamlink.dist.control.ControlMessage.MonitorPExit;
import dev.beamlink.dist.control.ControlMessage.NodeLink;
import dev.beamlink.dist.control.ControlMessage.RegSend;
import dev.beamlink.dist.control.ControlMessage.Send;
import dev.beamlink.dist.control.ControlMessage.SpawnReply;
import dev.beamlink.dist.control.ControlMessage.SpawnRequest;
import dev.beamlink.dist.control.ControlMessage.Unlink;
import dev.beamlink.dist.control.ControlMessage.UnlinkId;
import dev.beamlink.dist.control.ControlMessage.UnlinkIdAck;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.BigInt;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import java.math.BigInteger;

/**
 * The one mapping between {@link ControlMessage} records and the terms on the wire: the control tuple
 * ({@link #controlTuple}) and the term that follows it, if the operation has one ({@link #payload}); and
 * back ({@link #decode}), checking the operation, the arity and the type of every element.
 *
 * <p>It knows tuples and nothing of frames (see {@code dev.beamlink.dist.frame}) or of what a message means
 * to the node's processes.
 */
public final class ControlCodec {

    /** The {@code Unused} element beamlink sends in SEND and REG_SEND: the empty atom, as OTP sends. */
    private static final Atom UNUSED = Atom.of("");

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private ControlCodec() {
    }

    /** {@return the control tuple of {@code message}} */
    public static Tuple controlTuple(ControlMessage message) {
        Int op = message.operation().codeTerm();
        return switch (message) {
            case Link m -> Tuple.of(op, m.from(), m.to());
            case Send m -> {
                Term first = m.from() == null ? UNUSED : m.from();
                yield m.token() == null ? Tuple.of(op, first, m.to()) : Tuple.of(op, first, m.to(), m.token());
            }
            case LinkExit m -> exitTuple(op, m.from(), m.to(), m.token(), m.operation().hasPayload() ? null : m.reason());
            case Unlink m -> Tuple.of(op, m.from(), m.to());
            case NodeLink m -> Tuple.of(op);
            case RegSend m -> m.token() == null ? Tuple.of(op, m.from(), UNUSED, m.toName())
                    : Tuple.of(op, m.from(), UNUSED, m.toName(), m.token());
            case GroupLeader m -> Tuple.of(op, m.from(), m.to());
            case Exit2 m -> exitTuple(op, m.from(), m.to(), m.token(), m.operation().hasPayload() ? null : m.reason());
            case MonitorP m -> Tuple.of(op, m.from(), m.toProc(), m.ref());
            case DemonitorP m -> Tuple.of(op, m.from(), m.toProc(), m.ref());
            case MonitorPExit m -> m.operation().hasPayload() ? Tuple.of(op, m.fromProc(), m.to(), m.ref())
                    : Tuple.of(op, m.fromProc(), m.to(), m.ref(), m.reason());
            case SpawnRequest m -> {
                Tuple mfa = Tuple.of(m.module(), m.function(), Int.of(m.arity()));
                yield m.token() == null ? Tuple.of(op, m.reqId(), m.from(), m.groupLeader(), mfa, m.options())
                        : Tuple.of(op, m.reqId(), m.from(), m.groupLeader(), mfa, m.options(), m.token());
            }
            case SpawnReply m -> m.token() == null ? Tuple.of(op, m.reqId(), m.to(), Int.of(m.flags()), m.result())
                    : Tuple.of(op, m.reqId(), m.to(), Int.of(m.flags()), m.result(), m.token());
            case AliasSend m -> m.token() == null ? Tuple.of(op, m.from(), m.alias())
                    : Tuple.of(op, m.from(), m.alias(), m.token());
            case UnlinkId m -> Tuple.of(op, unsigned64(m.id()), m.from(), m.to());
            case UnlinkIdAck m -> Tuple.of(op, unsigned64(m.id()), m.from(), m.to());
            case AltactSigSend m -> m.token() == null ? Tuple.of(op, Int.of(m.flags()), m.from(), m.to())
                    : Tuple.of(op, Int.of(m.flags()), m.from(), m.to(), m.token());
        };
    }

    /**
     * The tuple of an exit signal: {@code {Op, FromPid, ToPid}}, then the trace token if there is one, then the reason
     * unless it follows the tuple (EXIT_TT is {@code {13, FromPid, ToPid, TraceToken, Reason}}).
     */
    private static Tuple exitTuple(Int op, Pid from, Pid to, Term token, Term reasonInTuple) {
        if (token == null) {
            return reasonInTuple == null ? Tuple.of(op, from, to) : Tuple.of(op, from, to, reasonInTuple);
        }
        return reasonInTuple == null ? Tuple.of(op, from, to, token) : Tuple.of(op, from, to, token, reasonInTuple);
    }

    /**
     * {@return the term that follows the control tuple of {@code message}, or null if its operation has none}
     * (see {@link Operation#hasPayload()})
     */
    public static Term payload(ControlMessage message) {
        return switch (message) {
            case Send m -> m.message();
            case RegSend m -> m.message();
            case AliasSend m -> m.message();
            case LinkExit m -> m.operation().hasPayload() ? m.reason() : null;
            case Exit2 m -> m.operation().hasPayload() ? m.reason() : null;
            case MonitorPExit m -> m.operation().hasPayload() ? m.reason() : null;
            case SpawnRequest m -> m.args();
            case AltactSigSend m -> m.payload();
            case Link m -> null;
            case Unlink m -> null;
            case NodeLink m -> null;
            case GroupLeader m -> null;
            case MonitorP m -> null;
            case DemonitorP m -> null;
            case SpawnReply m -> null;
            case UnlinkId m -> null;
            case UnlinkIdAck m -> null;
        };
    }

    /**
     * {@return the control message of a control tuple and the term that followed it}
     *
     * @param control the control term
     * @param payload the term after it, or null if the frame held none
     * @throws ControlMessageException if the control term is no known control tuple, an element has the
     *                                 wrong type, or the payload is missing or not expected
     */
    public static ControlMessage decode(Term control, Term payload) throws ControlMessageException {
        if (!(control instanceof Tuple tuple) || tuple.size() == 0 || !(tuple.get(0) instanceof Int(long code))) {
            throw new ControlMessageException("control message: " + describe(control)
                    + " (expected: a tuple whose first element is an operation code)");
        }
        Operation op = Operation.ofCode(code).orElseThrow(() -> new ControlMessageException(
                "control message operation: " + code + " (expected: a known operation)"));
        if (op.hasPayload() != (payload != null)) {
            throw new ControlMessageException(op + " "
                    + (payload == null ? "without the term that must follow it" : "followed by a term it does not have"));
        }
        Reader r = new Reader(tuple, op);
        return switch (op) {
            case LINK -> new Link(r.arity(3).pid(1), r.pid(2));
            case SEND, SEND_TT -> new Send(op, null, r.arity(3).pid(2), r.token(3), payload);
            case SEND_SENDER, SEND_SENDER_TT -> new Send(op, r.arity(3).pid(1), r.pid(2), r.token(3), payload);
            case EXIT, EXIT_TT -> new LinkExit(op, r.arity(4).pid(1), r.pid(2), r.token(3), r.last());
            case PAYLOAD_EXIT, PAYLOAD_EXIT_TT -> new LinkExit(op, r.arity(3).pid(1), r.pid(2), r.token(3), payload);
            case UNLINK -> new Unlink(r.arity(3).pid(1), r.pid(2));
            case NODE_LINK -> {
                r.arity(1);
                yield new NodeLink();
            }
            case REG_SEND, REG_SEND_TT -> new RegSend(op, r.arity(4).pid(1), r.atom(3), r.token(4), payload);
            case GROUP_LEADER -> new GroupLeader(r.arity(3).pid(1), r.pid(2));
            case EXIT2, EXIT2_TT -> new Exit2(op, r.arity(4).pid(1), r.pid(2), r.token(3), r.last());
            case PAYLOAD_EXIT2, PAYLOAD_EXIT2_TT -> new Exit2(op, r.arity(3).pid(1), r.pid(2), r.token(3), payload);
            case MONITOR_P -> new MonitorP(r.arity(4).pid(1), r.pidOrName(2), r.ref(3));
            case DEMONITOR_P -> new DemonitorP(r.arity(4).pid(1), r.pidOrName(2), r.ref(3));
            case MONITOR_P_EXIT -> new MonitorPExit(op, r.arity(5).pidOrName(1), r.pid(2), r.ref(3), r.any(4));
            case PAYLOAD_MONITOR_P_EXIT -> new MonitorPExit(op, r.arity(4).pidOrName(1), r.pid(2), r.ref(3), payload);
            case SPAWN_REQUEST, SPAWN_REQUEST_TT -> {
                Mfa mfa = r.arity(6).mfa(4);
                yield new SpawnRequest(op, r.ref(1), r.pid(2), r.pid(3), mfa.module(), mfa.function(), mfa.arity(),
                        r.any(5), r.token(6), payload);
            }
            case SPAWN_REPLY, SPAWN_REPLY_TT ->
                    new SpawnReply(op, r.arity(5).ref(1), r.pid(2), r.smallNonNegative(3), r.any(4), r.token(5));
            case ALIAS_SEND, ALIAS_SEND_TT -> new AliasSend(op, r.arity(3).pid(1), r.ref(2), r.token(3), payload);
            case UNLINK_ID -> new UnlinkId(r.arity(4).unlinkId(1), r.pid(2), r.pid(3));
            case UNLINK_ID_ACK -> new UnlinkIdAck(r.arity(4).unlinkId(1), r.pid(2), r.pid(3));
            case ALTACT_SIG_SEND -> {
                if (tuple.size() != 4 && tuple.size() != 5) {
                    throw r.fail("has " + tuple.size() + " elements (expected: 4 or 5)");
                }
                long flags = r.smallNonNegative(1);
                boolean token = (flags & AltactSigSend.FLAG_TOKEN) != 0;
                if (token != (tuple.size() == 5)) {
                    throw r.fail("has " + tuple.size() + " elements with flags " + flags + " (expected: "
                            + (token ? 5 : 4) + ")");
                }
                Term to = (flags & AltactSigSend.FLAG_ALIAS) != 0 ? r.ref(3)
                        : (flags & AltactSigSend.FLAG_NAME) != 0 ? r.atom(3) : r.pid(3);
                yield new AltactSigSend(flags, r.pid(2), to, token ? r.any(4) : null, payload);
            }
        };
    }

    private static Term unsigned64(long value) {
        return value >= 0 ? Int.of(value) : BigInt.integer(BigInteger.valueOf(value).add(TWO_TO_64));
    }

    /** A term's kind for an error message, never its (possibly huge) content. */
    static String describe(Term term) {
        return switch (term) {
            case Tuple t -> "a tuple of " + t.size() + " elements";
            case Int(long value) -> "the integer " + value;
            case Atom a -> "an atom";
            default -> "a " + term.getClass().getSimpleName();
        };
    }

    /** The {@code {Module, Function, Arity}} of a SPAWN_REQUEST. */
    private record Mfa(Atom module, Atom function, long arity) {
    }

    /**
     * Reads the elements of one control tuple, failing with the operation's name, the index and the types. The arity
     * it checks and the trace token it reads are those of the operation without a token; it adds the token's element
     * when the operation has one.
     */
    private record Reader(Tuple tuple, Operation op) {

        /** Checks that the tuple has {@code withoutToken} elements, one more if the operation carries a trace token. */
        Reader arity(int withoutToken) throws ControlMessageException {
            int expected = op.traceToken() == Operation.TraceToken.ALWAYS ? withoutToken + 1 : withoutToken;
            if (tuple.size() != expected) {
                throw fail("has " + tuple.size() + " elements (expected: " + expected + ")");
            }
            return this;
        }

        Term any(int index) {
            return tuple.get(index);
        }

        /** {@return the last element} */
        Term last() {
            return tuple.get(tuple.size() - 1);
        }

        /** {@return the trace token at {@code index}, or null if the operation carries none} */
        Term token(int index) {
            return op.traceToken() == Operation.TraceToken.ALWAYS ? tuple.get(index) : null;
        }

        Pid pid(int index) throws ControlMessageException {
            if (tuple.get(index) instanceof Pid pid) {
                return pid;
            }
            throw wrongType(index, "a pid");
        }

        Atom atom(int index) throws ControlMessageException {
            if (tuple.get(index) instanceof Atom atom) {
                return atom;
            }
            throw wrongType(index, "an atom");
        }

        Ref ref(int index) throws ControlMessageException {
            if (tuple.get(index) instanceof Ref ref) {
                return ref;
            }
            throw wrongType(index, "a reference");
        }

        Term pidOrName(int index) throws ControlMessageException {
            Term term = tuple.get(index);
            if (term instanceof Pid || term instanceof Atom) {
                return term;
            }
            throw wrongType(index, "a pid or an atom");
        }

        long smallNonNegative(int index) throws ControlMessageException {
            if (tuple.get(index) instanceof Int(long value) && value >= 0) {
                return value;
            }
            throw wrongType(index, "a non-negative integer");
        }

        Mfa mfa(int index) throws ControlMessageException {
            if (tuple.get(index) instanceof Tuple mfa && mfa.size() == 3 && mfa.get(0) instanceof Atom module
                    && mfa.get(1) instanceof Atom function && mfa.get(2) instanceof Int(long arity)
                    && arity >= 0 && arity <= 255) {
                return new Mfa(module, function, arity);
            }
            throw wrongType(index, "{Module, Function, Arity}");
        }

        /** An UNLINK_ID id: 1 to 2^64-1, returned as the long with the same 64 bits. */
        long unlinkId(int index) throws ControlMessageException {
            Term term = tuple.get(index);
            if (term instanceof Int(long value) && value > 0) {
                return value;
            }
            if (term instanceof BigInt(BigInteger value) && value.signum() > 0 && value.bitLength() <= 64) {
                return value.longValue();
            }
            throw wrongType(index, "an integer from 1 to 2^64-1");
        }

        ControlMessageException wrongType(int index, String expected) {
            return fail("element " + index + ": " + describe(tuple.get(index)) + " (expected: " + expected + ")");
        }

        ControlMessageException fail(String what) {
            return new ControlMessageException(op + " control tuple " + what);
        }
    }
}
