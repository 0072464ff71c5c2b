package dev.beamlink.etf.mapping;

import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Nil;
import dev.beamlink.etf.Term;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code List<E>} and {@code Set<E>}: a proper list, {@code []} when empty. Read into an unmodifiable list, or an
 * unmodifiable set in the list's order (equal elements collapse into one).
 */
final class ListCodec extends Codec {

    private final Codec element;
    private final boolean set;

    ListCodec(Codec element, boolean set) {
        this.element = element;
        this.set = set;
    }

    @Override
    Term encode(Object value) {
        if (!(set ? value instanceof Set : value instanceof List)) {
            throw wrongValue(value);
        }
        Object[] elements = ((Collection<?>) value).toArray();
        if (elements.length == 0) {
            return Nil.NIL;
        }
        Term[] items = new Term[elements.length];
        int i = 0;
        try {
            for (; i < elements.length; i++) {
                items[i] = element.encode(elements[i]);
            }
        } catch (TermMappingException e) {
            throw e.within("[" + i + "]");
        }
        return ErlList.from(Arrays.asList(items));
    }

    @Override
    Object decode(Term term, Mismatch why) {
        if (term instanceof Nil) {
            return set ? Set.of() : List.of();
        }
        if (!(term instanceof ErlList list) || !list.isProper()) {
            return mismatch(term, why);
        }
        List<Term> items = list.elements();
        Object[] values = new Object[items.size()];
        for (int i = 0; i < values.length; i++) {
            Object value = element.decode(items.get(i), why);
            if (value == NO_MATCH) {
                return why == null ? NO_MATCH : why.within("[" + i + "]");
            }
            values[i] = value;
        }
        List<Object> inOrder = Arrays.asList(values);
        return set ? Collections.unmodifiableSet(new LinkedHashSet<>(inOrder)) : Collections.unmodifiableList(inOrder);
    }

    @Override
    String expected() {
        return set ? "a proper list (for a Set)" : "a proper list";
    }
}
