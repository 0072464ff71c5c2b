package dev.beamlink.etf;

import java.util.Map;

/**
 * An Erlang map.
 *
 * <p>Keys and values are compared with {@code =:=} (so {@code 1} and {@code 1.0} are different
 * keys, as in Erlang). Iteration follows the order the entries were given in; {@link Etf} writes
 * small maps in the order OTP does, and {@code toString()} prints keys in term order.
 *
 * <p>Looking a key up takes at most O(log n) comparisons, whatever the keys: a map decoded from a peer
 * whose keys' hash codes collide is no slower to build or search than O(n log n) and O(log n).
 *
 * @param entries the entries (an unmodifiable map, iterated in the order given)
 */
public record ErlMap(Map<Term, Term> entries) implements Term {

    /** The empty map {@code #{}}. */
    public static final ErlMap EMPTY = new ErlMap(Map.of());

    /**
     * Copies {@code entries} (unless they are another map's).
     *
     * @throws NullPointerException     if a key or value is null
     * @throws IllegalArgumentException if two keys are {@code =:=} (as an {@code IdentityHashMap} may hold)
     */
    public ErlMap {
        entries = FrozenTermMap.copyOf(entries);
    }

    /** The entries as the codec reads them. */
    FrozenTermMap frozen() {
        return (FrozenTermMap) entries;
    }

    /** {@return the value under {@code key}, or null} */
    public Term get(Term key) {
        return entries.get(key);
    }

    /** {@return the number of entries} */
    public int size() {
        return entries.size();
    }

    /** {@return whether {@code other} is a map of the same keys and values ({@code =:=}); iterative over values} */
    @Override
    public boolean equals(Object other) {
        return other instanceof ErlMap that && TermEquality.equal(this, that);
    }

    @Override
    public int hashCode() {
        return TermEquality.hash(this);
    }

    @Override
    public String toString() {
        return TermFormat.format(this);
    }
}
