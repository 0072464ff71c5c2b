package dev.beamlink.node;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import java.util.List;
import java.util.Objects;

/**
 * How a node answers a request for a new process running {@code module:function(args...)}: a spawn request from a
 * process of another node (SPAWN_REQUEST, erl_dist_protocol: what {@code spawn/4}, {@code spawn_link/4},
 * {@code spawn_monitor/4}, {@code spawn_opt/5} and {@code erpc:call/4} send) or of this node
 * ({@link Mailbox#spawnRequest} naming it). A node without a handler answers {@code notsup}: it has no code to run.
 *
 * <p>For a {@link Start}, the node makes the process and links it to the requester and gives the requester its monitor
 * on it, as the request asks, before anything else happens to it; the process answers the request with its pid
 * (SPAWN_REPLY) as its body starts (or as it ends, if it is killed first), before anything else it sends: it can
 * neither end nor speak unlinked (docs/semantics.md, "Links"). For a {@link Refuse}, no process is made and the requester gets the reason
 * ({@code {spawn_reply, ReqId, error, Reason}}; {@code spawn/4} on erl raises it).
 *
 * <p>The handler runs on the thread that routes the request (a connection's reader, or the requesting process's own
 * thread): it must decide at once and never block. The work belongs in the body.
 */
@FunctionalInterface
public interface SpawnHandler {

    /** {@return what to do with {@code request}: start a process running a body, or refuse with a reason} */
    Answer answer(Request request);

    /**
     * A request for a new process.
     *
     * @param requester the process that asked, which the new process is linked to or monitored by as asked
     * @param module    the module to run
     * @param function  the function to run
     * @param args      the arguments
     */
    record Request(Pid requester, Atom module, Atom function, List<Term> args) {
        public Request {
            Objects.requireNonNull(requester, "requester");
            Objects.requireNonNull(module, "module");
            Objects.requireNonNull(function, "function");
            args = List.copyOf(args);
        }
    }

    /** What the handler decided. */
    sealed interface Answer permits Start, Refuse {
    }

    /** A new process running {@code body}. */
    record Start(ProcessBody body) implements Answer {
        public Start {
            Objects.requireNonNull(body, "body");
        }
    }

    /** No process: the requester gets {@code reason} ({@code system_limit}, {@code notsup} ...). */
    record Refuse(Atom reason) implements Answer {
        public Refuse {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
