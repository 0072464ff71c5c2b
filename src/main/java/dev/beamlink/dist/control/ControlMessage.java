package dev.beamlink.dist.control;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import java.util.Objects;

/**
 * A control message of the Erlang distribution protocol (erl_dist_protocol, "Protocol between Connected Nodes"): one
 * record per shape, which holds every {@link Operation} an OTP 25 to 28 node may send with that shape, and says which
 * one it is ({@link #operation()}). The variants of one message share its record: with and without a trace token
 * ({@code token} is null when the operation has none), with the reason in the control tuple or after it
 * ({@code EXIT} and {@code PAYLOAD_EXIT}), with and without the sender ({@code SEND} and {@code SEND_SENDER}). A
 * record's constructor refuses another record's operation, and a token where the operation has none or none where it
 * has one.
 *
 * <p>The term that follows the control tuple (Message, Reason or ArgList) is a field of the record where the operation
 * has one. The records hold no wire code: {@link ControlCodec} maps them to and from the control tuples. They say what
 * is on the wire and nothing more; what a message means to the node's processes is decided by the connection that
 * maps them to runtime signals.
 */
public sealed interface ControlMessage {

    /** {@return the operation, the first element of the control tuple} */
    Operation operation();

    /** LINK: {@code from} links to {@code to}. */
    record Link(Pid from, Pid to) implements ControlMessage {
        public Link {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        @Override
        public Operation operation() {
            return Operation.LINK;
        }
    }

    /**
     * SEND, SEND_TT, SEND_SENDER or SEND_SENDER_TT: {@code message} to {@code to}.
     *
     * @param from  the sender, for SEND_SENDER and SEND_SENDER_TT; null for SEND and SEND_TT, whose tuple has an
     *              {@code Unused} element in its place (beamlink sends the empty atom, as OTP does, and ignores what it
     *              receives)
     * @param token the trace token of the {@code _TT} operations, else null
     */
    record Send(Operation operation, Pid from, Pid to, Term token, Term message) implements ControlMessage {
        public Send {
            requireOperation(operation, Send.class, token);
            boolean named = operation == Operation.SEND_SENDER || operation == Operation.SEND_SENDER_TT;
            if (named != (from != null)) {
                throw new IllegalArgumentException(operation + (named ? " without its sender" : " names no sender"));
            }
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * EXIT, EXIT_TT, PAYLOAD_EXIT or PAYLOAD_EXIT_TT: the exit signal of a link, {@code from} ended with {@code reason}
     * (in the control tuple, or after it for the PAYLOAD_ operations).
     *
     * @param token the trace token of the {@code _TT} operations, else null
     */
    record LinkExit(Operation operation, Pid from, Pid to, Term token, Term reason) implements ControlMessage {
        public LinkExit {
            requireOperation(operation, LinkExit.class, token);
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** UNLINK: the old link protocol's unlink, which OTP 26+ no longer sends. */
    record Unlink(Pid from, Pid to) implements ControlMessage {
        public Unlink {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        @Override
        public Operation operation() {
            return Operation.UNLINK;
        }
    }

    /** NODE_LINK: no fields. */
    record NodeLink() implements ControlMessage {
        @Override
        public Operation operation() {
            return Operation.NODE_LINK;
        }
    }

    /**
     * REG_SEND or REG_SEND_TT: {@code message} to the process registered as {@code toName} on the receiving node. The
     * tuple's {@code Unused} element is sent as the empty atom and ignored when received.
     *
     * @param token the trace token of REG_SEND_TT, else null
     */
    record RegSend(Operation operation, Pid from, Atom toName, Term token, Term message) implements ControlMessage {
        public RegSend {
            requireOperation(operation, RegSend.class, token);
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(toName, "toName");
            Objects.requireNonNull(message, "message");
        }
    }

    /** GROUP_LEADER: {@code from} makes itself the group leader of {@code to}. */
    record GroupLeader(Pid from, Pid to) implements ControlMessage {
        public GroupLeader {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        @Override
        public Operation operation() {
            return Operation.GROUP_LEADER;
        }
    }

    /**
     * EXIT2, EXIT2_TT, PAYLOAD_EXIT2 or PAYLOAD_EXIT2_TT: the exit signal of {@code erlang:exit(To, Reason)}, with
     * {@code reason} in the control tuple, or after it for the PAYLOAD_ operations.
     *
     * @param token the trace token of the {@code _TT} operations, else null
     */
    record Exit2(Operation operation, Pid from, Pid to, Term token, Term reason) implements ControlMessage {
        public Exit2 {
            requireOperation(operation, Exit2.class, token);
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** MONITOR_P: {@code from} monitors {@code toProc}, a pid or a registered name (an atom). */
    record MonitorP(Pid from, Term toProc, Ref ref) implements ControlMessage {
        public MonitorP {
            Objects.requireNonNull(from, "from");
            requirePidOrName(toProc, "toProc");
            Objects.requireNonNull(ref, "ref");
        }

        @Override
        public Operation operation() {
            return Operation.MONITOR_P;
        }
    }

    /** DEMONITOR_P: {@code from} removes its monitor {@code ref} on {@code toProc}. */
    record DemonitorP(Pid from, Term toProc, Ref ref) implements ControlMessage {
        public DemonitorP {
            Objects.requireNonNull(from, "from");
            requirePidOrName(toProc, "toProc");
            Objects.requireNonNull(ref, "ref");
        }

        @Override
        public Operation operation() {
            return Operation.DEMONITOR_P;
        }
    }

    /**
     * MONITOR_P_EXIT or PAYLOAD_MONITOR_P_EXIT: the monitored {@code fromProc} (pid or name) ended with {@code reason}
     * (in the control tuple, or after it for PAYLOAD_MONITOR_P_EXIT).
     */
    record MonitorPExit(Operation operation, Term fromProc, Pid to, Ref ref, Term reason) implements ControlMessage {
        public MonitorPExit {
            requireOperation(operation, MonitorPExit.class, null);
            requirePidOrName(fromProc, "fromProc");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * SPAWN_REQUEST or SPAWN_REQUEST_TT: {@code from} asks for a process running {@code module:function/arity} with
     * {@code args}; {@code reqId} identifies the request (and is the monitor's reference when asked for).
     *
     * @param token the trace token of SPAWN_REQUEST_TT, else null
     */
    record SpawnRequest(Operation operation, Ref reqId, Pid from, Pid groupLeader, Atom module, Atom function,
                        long arity, Term options, Term token, Term args) implements ControlMessage {
        public SpawnRequest {
            requireOperation(operation, SpawnRequest.class, token);
            Objects.requireNonNull(reqId, "reqId");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(groupLeader, "groupLeader");
            Objects.requireNonNull(module, "module");
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(args, "args");
        }
    }

    /**
     * SPAWN_REPLY or SPAWN_REPLY_TT: the answer to {@link SpawnRequest} {@code reqId}: {@code result} is the new pid,
     * or an atom saying why there is none; {@code flags} says whether a link (1) and a monitor (2) were set up.
     *
     * @param token the trace token of SPAWN_REPLY_TT, else null
     */
    record SpawnReply(Operation operation, Ref reqId, Pid to, long flags, Term result, Term token)
            implements ControlMessage {
        /** Flag: a link between {@code to} and the new process was set up. */
        public static final long FLAG_LINK = 1;
        /** Flag: a monitor from {@code to} on the new process was set up. */
        public static final long FLAG_MONITOR = 2;

        public SpawnReply {
            requireOperation(operation, SpawnReply.class, token);
            Objects.requireNonNull(reqId, "reqId");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(result, "result");
        }
    }

    /**
     * ALIAS_SEND or ALIAS_SEND_TT: {@code message} to the process that handed out {@code alias}.
     *
     * @param token the trace token of ALIAS_SEND_TT, else null
     */
    record AliasSend(Operation operation, Pid from, Ref alias, Term token, Term message) implements ControlMessage {
        public AliasSend {
            requireOperation(operation, AliasSend.class, token);
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(alias, "alias");
            Objects.requireNonNull(message, "message");
        }
    }

    /** UNLINK_ID: {@code from} removes its link to {@code to}; {@code id} (1 to 2^64-1, unsigned) is acknowledged. */
    record UnlinkId(long id, Pid from, Pid to) implements ControlMessage {
        public UnlinkId {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        @Override
        public Operation operation() {
            return Operation.UNLINK_ID;
        }
    }

    /** UNLINK_ID_ACK: {@code from} acknowledges the UNLINK_ID {@code id} that {@code to} sent. */
    record UnlinkIdAck(long id, Pid from, Pid to) implements ControlMessage {
        public UnlinkIdAck {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        @Override
        public Operation operation() {
            return Operation.UNLINK_ID_ACK;
        }
    }

    /**
     * ALTACT_SIG_SEND (OTP 28): a message, or with {@link #FLAG_EXIT} an exit signal, to {@code to} (a pid, a
     * registered name or an alias, as {@link #FLAG_NAME} and {@link #FLAG_ALIAS} say), with a trace {@code token} when
     * {@link #FLAG_TOKEN} is set (else null).
     */
    record AltactSigSend(long flags, Pid from, Term to, Term token, Term payload) implements ControlMessage {
        /** A priority message. */
        public static final long FLAG_PRIO = 1;
        /** A trace token follows the receiver. */
        public static final long FLAG_TOKEN = 1 << 1;
        /** The receiver is an alias. */
        public static final long FLAG_ALIAS = 1 << 2;
        /** The receiver is a registered name. */
        public static final long FLAG_NAME = 1 << 3;
        /** The payload is an exit reason, not a message. */
        public static final long FLAG_EXIT = 1 << 4;

        public AltactSigSend {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(payload, "payload");
            if (((flags & FLAG_TOKEN) != 0) != (token != null)) {
                throw new IllegalArgumentException("a token if and only if FLAG_TOKEN is set");
            }
            boolean toFits = (flags & FLAG_ALIAS) != 0 ? to instanceof Ref
                    : (flags & FLAG_NAME) != 0 ? to instanceof Atom : to instanceof Pid;
            if (!toFits) {
                throw new IllegalArgumentException("to: " + to + " (expected: an alias with FLAG_ALIAS, else a name with"
                        + " FLAG_NAME, else a pid; flags: " + flags + ")");
            }
        }

        @Override
        public Operation operation() {
            return Operation.ALTACT_SIG_SEND;
        }
    }

    private static void requireOperation(Operation operation, Class<? extends ControlMessage> shape, Term token) {
        Objects.requireNonNull(operation, "operation");
        operation.check(shape, token);
    }

    private static void requirePidOrName(Term proc, String field) {
        if (!(proc instanceof Pid) && !(proc instanceof Atom)) {
            throw new IllegalArgumentException(field + " is a pid or a registered name, not " + proc);
        }
    }
}
