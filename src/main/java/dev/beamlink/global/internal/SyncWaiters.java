package dev.beamlink.global.internal;

import dev.beamlink.etf.Atom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The callers of {@code global:sync()} on this node (global.erl's syncer processes): each waits until every node
 * it asked about is in sync with us or gone.
 */
final class SyncWaiters {

    private record Waiter(Set<Atom> remaining, CompletableFuture<Void> done) {
    }

    private final List<Waiter> waiters = new ArrayList<>();

    /** Adds a caller waiting for {@code nodes}; with none to wait for, it is done at once. */
    void add(Set<Atom> nodes, CompletableFuture<Void> done) {
        if (nodes.isEmpty()) {
            done.complete(null);
        } else {
            waiters.add(new Waiter(new HashSet<>(nodes), done));
        }
    }

    /** {@code node} is in sync with us, or went down: nobody waits for it any more. */
    void settled(Atom node) {
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter waiter = it.next();
            waiter.remaining().remove(node);
            if (waiter.remaining().isEmpty()) {
                waiter.done().complete(null);
                it.remove();
            }
        }
    }
}
