package dev.beamlink.etf;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A map's entries as one array of keys each followed by its value, the order the encoder writes them in
 * (erl_ext_dist MAP_EXT): filled by {@link Map#forEach}, which walks the map without an object per entry.
 */
final class MapPairs implements BiConsumer<Term, Term> {

    private final Term[] pairs;
    private int filled;

    private MapPairs(int entries) {
        pairs = new Term[2 * entries];
    }

    /** {@return key, value, key, value ... of {@code entries}, in their iteration order} */
    static Term[] of(Map<Term, Term> entries) {
        MapPairs collector = new MapPairs(entries.size());
        entries.forEach(collector);
        if (collector.filled != collector.pairs.length) {
            throw new IllegalStateException("the map changed while it was encoded");
        }
        return collector.pairs;
    }

    @Override
    public void accept(Term key, Term value) {
        pairs[filled] = key;
        pairs[filled + 1] = value;
        filled += 2;
    }

    /**
     * Sorts the pairs by key in map-key order ({@link TermOrder#MAP_KEYS}), as OTP keeps a flatmap's keys: an
     * insertion sort, for the at most 32 keys of a flatmap (one comparison a key when they are in order
     * already).
     */
    static void sortByKey(Term[] pairs) {
        for (int i = 2; i < pairs.length; i += 2) {
            Term key = pairs[i];
            if (TermOrder.MAP_KEYS.compare(pairs[i - 2], key) < 0) {
                continue;
            }
            Term value = pairs[i + 1];
            int j = i - 2;
            do {
                pairs[j + 2] = pairs[j];
                pairs[j + 3] = pairs[j + 1];
                j -= 2;
            } while (j >= 0 && TermOrder.MAP_KEYS.compare(pairs[j], key) > 0);
            pairs[j + 2] = key;
            pairs[j + 3] = value;
        }
    }
}
