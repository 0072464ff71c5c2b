package dev.beamlink.etf;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A read-only view of a map that no one else holds: what the decoder builds {@link ErlMap}s on, so that
 * the record need not copy the entries again.
 */
final class FrozenTermMap extends AbstractMap<Term, Term> {

    private final LinkedHashMap<Term, Term> entries;

    /** Takes {@code entries} over: the caller never changes it afterwards. */
    FrozenTermMap(LinkedHashMap<Term, Term> entries) {
        this.entries = entries;
    }

    @Override
    public Term get(Object key) {
        return entries.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public int size() {
        return entries.size();
    }

    /** Walks the entries themselves: no read-only wrapper an entry, as {@link #entrySet()} hands out. */
    @Override
    public void forEach(BiConsumer<? super Term, ? super Term> action) {
        entries.forEach(action);
    }

    @Override
    public Set<Entry<Term, Term>> entrySet() {
        return Collections.unmodifiableMap(entries).entrySet();
    }

    @Override
    public Set<Term> keySet() {
        return Collections.unmodifiableSet(entries.keySet());
    }
}
