package dev.beamlink.global.internal;

import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.TermOrder;
import dev.beamlink.etf.Tuple;
import java.util.Objects;

/**
 * A lock's identity, {@code {ResourceId, LockRequesterId}}: a resource is locked by one requester at a time, and
 * any number of processes may hold the lock for that requester.
 */
record LockId(Term resource, Term requester) {

    LockId {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(requester, "requester");
    }

    static LockId of(Term term) {
        Tuple t = GlobalTerms.tuple(term, 2, "a lock id");
        return new LockId(t.get(0), t.get(1));
    }

    /**
     * {@return the lock two lockers take to connect their partitions} ({@code locker_lock_id/2}, vsn 5 on):
     * {@code {global, lists:sort([Locker1, Locker2])}}, the same on both sides.
     */
    static LockId ofLockers(Pid one, Pid other) {
        return new LockId(GlobalTerms.GLOBAL, TermOrder.STANDARD.compare(one, other) <= 0 ? ErlList.of(one, other) : ErlList.of(other, one));
    }

    Tuple toTerm() {
        return Tuple.of(resource, requester);
    }
}
