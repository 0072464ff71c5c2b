package dev.beamlink.etf;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The entries of every {@link ErlMap}: an immutable map over one array of keys each followed by its value,
 * in the order they were given (the wire order for a decoded map, so that it re-encodes to the same bytes).
 *
 * <p>Looking a key up costs no more than O(log n) comparisons whatever the keys, so that a peer cannot make
 * decoding a map quadratic (hash flooding):
 * <ul>
 *   <li>up to {@value #LINEAR_MAX} keys: a scan;</li>
 *   <li>more: an open-addressing table of the keys' (seeded, see {@link TermHash}) hash codes, with linear
 *       probing;</li>
 *   <li>when an insertion into that table probes more than {@value #MAX_PROBES} slots (keys whose hash
 *       codes collide, which only an attack or extreme bad luck makes), the table is dropped for the keys
 *       sorted in map-key order ({@link TermOrder#MAP_KEYS}), searched by bisection: O(n log n) to build,
 *       O(log n) a look-up.</li>
 * </ul>
 * The map also caches its hash code and its entries in map-key order, which {@link TermOrder},
 * {@link TermEquality}, the encoder (OTP's flatmap order) and {@code toString} use.
 */
final class FrozenTermMap extends AbstractMap<Term, Term> {

    /** Maps of up to this many keys are scanned: no index. */
    static final int LINEAR_MAX = 8;
    /** An insertion that probes more slots than this turns the hash table into the sorted index. */
    static final int MAX_PROBES = 64;

    static final FrozenTermMap EMPTY = new FrozenTermMap(new Term[0], 0, null);

    private final Term[] pairs;    // key 0, value 0, key 1, value 1 ...: at least 2 * size
    private final int size;
    private final int[] slots;       // the hash table: key number + 1, 0 for a free slot; null when there is none
    private final int[] slotHashes;  // the hash code of the key in each slot
    private volatile Term[] sorted;  // the pairs in map-key order, or null until asked for
    private volatile boolean deep;   // every map inside this one (keys and values) has its sorted pairs too
    private int hash;              // cached, 0 until computed

    private FrozenTermMap(Term[] pairs, int size, HashIndex index) {
        this.pairs = pairs;
        this.size = size;
        this.slots = index == null ? null : index.slots;
        this.slotHashes = index == null ? null : index.hashes;
    }

    /** The open-addressing table of a map's keys. */
    private record HashIndex(int[] slots, int[] hashes) {
    }

    /** A key that equals an earlier one: {@link #key} is its number (from 0), in the order given. */
    static final class DuplicateKey extends RuntimeException {
        final int key;

        DuplicateKey(int key) {
            super(null, null, false, false);
            this.key = key;
        }
    }

    /**
     * {@return the map of the first {@code size} keys and values of {@code pairs} (key, value, key, value
     * ...), which the caller hands over and never changes}
     *
     * @throws DuplicateKey if a key equals ({@code =:=}) an earlier one
     */
    static FrozenTermMap of(Term[] pairs, int size) {
        if (size == 0) {
            return EMPTY;
        }
        if (size <= LINEAR_MAX) {
            for (int i = 1; i < size; i++) {
                Term key = pairs[2 * i];
                for (int j = 0; j < i; j++) {
                    if (key.equals(pairs[2 * j])) {
                        throw new DuplicateKey(i);
                    }
                }
            }
            return new FrozenTermMap(pairs, size, null);
        }
        HashIndex index = index(pairs, size);
        FrozenTermMap map = new FrozenTermMap(pairs, size, index);
        if (index == null) {
            map.sortedIndex();
        }
        return map;
    }

    /** {@return a map of the entries of {@code entries}, in its iteration order} */
    static FrozenTermMap copyOf(Map<? extends Term, ? extends Term> entries) {
        if (entries instanceof FrozenTermMap frozen) {
            return frozen;
        }
        int n = entries.size();
        Term[] pairs = new Term[2 * n];
        int[] filled = {0};
        entries.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new NullPointerException("a map key or value is null");
            }
            if (filled[0] == 2 * n) {
                throw new IllegalStateException("the map grew while it was copied");
            }
            pairs[filled[0]++] = k;
            pairs[filled[0]++] = v;
        });
        if (filled[0] != 2 * n) {
            throw new IllegalStateException("the map shrank while it was copied");
        }
        try {
            return of(pairs, n);
        } catch (DuplicateKey e) {
            throw new IllegalArgumentException("duplicate key " + pairs[2 * e.key] + " (=:= an earlier key)");
        }
    }

    /** {@return the hash table of the keys, or null if an insertion probed too far} */
    private static HashIndex index(Term[] pairs, int size) {
        int capacity = Integer.highestOneBit(size * 2 - 1) << 1; // a power of two, at least twice the keys
        int mask = capacity - 1;
        int[] table = new int[capacity];
        int[] hashes = new int[capacity];
        for (int i = 0; i < size; i++) {
            Term key = pairs[2 * i];
            int h = key.hashCode();
            int slot = TermHash.spread(h) & mask;
            for (int probes = 0; table[slot] != 0; probes++) {
                if (probes == MAX_PROBES) {
                    return null;
                }
                if (hashes[slot] == h && key.equals(pairs[2 * (table[slot] - 1)])) {
                    throw new DuplicateKey(i);
                }
                slot = (slot + 1) & mask;
            }
            table[slot] = i + 1;
            hashes[slot] = h;
        }
        return new HashIndex(table, hashes);
    }

    /** Sorts the keys: the index when the hash table gave up. */
    private void sortedIndex() {
        int[] order = TermOrder.keyOrder(this);
        int duplicate = -1;
        for (int i = 1; i < order.length; i++) {
            if (TermOrder.MAP_KEYS.compare(pairs[2 * order[i - 1]], pairs[2 * order[i]]) == 0) {
                // Report the one given later, as a scan in the given order would.
                int later = Math.max(order[i - 1], order[i]);
                duplicate = duplicate < 0 ? later : Math.min(duplicate, later);
            }
        }
        if (duplicate >= 0) {
            throw new DuplicateKey(duplicate);
        }
        sorted = pairsIn(order);
    }

    /** {@return the pairs of the keys numbered in {@code order}, in that order} */
    Term[] pairsIn(int[] order) {
        Term[] inOrder = new Term[2 * order.length];
        for (int i = 0; i < order.length; i++) {
            inOrder[2 * i] = pairs[2 * order[i]];
            inOrder[2 * i + 1] = pairs[2 * order[i] + 1];
        }
        return inOrder;
    }

    // ---------------------------------------------------------------- look-ups

    /** {@return the value under the key equal to {@code key}, or null} */
    private Term lookup(Object key) {
        if (!(key instanceof Term term)) {
            return null;
        }
        if (slots != null) {
            int h = term.hashCode();
            int mask = slots.length - 1;
            for (int slot = TermHash.spread(h) & mask, s; (s = slots[slot]) != 0; slot = (slot + 1) & mask) {
                if (slotHashes[slot] == h && term.equals(pairs[2 * (s - 1)])) {
                    return pairs[2 * s - 1];
                }
            }
            return null;
        }
        if (size <= LINEAR_MAX) {
            for (int i = 0; i < size; i++) {
                if (term.equals(pairs[2 * i])) {
                    return pairs[2 * i + 1];
                }
            }
            return null;
        }
        return bisect(term);
    }

    /** The sorted index: bisection in map-key order. */
    private Term bisect(Term key) {
        Term[] inOrder = sorted;
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int c = TermOrder.MAP_KEYS.compare(inOrder[2 * middle], key);
            if (c < 0) {
                low = middle + 1;
            } else if (c > 0) {
                high = middle - 1;
            } else {
                return inOrder[2 * middle + 1];
            }
        }
        return null;
    }

    /**
     * {@return the number of the one key whose hash code is {@code h}, -1 if there is none, -2 if there
     * are several or this map cannot tell by hash codes alone} For equality without calling {@code equals}
     * on keys ({@link TermEquality}, which must not recurse).
     */
    int findByHash(int h) {
        int found = -1;
        if (slots != null) {
            int mask = slots.length - 1;
            for (int slot = TermHash.spread(h) & mask, s; (s = slots[slot]) != 0; slot = (slot + 1) & mask) {
                if (slotHashes[slot] == h) {
                    if (found >= 0) {
                        return -2;
                    }
                    found = s - 1;
                }
            }
            return found;
        }
        if (size > LINEAR_MAX) {
            return -2;
        }
        for (int i = 0; i < size; i++) {
            if (TermEquality.hash(pairs[2 * i]) == h) {
                if (found >= 0) {
                    return -2;
                }
                found = i;
            }
        }
        return found;
    }

    // ---------------------------------------------------------------- for the codec

    /** {@return key {@code i} (from 0), in the order given} */
    Term keyAt(int i) {
        return pairs[2 * i];
    }

    /** {@return value {@code i} (from 0), in the order given} */
    Term valueAt(int i) {
        return pairs[2 * i + 1];
    }

    /** {@return key, value, key, value ... in the order given (its first {@code 2 * size()}); never change it} */
    Term[] pairs() {
        return pairs;
    }

    /** {@return the pairs in map-key order, or null until {@link TermOrder#sortedPairs} made them} */
    Term[] sortedOrNull() {
        return sorted;
    }

    void sorted(Term[] inOrder) {
        sorted = inOrder;
    }

    boolean deep() {
        return deep;
    }

    void deep(boolean value) {
        deep = value;
    }

    /** {@return the cached hash code, or 0} */
    int cachedHash() {
        return hash;
    }

    void cachedHash(int h) {
        hash = h;
    }

    // ---------------------------------------------------------------- Map

    @Override
    public Term get(Object key) {
        return lookup(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return lookup(key) != null;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public void forEach(BiConsumer<? super Term, ? super Term> action) {
        for (int i = 0; i < size; i++) {
            action.accept(pairs[2 * i], pairs[2 * i + 1]);
        }
    }

    @Override
    public Set<Entry<Term, Term>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<Term, Term>> iterator() {
                return new Walk<>() {
                    @Override
                    Entry<Term, Term> at(int i) {
                        return new SimpleImmutableEntry<>(pairs[2 * i], pairs[2 * i + 1]);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    @Override
    public Set<Term> keySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Term> iterator() {
                return new Walk<>() {
                    @Override
                    Term at(int i) {
                        return pairs[2 * i];
                    }
                };
            }

            @Override
            public boolean contains(Object key) {
                return lookup(key) != null;
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** The entries in the order given, read-only. */
    private abstract class Walk<T> implements Iterator<T> {
        private int next;

        abstract T at(int i);

        @Override
        public boolean hasNext() {
            return next < size;
        }

        @Override
        public T next() {
            if (next >= size) {
                throw new NoSuchElementException();
            }
            return at(next++);
        }
    }
}
