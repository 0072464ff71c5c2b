package dev.beamlink.global.internal;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Term;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What this node's own parts tell {@code global_name_server}: Java messages, never on the wire. (Nodes coming up and
 * going down reach it as {@code NodeUp} and {@code NodeDown}, as it monitors the visible nodes.)
 */
sealed interface ServerEvent {

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
