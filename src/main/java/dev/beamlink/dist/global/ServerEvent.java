package dev.beamlink.dist.global;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Term;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What this node's own parts tell {@code global_name_server}: Java messages, never on the wire. */
sealed interface ServerEvent {

    /** A visible node connected ({@code {nodeup, Node, Info}} of {@code net_kernel:monitor_nodes/2}). */
    record NodeUp(Atom node) implements ServerEvent {
    }

    /** The connection to a visible node was lost ({@code {nodedown, Node, Info}}). */
    record NodeDown(Atom node) implements ServerEvent {
    }

    /** A node we were told of could not be reached ({@code {extra_nodedown, Node}} of {@code sync_other/2}). */
    record ExtraNodeDown(Atom node) implements ServerEvent {
    }

    /** Our locker holds the lock on our partition for the session {@code myTag} with {@code node}. */
    record LockIsSet(Atom node, Term myTag, LockId lock) implements ServerEvent {
    }

    /** The resolver of the session {@code myTag} with {@code node} compared his names with ours. */
    record ExchangeOps(Atom node, Term myTag, List<NameOp> ops, List<NameOp> resolved) implements ServerEvent {
    }

    /** {@code global:sync()} from Java: complete {@code done} once in sync with every visible node. */
    record Sync(CompletableFuture<Void> done) implements ServerEvent {
    }
}
