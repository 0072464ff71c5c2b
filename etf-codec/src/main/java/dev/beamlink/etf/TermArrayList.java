package dev.beamlink.etf;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An immutable list over an array of terms that no one else holds: the element list of every tuple, list
 * and fun. The decoder builds them on its arrays, so that the records need not copy their elements again,
 * and the encoder reads the array itself ({@link #itemsOf}), one class of list at every call site. It
 * caches the hash of its elements for {@link TermEquality}.
 */
final class TermArrayList extends AbstractList<Term> implements RandomAccess {

    private final Term[] items;
    private final int size;
    private int hash;  // the seeded hash of the elements (TermEquality), 0 until computed

    private TermArrayList(Term[] items, int size) {
        this.items = items;
        this.size = size;
    }

    /** {@return a list over the first {@code size} items, which the caller hands over and never changes} */
    static List<Term> adopt(Term[] items, int size) {
        return new TermArrayList(items, size);
    }

    /**
     * {@return {@code elements} if it is already one of these, else one over a copy}
     *
     * @throws NullPointerException if an element is null
     */
    static List<Term> immutable(List<Term> elements) {
        return elements instanceof TermArrayList ? elements : copyOf(elements.toArray(new Term[0]));
    }

    /** {@return one over {@code items}, which the caller hands over, checked for nulls} */
    static List<Term> copyOf(Term[] items) {
        for (Term item : items) {
            Objects.requireNonNull(item, "element");
        }
        return new TermArrayList(items, items.length);
    }

    /**
     * {@return the array behind {@code elements} (its first {@code elements.size()} items; read it, never change
     * it), or, for any other list, a copy}
     */
    static Term[] itemsOf(List<Term> elements) {
        return elements instanceof TermArrayList list ? list.items : elements.toArray(new Term[0]);
    }

    /** {@return the cached hash of the elements, or 0} */
    int cachedHash() {
        return hash;
    }

    void cachedHash(int h) {
        hash = h;
    }

    @Override
    public Term get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " out of bounds for length " + size);
        }
        return items[index];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Object[] toArray() {
        return Arrays.copyOf(items, size, Object[].class);
    }
}
