package dev.beamlink.dist.control;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import java.util.Objects;

/**
 * A control message of the Erlang distribution protocol (erl_dist_protocol, "Protocol between
 * Connected Nodes"): one record per operation an OTP 25 to 28 node may send, with the term that follows
 * the control tuple ({@code Message}, {@code Reason} or {@code ArgList}) as a field of the record where the
 * operation has one. The records hold no wire code: {@link ControlCodec} maps them to and from the control
 * tuples.
 *
 * <p>The records say what is on the wire and nothing more; what a message means to the node's processes
 * is decided by the connection that maps them to runtime signals.
 */
public sealed interface ControlMessage {

    /** {@code {1, FromPid, ToPid}} ("LINK"). */
    int LINK = 1;
    /** {@code {2, Unused, ToPid}}, followed by Message ("SEND"). */
    int SEND = 2;
    /** {@code {3, FromPid, ToPid, Reason}} ("EXIT"). */
    int EXIT = 3;
    /** {@code {4, FromPid, ToPid}} ("UNLINK", the old link protocol; deprecated). */
    int UNLINK = 4;
    /** {@code {5}} ("NODE_LINK"). */
    int NODE_LINK = 5;
    /** {@code {6, FromPid, Unused, ToName}}, followed by Message ("REG_SEND"). */
    int REG_SEND = 6;
    /** {@code {7, FromPid, ToPid}} ("GROUP_LEADER"). */
    int GROUP_LEADER = 7;
    /** {@code {8, FromPid, ToPid, Reason}} ("EXIT2"). */
    int EXIT2 = 8;
    /** {@code {12, Unused, ToPid, TraceToken}}, followed by Message ("SEND_TT"). */
    int SEND_TT = 12;
    /** {@code {13, FromPid, ToPid, TraceToken, Reason}} ("EXIT_TT"). */
    int EXIT_TT = 13;
    /** {@code {16, FromPid, Unused, ToName, TraceToken}}, followed by Message ("REG_SEND_TT"). */
    int REG_SEND_TT = 16;
    /** {@code {18, FromPid, ToPid, TraceToken, Reason}} ("EXIT2_TT"). */
    int EXIT2_TT = 18;
    /** {@code {19, FromPid, ToProc, Ref}} ("MONITOR_P"). */
    int MONITOR_P = 19;
    /** {@code {20, FromPid, ToProc, Ref}} ("DEMONITOR_P"). */
    int DEMONITOR_P = 20;
    /** {@code {21, FromProc, ToPid, Ref, Reason}} ("MONITOR_P_EXIT"). */
    int MONITOR_P_EXIT = 21;
    /** {@code {22, FromPid, ToPid}}, followed by Message ("New Ctrlmessages for Erlang/OTP 21": SEND_SENDER). */
    int SEND_SENDER = 22;
    /** {@code {23, FromPid, ToPid, TraceToken}}, followed by Message ("SEND_SENDER_TT"). */
    int SEND_SENDER_TT = 23;
    /** {@code {24, FromPid, ToPid}}, followed by Reason ("New Ctrlmessages for Erlang/OTP 22": PAYLOAD_EXIT). */
    int PAYLOAD_EXIT = 24;
    /** {@code {25, FromPid, ToPid, TraceToken}}, followed by Reason ("PAYLOAD_EXIT_TT"). */
    int PAYLOAD_EXIT_TT = 25;
    /** {@code {26, FromPid, ToPid}}, followed by Reason ("PAYLOAD_EXIT2"). */
    int PAYLOAD_EXIT2 = 26;
    /** {@code {27, FromPid, ToPid, TraceToken}}, followed by Reason ("PAYLOAD_EXIT2_TT"). */
    int PAYLOAD_EXIT2_TT = 27;
    /** {@code {28, FromProc, ToPid, Ref}}, followed by Reason ("PAYLOAD_MONITOR_P_EXIT"). */
    int PAYLOAD_MONITOR_P_EXIT = 28;
    /** {@code {29, ReqId, From, GroupLeader, {M, F, A}, OptList}}, followed by ArgList ("New Ctrlmessages for Erlang/OTP 23"). */
    int SPAWN_REQUEST = 29;
    /** {@code {30, ReqId, From, GroupLeader, {M, F, A}, OptList, Token}}, followed by ArgList ("SPAWN_REQUEST_TT"). */
    int SPAWN_REQUEST_TT = 30;
    /** {@code {31, ReqId, To, Flags, Result}} ("SPAWN_REPLY"). */
    int SPAWN_REPLY = 31;
    /** {@code {32, ReqId, To, Flags, Result, Token}} ("SPAWN_REPLY_TT"). */
    int SPAWN_REPLY_TT = 32;
    /** {@code {33, FromPid, Alias}}, followed by Message ("New Ctrlmessages for Erlang/OTP 24": ALIAS_SEND). */
    int ALIAS_SEND = 33;
    /** {@code {34, FromPid, Alias, Token}}, followed by Message ("ALIAS_SEND_TT"). */
    int ALIAS_SEND_TT = 34;
    /** {@code {35, Id, FromPid, ToPid}} ("UNLINK_ID"). */
    int UNLINK_ID = 35;
    /** {@code {36, Id, FromPid, ToPid}} ("UNLINK_ID_ACK"). */
    int UNLINK_ID_ACK = 36;
    /**
     * {@code {37, Flags, SenderPid, To}} or {@code {37, Flags, SenderPid, To, Token}}, followed by Message or,
     * with the exit flag, Reason: OTP 28's alternate signal send (OTP's {@code dist.h}, {@code DOP_ALTACT_SIG_SEND}),
     * sent only to a peer that offered {@code DFLAG_ALTACT_SIG}.
     */
    int ALTACT_SIG_SEND = 37;

    /** {@return the operation code, the first element of the control tuple} */
    int operation();

    /** LINK: {@code from} links to {@code to}. */
    record Link(Pid from, Pid to) implements ControlMessage {
        public Link {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        @Override
        public int operation() {
            return LINK;
        }
    }

    /** SEND: {@code message} to {@code to}, with no sender; {@code unused} is kept as it came (an empty atom when sent). */
    record Send(Term unused, Pid to, Term message) implements ControlMessage {
        public Send {
            Objects.requireNonNull(unused, "unused");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public int operation() {
            return SEND;
        }
    }

    /** EXIT: the exit signal of a link, {@code from} ended with {@code reason}. */
    record Exit(Pid from, Pid to, Term reason) implements ControlMessage {
        public Exit {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public int operation() {
            return EXIT;
        }
    }

    /** UNLINK: the old link protocol's unlink, which OTP 26+ no longer sends. */
    record Unlink(Pid from, Pid to) implements ControlMessage {
        public Unlink {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        @Override
        public int operation() {
            return UNLINK;
        }
    }

    /** NODE_LINK: no fields. */
    record NodeLink() implements ControlMessage {
        @Override
        public int operation() {
            return NODE_LINK;
        }
    }

    /** REG_SEND: {@code message} to the process registered as {@code toName} on the receiving node. */
    record RegSend(Pid from, Term unused, Atom toName, Term message) implements ControlMessage {
        public RegSend {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(unused, "unused");
            Objects.requireNonNull(toName, "toName");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public int operation() {
            return REG_SEND;
        }
    }

    /** GROUP_LEADER: {@code from} makes itself the group leader of {@code to}. */
    record GroupLeader(Pid from, Pid to) implements ControlMessage {
        public GroupLeader {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        @Override
        public int operation() {
            return GROUP_LEADER;
        }
    }

    /** EXIT2: the exit signal of {@code erlang:exit(To, Reason)}. */
    record Exit2(Pid from, Pid to, Term reason) implements ControlMessage {
        public Exit2 {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public int operation() {
            return EXIT2;
        }
    }

    /** SEND_TT: SEND with a sequential trace token. */
    record SendTT(Term unused, Pid to, Term token, Term message) implements ControlMessage {
        public SendTT {
            Objects.requireNonNull(unused, "unused");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public int operation() {
            return SEND_TT;
        }
    }

    /** EXIT_TT: EXIT with a sequential trace token. */
    record ExitTT(Pid from, Pid to, Term token, Term reason) implements ControlMessage {
        public ExitTT {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public int operation() {
            return EXIT_TT;
        }
    }

    /** REG_SEND_TT: REG_SEND with a sequential trace token. */
    record RegSendTT(Pid from, Term unused, Atom toName, Term token, Term message) implements ControlMessage {
        public RegSendTT {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(unused, "unused");
            Objects.requireNonNull(toName, "toName");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public int operation() {
            return REG_SEND_TT;
        }
    }

    /** EXIT2_TT: EXIT2 with a sequential trace token. */
    record Exit2TT(Pid from, Pid to, Term token, Term reason) implements ControlMessage {
        public Exit2TT {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public int operation() {
            return EXIT2_TT;
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
        public int operation() {
            return MONITOR_P;
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
        public int operation() {
            return DEMONITOR_P;
        }
    }

    /** MONITOR_P_EXIT: the monitored {@code fromProc} (pid or name) ended with {@code reason}. */
    record MonitorPExit(Term fromProc, Pid to, Ref ref, Term reason) implements ControlMessage {
        public MonitorPExit {
            requirePidOrName(fromProc, "fromProc");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public int operation() {
            return MONITOR_P_EXIT;
        }
    }

    /** SEND_SENDER: {@code message} from {@code from} to {@code to}. */
    record SendSender(Pid from, Pid to, Term message) implements ControlMessage {
        public SendSender {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public int operation() {
            return SEND_SENDER;
        }
    }

    /** SEND_SENDER_TT: SEND_SENDER with a sequential trace token. */
    record SendSenderTT(Pid from, Pid to, Term token, Term message) implements ControlMessage {
        public SendSenderTT {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public int operation() {
            return SEND_SENDER_TT;
        }
    }

    /** PAYLOAD_EXIT: EXIT with the reason after the control tuple. */
    record PayloadExit(Pid from, Pid to, Term reason) implements ControlMessage {
        public PayloadExit {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public int operation() {
            return PAYLOAD_EXIT;
        }
    }

    /** PAYLOAD_EXIT_TT: PAYLOAD_EXIT with a sequential trace token. */
    record PayloadExitTT(Pid from, Pid to, Term token, Term reason) implements ControlMessage {
        public PayloadExitTT {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public int operation() {
            return PAYLOAD_EXIT_TT;
        }
    }

    /** PAYLOAD_EXIT2: EXIT2 with the reason after the control tuple. */
    record PayloadExit2(Pid from, Pid to, Term reason) implements ControlMessage {
        public PayloadExit2 {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public int operation() {
            return PAYLOAD_EXIT2;
        }
    }

    /** PAYLOAD_EXIT2_TT: PAYLOAD_EXIT2 with a sequential trace token. */
    record PayloadExit2TT(Pid from, Pid to, Term token, Term reason) implements ControlMessage {
        public PayloadExit2TT {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public int operation() {
            return PAYLOAD_EXIT2_TT;
        }
    }

    /** PAYLOAD_MONITOR_P_EXIT: MONITOR_P_EXIT with the reason after the control tuple. */
    record PayloadMonitorPExit(Term fromProc, Pid to, Ref ref, Term reason) implements ControlMessage {
        public PayloadMonitorPExit {
            requirePidOrName(fromProc, "fromProc");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public int operation() {
            return PAYLOAD_MONITOR_P_EXIT;
        }
    }

    /**
     * SPAWN_REQUEST: {@code from} asks for a process running {@code module:function/arity} with
     * {@code args}; {@code reqId} identifies the request (and is the monitor's reference when asked for).
     */
    record SpawnRequest(Ref reqId, Pid from, Pid groupLeader, Atom module, Atom function, long arity,
                        Term options, Term args) implements ControlMessage {
        public SpawnRequest {
            Objects.requireNonNull(reqId, "reqId");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(groupLeader, "groupLeader");
            Objects.requireNonNull(module, "module");
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(args, "args");
        }

        @Override
        public int operation() {
            return SPAWN_REQUEST;
        }
    }

    /** SPAWN_REQUEST_TT: SPAWN_REQUEST with a sequential trace token. */
    record SpawnRequestTT(Ref reqId, Pid from, Pid groupLeader, Atom module, Atom function, long arity,
                          Term options, Term token, Term args) implements ControlMessage {
        public SpawnRequestTT {
            Objects.requireNonNull(reqId, "reqId");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(groupLeader, "groupLeader");
            Objects.requireNonNull(module, "module");
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(args, "args");
        }

        @Override
        public int operation() {
            return SPAWN_REQUEST_TT;
        }
    }

    /**
     * SPAWN_REPLY: the answer to {@link SpawnRequest} {@code reqId}: {@code result} is the new pid, or an
     * atom saying why there is none; {@code flags} says whether a link (1) and a monitor (2) were set up.
     */
    record SpawnReply(Ref reqId, Pid to, long flags, Term result) implements ControlMessage {
        /** Flag: a link between {@code to} and the new process was set up. */
        public static final long FLAG_LINK = 1;
        /** Flag: a monitor from {@code to} on the new process was set up. */
        public static final long FLAG_MONITOR = 2;

        public SpawnReply {
            Objects.requireNonNull(reqId, "reqId");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(result, "result");
        }

        @Override
        public int operation() {
            return SPAWN_REPLY;
        }
    }

    /** SPAWN_REPLY_TT: SPAWN_REPLY with a sequential trace token. */
    record SpawnReplyTT(Ref reqId, Pid to, long flags, Term result, Term token) implements ControlMessage {
        public SpawnReplyTT {
            Objects.requireNonNull(reqId, "reqId");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(token, "token");
        }

        @Override
        public int operation() {
            return SPAWN_REPLY_TT;
        }
    }

    /** ALIAS_SEND: {@code message} to the process that handed out {@code alias}. */
    record AliasSend(Pid from, Ref alias, Term message) implements ControlMessage {
        public AliasSend {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(alias, "alias");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public int operation() {
            return ALIAS_SEND;
        }
    }

    /** ALIAS_SEND_TT: ALIAS_SEND with a sequential trace token. */
    record AliasSendTT(Pid from, Ref alias, Term token, Term message) implements ControlMessage {
        public AliasSendTT {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(alias, "alias");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public int operation() {
            return ALIAS_SEND_TT;
        }
    }

    /** UNLINK_ID: {@code from} removes its link to {@code to}; {@code id} (1 to 2^64-1, unsigned) is acknowledged. */
    record UnlinkId(long id, Pid from, Pid to) implements ControlMessage {
        public UnlinkId {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        @Override
        public int operation() {
            return UNLINK_ID;
        }
    }

    /** UNLINK_ID_ACK: {@code from} acknowledges the UNLINK_ID {@code id} that {@code to} sent. */
    record UnlinkIdAck(long id, Pid from, Pid to) implements ControlMessage {
        public UnlinkIdAck {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        @Override
        public int operation() {
            return UNLINK_ID_ACK;
        }
    }

    /**
     * ALTACT_SIG_SEND (OTP 28): a message, or with {@link #FLAG_EXIT} an exit signal, to {@code to} (a pid,
     * a registered name or an alias, as {@link #FLAG_NAME} and {@link #FLAG_ALIAS} say), possibly with a
     * trace {@code token} (null when {@link #FLAG_TOKEN} is not set).
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
        }

        @Override
        public int operation() {
            return ALTACT_SIG_SEND;
        }
    }

    private static void requirePidOrName(Term proc, String field) {
        if (!(proc instanceof Pid) && !(proc instanceof Atom)) {
            throw new IllegalArgumentException(field + " is a pid or a registered name, not " + proc);
        }
    }
}
