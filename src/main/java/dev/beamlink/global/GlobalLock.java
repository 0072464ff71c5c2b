package dev.beamlink.global;

import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import java.util.Objects;

/**
 * A global lock's id, {@code {ResourceId, LockRequesterId}}, as {@code global:set_lock/1} takes it: a resource is
 * locked by one requester at a time, and any number of processes may hold the lock for that requester.
 *
 * @param resource  what is locked
 * @param requester on whose behalf (often a pid)
 */
public record GlobalLock(Term resource, Term requester) {

    public GlobalLock {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(requester, "requester");
    }

    /** {@return {@code {ResourceId, LockRequesterId}}} */
    public Tuple toTerm() {
        return Tuple.of(resource, requester);
    }
}
