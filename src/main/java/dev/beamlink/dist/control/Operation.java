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
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Term;
import java.util.Optional;

/**
 * The operations of the distribution protocol's control messages (erl_dist_protocol, "Protocol between Connected
 * Nodes"): the code that is the first element of the control tuple, the protocol's name ({@link #name()}), the
 * {@link ControlMessage} record that holds it, whether the tuple carries a sequential trace token, and whether a term
 * (Message, Reason or ArgList) follows the tuple.
 *
 * <p>Operations that differ only in a trace token ({@code SEND} and {@code SEND_TT}), in where the reason travels
 * ({@code EXIT} and {@code PAYLOAD_EXIT}) or in whether the sender is named ({@code SEND} and {@code SEND_SENDER}) share
 * one record, whose {@code operation()} says which it is, as the instructions of {@code java.lang.classfile} share one
 * type per shape and carry their opcode.
 */
public enum Operation {

    /** {@code {1, FromPid, ToPid}}. */
    LINK(1, Link.class, TraceToken.NONE, false),
    /** {@code {2, Unused, ToPid}}, followed by Message. */
    SEND(2, Send.class, TraceToken.NONE, true),
    /** {@code {3, FromPid, ToPid, Reason}}: a link's exit signal. */
    EXIT(3, LinkExit.class, TraceToken.NONE, false),
    /** {@code {4, FromPid, ToPid}}: the old link protocol's unlink, which OTP 26+ neither sends nor accepts. */
    UNLINK(4, Unlink.class, TraceToken.NONE, false),
    /** {@code {5}}. */
    NODE_LINK(5, NodeLink.class, TraceToken.NONE, false),
    /** {@code {6, FromPid, Unused, ToName}}, followed by Message. */
    REG_SEND(6, RegSend.class, TraceToken.NONE, true),
    /** {@code {7, FromPid, ToPid}}. */
    GROUP_LEADER(7, GroupLeader.class, TraceToken.NONE, false),
    /** {@code {8, FromPid, ToPid, Reason}}: the exit signal of {@code erlang:exit/2}. */
    EXIT2(8, Exit2.class, TraceToken.NONE, false),
    /** {@code {12, Unused, ToPid, TraceToken}}, followed by Message. */
    SEND_TT(12, Send.class, TraceToken.ALWAYS, true),
    /** {@code {13, FromPid, ToPid, TraceToken, Reason}}. */
    EXIT_TT(13, LinkExit.class, TraceToken.ALWAYS, false),
    /** {@code {16, FromPid, Unused, ToName, TraceToken}}, followed by Message. */
    REG_SEND_TT(16, RegSend.class, TraceToken.ALWAYS, true),
    /** {@code {18, FromPid, ToPid, TraceToken, Reason}}. */
    EXIT2_TT(18, Exit2.class, TraceToken.ALWAYS, false),
    /** {@code {19, FromPid, ToProc, Ref}}: ToProc is a pid or a registered name. */
    MONITOR_P(19, MonitorP.class, TraceToken.NONE, false),
    /** {@code {20, FromPid, ToProc, Ref}}. */
    DEMONITOR_P(20, DemonitorP.class, TraceToken.NONE, false),
    /** {@code {21, FromProc, ToPid, Ref, Reason}}. */
    MONITOR_P_EXIT(21, MonitorPExit.class, TraceToken.NONE, false),
    /** {@code {22, FromPid, ToPid}}, followed by Message ("New Ctrlmessages for Erlang/OTP 21"; DFLAG_SEND_SENDER). */
    SEND_SENDER(22, Send.class, TraceToken.NONE, true),
    /** {@code {23, FromPid, ToPid, TraceToken}}, followed by Message. */
    SEND_SENDER_TT(23, Send.class, TraceToken.ALWAYS, true),
    /** {@code {24, FromPid, ToPid}}, followed by Reason ("New Ctrlmessages for Erlang/OTP 22"; DFLAG_EXIT_PAYLOAD). */
    PAYLOAD_EXIT(24, LinkExit.class, TraceToken.NONE, true),
    /** {@code {25, FromPid, ToPid, TraceToken}}, followed by Reason. */
    PAYLOAD_EXIT_TT(25, LinkExit.class, TraceToken.ALWAYS, true),
    /** {@code {26, FromPid, ToPid}}, followed by Reason. */
    PAYLOAD_EXIT2(26, Exit2.class, TraceToken.NONE, true),
    /** {@code {27, FromPid, ToPid, TraceToken}}, followed by Reason. */
    PAYLOAD_EXIT2_TT(27, Exit2.class, TraceToken.ALWAYS, true),
    /** {@code {28, FromProc, ToPid, Ref}}, followed by Reason. */
    PAYLOAD_MONITOR_P_EXIT(28, MonitorPExit.class, TraceToken.NONE, true),
    /**
     * {@code {29, ReqId, From, GroupLeader, {Module, Function, Arity}, OptList}}, followed by ArgList ("New
     * Ctrlmessages for Erlang/OTP 23"; DFLAG_SPAWN).
     */
    SPAWN_REQUEST(29, SpawnRequest.class, TraceToken.NONE, true),
    /** {@code {30, ReqId, From, GroupLeader, {Module, Function, Arity}, OptList, Token}}, followed by ArgList. */
    SPAWN_REQUEST_TT(30, SpawnRequest.class, TraceToken.ALWAYS, true),
    /** {@code {31, ReqId, To, Flags, Result}}. */
    SPAWN_REPLY(31, SpawnReply.class, TraceToken.NONE, false),
    /** {@code {32, ReqId, To, Flags, Result, Token}}. */
    SPAWN_REPLY_TT(32, SpawnReply.class, TraceToken.ALWAYS, false),
    /** {@code {33, FromPid, Alias}}, followed by Message ("New Ctrlmessages for Erlang/OTP 24"; DFLAG_ALIAS). */
    ALIAS_SEND(33, AliasSend.class, TraceToken.NONE, true),
    /** {@code {34, FromPid, Alias, Token}}, followed by Message. */
    ALIAS_SEND_TT(34, AliasSend.class, TraceToken.ALWAYS, true),
    /** {@code {35, Id, FromPid, ToPid}} (the link protocol, DFLAG_UNLINK_ID). */
    UNLINK_ID(35, UnlinkId.class, TraceToken.NONE, false),
    /** {@code {36, Id, FromPid, ToPid}}. */
    UNLINK_ID_ACK(36, UnlinkIdAck.class, TraceToken.NONE, false),
    /**
     * {@code {37, Flags, SenderPid, To}} or {@code {37, Flags, SenderPid, To, Token}}, followed by Message or, with the
     * exit flag, Reason: OTP 28's alternate signal send (OTP's {@code dist.h}, {@code DOP_ALTACT_SIG_SEND}), sent only to
     * a peer that offered {@code DFLAG_ALTACT_SIG}.
     */
    ALTACT_SIG_SEND(37, AltactSigSend.class, TraceToken.BY_FLAGS, true);

    /** Whether the control tuple of an operation carries a sequential trace token. */
    public enum TraceToken {
        /** Never. */
        NONE,
        /** Always: the {@code _TT} operations. */
        ALWAYS,
        /** When the message's flags say so ({@link AltactSigSend#FLAG_TOKEN}). */
        BY_FLAGS
    }

    private static final Operation[] BY_CODE = new Operation[ALTACT_SIG_SEND.code + 1];

    static {
        for (Operation operation : values()) {
            BY_CODE[operation.code] = operation;
        }
    }

    private final int code;
    private final Int codeTerm;
    private final Class<? extends ControlMessage> shape;
    private final TraceToken traceToken;
    private final boolean payload;

    Operation(int code, Class<? extends ControlMessage> shape, TraceToken traceToken, boolean payload) {
        this.code = code;
        this.codeTerm = Int.of(code);
        this.shape = shape;
        this.traceToken = traceToken;
        this.payload = payload;
    }

    /** {@return the operation of {@code code}, or empty if the protocol has none with that code} */
    public static Optional<Operation> ofCode(long code) {
        return code >= 0 && code < BY_CODE.length ? Optional.ofNullable(BY_CODE[(int) code]) : Optional.empty();
    }

    /** {@return the operation code, the first element of the control tuple} */
    public int code() {
        return code;
    }

    /** {@return the operation code as the term it is in the control tuple} */
    Int codeTerm() {
        return codeTerm;
    }

    /** {@return the record that holds a message of this operation} */
    public Class<? extends ControlMessage> shape() {
        return shape;
    }

    /** {@return whether the control tuple carries a sequential trace token} */
    public TraceToken traceToken() {
        return traceToken;
    }

    /** {@return whether a term follows the control tuple: the Message, the Reason or the ArgList} */
    public boolean hasPayload() {
        return payload;
    }

    /** {@return the protocol's name and the code, for messages: {@code SEND_SENDER (22)}} */
    @Override
    public String toString() {
        return name() + " (" + code + ")";
    }

    /**
     * Checks that a record of {@code shape} may hold this operation with {@code token} (null for none).
     *
     * @throws IllegalArgumentException if the operation is another record's, or the token is there when the operation
     *                                  has none or missing when it has one
     */
    void check(Class<? extends ControlMessage> shape, Term token) {
        if (this.shape != shape) {
            throw new IllegalArgumentException(this + " belongs to " + this.shape.getSimpleName() + ", not to "
                    + shape.getSimpleName());
        }
        if ((traceToken == TraceToken.ALWAYS) != (token != null)) {
            throw new IllegalArgumentException(this + (token == null ? " without its trace token" : " with a trace token"));
        }
    }
}
