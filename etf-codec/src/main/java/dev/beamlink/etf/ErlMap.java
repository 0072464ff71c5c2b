package dev.beamlink.etf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An Erlang map.
 *
 * <p>Keys and values are compared with {@code =:=} (so {@code 1} and {@code 1.0} are different
 * keys, as in Erlang). Iteration follows the order the entries were given in; {@link Etf} writes
 * small maps in the order OTP does, and {@code toString()} prints keys in term order.
 *
 * @param entries the entries (an unmodifiable map)
 */
public record ErlMap(Map<Term, Term> entries) implements Term {

    /** The empty map {@code #{}}. */
    public static final ErlMap EMPTY = new ErlMap(Map.of());

    public ErlMap {
        if (entries instanceof FrozenTermMap) {
            // Built by the decoder, which hands it over: nothing else holds it.
        } else if (entries.isEmpty()) {
            entries = Map.of();
        } else {
            LinkedHashMap<Term, Term> copy = new LinkedHashMap<>(entries);
            copy.forEach((k, v) -> {
                if (k == null || v == null) {
                    throw new NullPointerException("a map key or value is null");
                }
            });
            entries = Collections.unmodifiableMap(copy);
        }
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
