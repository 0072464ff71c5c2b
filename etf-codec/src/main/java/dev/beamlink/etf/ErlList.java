package dev.beamlink.etf;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A non-empty Erlang list: its elements and its tail. A proper list ends in {@link Nil};
 * an improper one, such as {@code [1,2|t]}, ends in any other term that is not a list.
 * The empty list is {@link Nil}, never an {@code ErlList}.
 *
 * <p>The representation is canonical: a tail that is itself a non-empty list is folded into the
 * elements, so {@code [1|[2]]} and {@code [1,2]} are the same record.
 *
 * @param elements the elements, at least one (an immutable list)
 * @param tail     what follows the last element: {@link Nil} for a proper list
 */
public record ErlList(List<Term> elements, Term tail) implements Term {

    public ErlList {
        Objects.requireNonNull(tail, "tail");
        if (tail instanceof ErlList more) {
            List<Term> joined = new ArrayList<>(elements.size() + more.elements.size());
            joined.addAll(elements);
            joined.addAll(more.elements);
            elements = joined;
            tail = more.tail;
        }
        elements = TermArrayList.immutable(elements);
        if (elements.isEmpty()) {
            throw new IllegalArgumentException("a list with no elements is Nil, not an ErlList");
        }
    }

    /** {@return the proper list of these elements} */
    public static ErlList of(Term first, Term... rest) {
        List<Term> elements = new ArrayList<>(1 + rest.length);
        elements.add(first);
        elements.addAll(List.of(rest));
        return new ErlList(elements, Nil.NIL);
    }

    /** {@return the proper list of {@code elements}: {@link Nil} when there are none} */
    public static Term from(List<? extends Term> elements) {
        return elements.isEmpty() ? Nil.NIL : new ErlList(TermArrayList.copyOf(elements.toArray(new Term[0])), Nil.NIL);
    }

    /** {@return the Erlang string (a list of code points) for {@code text}: {@link Nil} when it is empty} */
    public static Term ofString(String text) {
        return from(text.codePoints().mapToObj(c -> (Term) Int.of(c)).toList());
    }

    /** {@return whether the list ends in {@link Nil}} */
    public boolean isProper() {
        return tail instanceof Nil;
    }

    /**
     * {@return the text, when this is a proper list of Unicode code points (an Erlang string)}
     */
    public Optional<String> asString() {
        if (!isProper()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder(elements.size());
        for (Term element : elements) {
            if (!(element instanceof Int(long c)) || c < 0 || c > Character.MAX_CODE_POINT
                    || (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)) {
                return Optional.empty();
            }
            text.appendCodePoint((int) c);
        }
        return Optional.of(text.toString());
    }

    /** {@return whether {@code other} is a list of the same elements and tail ({@code =:=}); iterative, so any depth} */
    @Override
    public boolean equals(Object other) {
        return other instanceof ErlList that && TermEquality.equal(this, that);
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
