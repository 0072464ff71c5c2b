package dev.beamlink.node.spi;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import java.util.List;
import java.util.Objects;

/**
 * A signal from one process to another: the records mirror, one to one, the control messages of the
 * Erlang distribution protocol (erl_dist_protocol, "Protocol between connected nodes"), so that the
 * distribution layer maps each record to one control message and back.
 *
 * <p>Every signal, local or from the wire, passes through the node's one routing point and, for a
 * process of this node, through that process's one signal queue, where it is applied in the order
 * sent (docs/semantics.md, "Ordering"). The process side applies a signal the same way whatever its origin.
 *
 * <p>Every signal but {@link SpawnRequest}, which asks a node for a new process, is addressed to a process.
 *
 * <p>The payload of {@link Send}, {@link RegSend} and {@link AliasSend} is any Java object for a local target; only a
 * {@link Term} may be sent to a process on another node (the routing point refuses anything else).
 */
public sealed interface Signal {

    /**
     * SEND (2, no sender) or SEND_SENDER (22): a message to a process.
     *
     * @param from    the sender, or {@code null} for SEND, which names none
     * @param to      the receiver
     * @param message the message
     */
    record Send(Pid from, Pid to, Object message) implements Signal {
        public Send {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * REG_SEND (6): a message to the process registered as {@code toName} on the receiving node.
     *
     * @param from    the sender
     * @param toName  the registered name
     * @param message the message
     */
    record RegSend(Pid from, Atom toName, Object message) implements Signal {
        public RegSend {
            Objects.requireNonNull(toName, "toName");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * ALIAS_SEND (33): a message to the process that handed out the alias {@code alias}, delivered only
     * while that alias is active (erlang:alias/1); dropped otherwise.
     *
     * @param from    the sender, or {@code null} when no process sends it
     * @param alias   the alias: a reference of the receiver's node
     * @param message the message
     */
    record AliasSend(Pid from, Ref alias, Object message) implements Signal {
        public AliasSend {
            Objects.requireNonNull(alias, "alias");
            Objects.requireNonNull(message, "message");
        }
    }

    /** LINK (1): {@code from} links to {@code to} (the link protocol, erl_dist_protocol "Link Protocol"). */
    record Link(Pid from, Pid to) implements Signal {
        public Link {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /**
     * UNLINK_ID (35): {@code from} removes its link to {@code to}; the receiver answers with
     * {@link UnlinkIdAck} carrying the same id before any other signal to {@code from}.
     *
     * @param id the unlink operation's identifier, 1 to 2^64-1 (read as unsigned)
     */
    record UnlinkId(long id, Pid from, Pid to) implements Signal {
        public UnlinkId {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /** UNLINK_ID_ACK (36): {@code from} acknowledges the {@link UnlinkId} {@code id} that {@code to} sent. */
    record UnlinkIdAck(long id, Pid from, Pid to) implements Signal {
        public UnlinkIdAck {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /** EXIT (3, or PAYLOAD_EXIT 24): the exit signal a link carries when {@code from} ends with {@code reason}. */
    record LinkExit(Pid from, Pid to, Term reason) implements Signal {
        public LinkExit {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** EXIT2 (8, or PAYLOAD_EXIT2 26): the exit signal of {@code erlang:exit(To, Reason)}, not from a link. */
    record Exit2(Pid from, Pid to, Term reason) implements Signal {
        public Exit2 {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * MONITOR_P (19): {@code from} monitors {@code toProc}.
     *
     * @param toProc the monitored process: its {@link Pid}, or its registered name as an {@link Atom}
     * @param ref    the monitor's reference
     */
    record MonitorP(Pid from, Term toProc, Ref ref) implements Signal {
        public MonitorP {
            Objects.requireNonNull(from, "from");
            requirePidOrName(toProc);
            Objects.requireNonNull(ref, "ref");
        }
    }

    /** DEMONITOR_P (20): {@code from} removes its monitor {@code ref} on {@code toProc} (a pid or a name). */
    record DemonitorP(Pid from, Term toProc, Ref ref) implements Signal {
        public DemonitorP {
            Objects.requireNonNull(from, "from");
            requirePidOrName(toProc);
            Objects.requireNonNull(ref, "ref");
        }
    }

    /**
     * MONITOR_P_EXIT (21, or PAYLOAD_MONITOR_P_EXIT 28): the monitored {@code fromProc} (a pid, or the name
     * it was monitored by) ended with {@code reason}; {@code to} holds the monitor {@code ref}.
     *
     * @param sender the process that ended, whose earlier signals this one follows (docs/semantics.md, "Ordering"),
     *               also when {@code fromProc} is a name; null when a node answers for a process that does not
     *               exist or that it cannot reach ({@code noproc}, {@code noconnection})
     */
    record MonitorPExit(Pid sender, Term fromProc, Pid to, Ref ref, Term reason) implements Signal {
        public MonitorPExit {
            requirePidOrName(fromProc);
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * SPAWN_REQUEST (29): {@code from} asks {@code node} for a new process running {@code module:function(args...)},
     * linked to {@code from} and/or monitored by it from its first moment (erlang:spawn_request/5). The node answers
     * with a {@link SpawnReply} carrying the same {@code reqId}, which is also the monitor's reference. Addressed to
     * a node, not to a process.
     */
    record SpawnRequest(Ref reqId, Pid from, Atom node, Atom module, Atom function, List<Term> args,
                        boolean link, boolean monitor) implements Signal {
        public SpawnRequest {
            Objects.requireNonNull(reqId, "reqId");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(module, "module");
            Objects.requireNonNull(function, "function");
            args = List.copyOf(args);
        }
    }

    /**
     * SPAWN_REPLY (31): the answer to the {@link SpawnRequest} {@code reqId} of {@code to}: {@code result} is the
     * new process's pid, or an atom that says why there is none; {@code linked} and {@code monitored} say what the
     * node of the new process set up for it (a link to {@code to}, a monitor of {@code to} on it).
     */
    record SpawnReply(Ref reqId, Pid to, boolean linked, boolean monitored, Term result) implements Signal {
        public SpawnReply {
            Objects.requireNonNull(reqId, "reqId");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(result, "result");
        }

        /** {@return the answer that no process was made, for {@code reason}} */
        public static SpawnReply failed(Ref reqId, Pid to, Atom reason) {
            return new SpawnReply(reqId, to, false, false, reason);
        }
    }

    private static void requirePidOrName(Term proc) {
        if (!(proc instanceof Pid) && !(proc instanceof Atom)) {
            throw new IllegalArgumentException("a process is a pid or a registered name, not " + proc);
        }
    }
}
