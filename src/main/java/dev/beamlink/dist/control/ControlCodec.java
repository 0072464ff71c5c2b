package dev.beamlink.dist.control;

import static dev.beamlink.dist.control.ControlMessage.*;

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
    public static final Atom UNUSED = Atom.of("");

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private ControlCodec() {
    }

    /** {@return whether a term follows the control tuple of {@code operation}} */
    public static boolean hasPayload(int operation) {
        return switch (operation) {
            case SEND, REG_SEND, SEND_TT, REG_SEND_TT, SEND_SENDER, SEND_SENDER_TT, PAYLOAD_EXIT, PAYLOAD_EXIT_TT,
                 PAYLOAD_EXIT2, PAYLOAD_EXIT2_TT, PAYLOAD_MONITOR_P_EXIT, SPAWN_REQUEST, SPAWN_REQUEST_TT,
                 ALIAS_SEND, ALIAS_SEND_TT, ALTACT_SIG_SEND -> true;
            default -> false;
        };
    }

    /** {@return the control tuple of {@code message}} */
    public static Tuple controlTuple(ControlMessage message) {
        Int op = Int.of(message.operation());
        return switch (message) {
            case Link m -> Tuple.of(op, m.from(), m.to());
            case Send m -> Tuple.of(op, m.unused(), m.to());
            case Exit m -> Tuple.of(op, m.from(), m.to(), m.reason());
            case Unlink m -> Tuple.of(op, m.from(), m.to());
            case NodeLink m -> Tuple.of(op);
            case RegSend m -> Tuple.of(op, m.from(), m.unused(), m.toName());
            case GroupLeader m -> Tuple.of(op, m.from(), m.to());
            case Exit2 m -> Tuple.of(op, m.from(), m.to(), m.reason());
            case SendTT m -> Tuple.of(op, m.unused(), m.to(), m.token());
            case ExitTT m -> Tuple.of(op, m.from(), m.to(), m.token(), m.reason());
            case RegSendTT m -> Tuple.of(op, m.from(), m.unused(), m.toName(), m.token());
            case Exit2TT m -> Tuple.of(op, m.from(), m.to(), m.token(), m.reason());
            case MonitorP m -> Tuple.of(op, m.from(), m.toProc(), m.ref());
            case DemonitorP m -> Tuple.of(op, m.from(), m.toProc(), m.ref());
            case MonitorPExit m -> Tuple.of(op, m.fromProc(), m.to(), m.ref(), m.reason());
            case SendSender m -> Tuple.of(op, m.from(), m.to());
            case SendSenderTT m -> Tuple.of(op, m.from(), m.to(), m.token());
            case PayloadExit m -> Tuple.of(op, m.from(), m.to());
            case PayloadExitTT m -> Tuple.of(op, m.from(), m.to(), m.token());
            case PayloadExit2 m -> Tuple.of(op, m.from(), m.to());
            case PayloadExit2TT m -> Tuple.of(op, m.from(), m.to(), m.token());
            case PayloadMonitorPExit m -> Tuple.of(op, m.fromProc(), m.to(), m.ref());
            case SpawnRequest m -> Tuple.of(op, m.reqId(), m.from(), m.groupLeader(),
                    Tuple.of(m.module(), m.function(), Int.of(m.arity())), m.options());
            case SpawnRequestTT m -> Tuple.of(op, m.reqId(), m.from(), m.groupLeader(),
                    Tuple.of(m.module(), m.function(), Int.of(m.arity())), m.options(), m.token());
            case SpawnReply m -> Tuple.of(op, m.reqId(), m.to(), Int.of(m.flags()), m.result());
            case SpawnReplyTT m -> Tuple.of(op, m.reqId(), m.to(), Int.of(m.flags()), m.result(), m.token());
            case AliasSend m -> Tuple.of(op, m.from(), m.alias());
            case AliasSendTT m -> Tuple.of(op, m.from(), m.alias(), m.token());
            case UnlinkId m -> Tuple.of(op, unsigned64(m.id()), m.from(), m.to());
            case UnlinkIdAck m -> Tuple.of(op, unsigned64(m.id()), m.from(), m.to());
            case AltactSigSend m -> m.token() == null
                    ? Tuple.of(op, Int.of(m.flags()), m.from(), m.to())
                    : Tuple.of(op, Int.of(m.flags()), m.from(), m.to(), m.token());
        };
    }

    /** {@return the term that follows the control tuple of {@code message}, or null if the operation has none} */
    public static Term payload(ControlMessage message) {
        return switch (message) {
            case Send m -> m.message();
            case RegSend m -> m.message();
            case SendTT m -> m.message();
            case RegSendTT m -> m.message();
            case SendSender m -> m.message();
            case SendSenderTT m -> m.message();
            case PayloadExit m -> m.reason();
            case PayloadExitTT m -> m.reason();
            case PayloadExit2 m -> m.reason();
            case PayloadExit2TT m -> m.reason();
            case PayloadMonitorPExit m -> m.reason();
            case SpawnRequest m -> m.args();
            case SpawnRequestTT m -> m.args();
            case AliasSend m -> m.message();
            case AliasSendTT m -> m.message();
            case AltactSigSend m -> m.payload();
            default -> null;
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
        if (code < 0 || code > ALTACT_SIG_SEND) {
            throw new ControlMessageException("control message operation: " + code + " (expected: a known operation)");
        }
        int op = (int) code;
        if (hasPayload(op) != (payload != null)) {
            throw new ControlMessageException(name(op) + " (" + op + ") "
                    + (payload == null ? "without the term that must follow it" : "followed by a term it does not have"));
        }
        Reader r = new Reader(tuple, op);
        return switch (op) {
            case LINK -> new Link(r.arity(3).pid(1), r.pid(2));
            case SEND -> new Send(r.arity(3).any(1), r.pid(2), payload);
            case EXIT -> new Exit(r.arity(4).pid(1), r.pid(2), r.any(3));
            case UNLINK -> new Unlink(r.arity(3).pid(1), r.pid(2));
            case NODE_LINK -> {
                r.arity(1);
                yield new NodeLink();
            }
            case REG_SEND -> new RegSend(r.arity(4).pid(1), r.any(2), r.atom(3), payload);
            case GROUP_LEADER -> new GroupLeader(r.arity(3).pid(1), r.pid(2));
            case EXIT2 -> new Exit2(r.arity(4).pid(1), r.pid(2), r.any(3));
            case SEND_TT -> new SendTT(r.arity(4).any(1), r.pid(2), r.any(3), payload);
            case EXIT_TT -> new ExitTT(r.arity(5).pid(1), r.pid(2), r.any(3), r.any(4));
            case REG_SEND_TT -> new RegSendTT(r.arity(5).pid(1), r.any(2), r.atom(3), r.any(4), payload);
            case EXIT2_TT -> new Exit2TT(r.arity(5).pid(1), r.pid(2), r.any(3), r.any(4));
            case MONITOR_P -> new MonitorP(r.arity(4).pid(1), r.pidOrName(2), r.ref(3));
            case DEMONITOR_P -> new DemonitorP(r.arity(4).pid(1), r.pidOrName(2), r.ref(3));
            case MONITOR_P_EXIT -> new MonitorPExit(r.arity(5).pidOrName(1), r.pid(2), r.ref(3), r.any(4));
            case SEND_SENDER -> new SendSender(r.arity(3).pid(1), r.pid(2), payload);
            case SEND_SENDER_TT -> new SendSenderTT(r.arity(4).pid(1), r.pid(2), r.any(3), payload);
            case PAYLOAD_EXIT -> new PayloadExit(r.arity(3).pid(1), r.pid(2), payload);
            case PAYLOAD_EXIT_TT -> new PayloadExitTT(r.arity(4).pid(1), r.pid(2), r.any(3), payload);
            case PAYLOAD_EXIT2 -> new PayloadExit2(r.arity(3).pid(1), r.pid(2), payload);
            case PAYLOAD_EXIT2_TT -> new PayloadExit2TT(r.arity(4).pid(1), r.pid(2), r.any(3), payload);
            case PAYLOAD_MONITOR_P_EXIT -> new PayloadMonitorPExit(r.arity(4).pidOrName(1), r.pid(2), r.ref(3), payload);
            case SPAWN_REQUEST -> {
                Tuple mfa = r.arity(6).mfa(4);
                yield new SpawnRequest(r.ref(1), r.pid(2), r.pid(3), (Atom) mfa.get(0), (Atom) mfa.get(1),
                        ((Int) mfa.get(2)).value(), r.any(5), payload);
            }
            case SPAWN_REQUEST_TT -> {
                Tuple mfa = r.arity(7).mfa(4);
                yield new SpawnRequestTT(r.ref(1), r.pid(2), r.pid(3), (Atom) mfa.get(0), (Atom) mfa.get(1),
                        ((Int) mfa.get(2)).value(), r.any(5), r.any(6), payload);
            }
            case SPAWN_REPLY -> new SpawnReply(r.arity(5).ref(1), r.pid(2), r.smallNonNegative(3), r.any(4));
            case SPAWN_REPLY_TT -> new SpawnReplyTT(r.arity(6).ref(1), r.pid(2), r.smallNonNegative(3), r.any(4), r.any(5));
            case ALIAS_SEND -> new AliasSend(r.arity(3).pid(1), r.ref(2), payload);
            case ALIAS_SEND_TT -> new AliasSendTT(r.arity(4).pid(1), r.ref(2), r.any(3), payload);
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
            default -> throw new ControlMessageException("control message operation: " + op + " (expected: a known operation)");
        };
    }

    /** {@return the protocol's name of {@code operation}, e.g. {@code SEND_SENDER}} */
    public static String name(int operation) {
        return switch (operation) {
            case LINK -> "LINK";
            case SEND -> "SEND";
            case EXIT -> "EXIT";
            case UNLINK -> "UNLINK";
            case NODE_LINK -> "NODE_LINK";
            case REG_SEND -> "REG_SEND";
            case GROUP_LEADER -> "GROUP_LEADER";
            case EXIT2 -> "EXIT2";
            case SEND_TT -> "SEND_TT";
            case EXIT_TT -> "EXIT_TT";
            case REG_SEND_TT -> "REG_SEND_TT";
            case EXIT2_TT -> "EXIT2_TT";
            case MONITOR_P -> "MONITOR_P";
            case DEMONITOR_P -> "DEMONITOR_P";
            case MONITOR_P_EXIT -> "MONITOR_P_EXIT";
            case SEND_SENDER -> "SEND_SENDER";
            case SEND_SENDER_TT -> "SEND_SENDER_TT";
            case PAYLOAD_EXIT -> "PAYLOAD_EXIT";
            case PAYLOAD_EXIT_TT -> "PAYLOAD_EXIT_TT";
            case PAYLOAD_EXIT2 -> "PAYLOAD_EXIT2";
            case PAYLOAD_EXIT2_TT -> "PAYLOAD_EXIT2_TT";
            case PAYLOAD_MONITOR_P_EXIT -> "PAYLOAD_MONITOR_P_EXIT";
            case SPAWN_REQUEST -> "SPAWN_REQUEST";
            case SPAWN_REQUEST_TT -> "SPAWN_REQUEST_TT";
            case SPAWN_REPLY -> "SPAWN_REPLY";
            case SPAWN_REPLY_TT -> "SPAWN_REPLY_TT";
            case ALIAS_SEND -> "ALIAS_SEND";
            case ALIAS_SEND_TT -> "ALIAS_SEND_TT";
            case UNLINK_ID -> "UNLINK_ID";
            case UNLINK_ID_ACK -> "UNLINK_ID_ACK";
            case ALTACT_SIG_SEND -> "ALTACT_SIG_SEND";
            default -> "unknown operation " + operation;
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

    /** Reads the elements of one control tuple, failing with the operation's name, the index and the types. */
    private record Reader(Tuple tuple, int op) {

        Reader arity(int expected) throws ControlMessageException {
            if (tuple.size() != expected) {
                throw fail("has " + tuple.size() + " elements (expected: " + expected + ")");
            }
            return this;
        }

        Term any(int index) {
            return tuple.get(index);
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

        Tuple mfa(int index) throws ControlMessageException {
            if (tuple.get(index) instanceof Tuple mfa && mfa.size() == 3 && mfa.get(0) instanceof Atom
                    && mfa.get(1) instanceof Atom && mfa.get(2) instanceof Int(long arity) && arity >= 0 && arity <= 255) {
                return mfa;
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
            return new ControlMessageException(name(op) + " (" + op + ") control tuple " + what);
        }
    }
}
