package dev.beamlink.etf;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * An immutable list over an array of terms that no one else holds: what the decoder builds tuples
 * and lists on, so that the records need not copy their elements again.
 */
final class TermArrayList extends AbstractList<Term> implements RandomAccess {

    private final Term[] items;
    private final int size;

    private TermArrayList(Term[] items, int size) {
        this.items = items;
        this.size = size;
    }

    /** {@return a list over the first {@code size} items, which the caller hands over and never changes} */
    static List<Term> adopt(Term[] items, int size) {
        return new TermArrayList(items, size);
    }

    /** {@return {@code elements} if it is already one of these, else an immutable copy} */
    static List<Term> immutable(List<Term> elements) {
        return elements instanceof TermArrayList ? elements : List.copyOf(elements);
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
