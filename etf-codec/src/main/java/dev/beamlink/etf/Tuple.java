package dev.beamlink.etf;

import java.util.List;

/**
 * An Erlang tuple.
 *
 * @param elements the elements, in order (an immutable list)
 */
public record Tuple(List<Term> elements) implements Term {

    /** The empty tuple {@code {}}. */
    public static final Tuple EMPTY = new Tuple(List.of());

    public Tuple {
        elements = TermArrayList.immutable(elements);
    }

    /** {@return the tuple of these elements} */
    public static Tuple of(Term... elements) {
        return new Tuple(TermArrayList.copyOf(elements.clone()));
    }

    /** {@return the number of elements} */
    public int size() {
        return elements.size();
    }

    /** {@return the element at {@code index}, counting from 0 (Erlang's element/2 counts from 1)} */
    public Term get(int index) {
        return elements.get(index);
    }

    /** {@return whether this is a tuple of {@code size} elements whose first is {@code tag}} */
    public boolean isTagged(Atom tag, int size) {
        return elements.size() == size && size > 0 && elements.get(0).equals(tag);
    }

    /** {@return whether {@code other} is a tuple of the same elements ({@code =:=}); iterative, so any depth} */
    @Override
    public boolean equals(Object other) {
        return other instanceof Tuple that && TermEquality.equal(this, that);
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
