package dev.beamlink.etf.mapping;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Nil;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link KeywordList} {@code Map<K, V>}: {@code [{Key, Value}, ...]} with atom keys. {@code K} is a
 * {@code String} (the atom's text: read without making an atom), an {@link Atom}, or an enum. The first pair of a
 * key counts, as {@code Keyword.get/2} says.
 */
final class KeywordMapCodec extends Codec {

    /** What each element of a keyword list is. */
    static final String PAIR = "a pair {atom, Value}";

    private final Codec key; // an atom codec: TermCodec(Atom), EnumCodec, or null for String keys
    private final Codec value;

    /** @param key the codec of atom keys ({@link Atom} or an enum), or null when the keys are {@code String}s */
    KeywordMapCodec(Codec key, Codec value) {
        this.key = key;
        this.value = value;
    }

    @Override
    Term encode(Object map) {
        if (!(map instanceof Map<?, ?> entries)) {
            throw wrongValue(map);
        }
        List<Term> pairs = new ArrayList<>(entries.size());
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            Term k = encodeKey(entry.getKey(), pairs.size());
            try {
                pairs.add(Tuple.of(k, value.encode(entry.getValue())));
            } catch (TermMappingException e) {
                throw e.within(MapCodec.keySegment(k));
            }
        }
        return ErlList.from(pairs);
    }

    private Term encodeKey(Object k, int index) {
        try {
            if (key != null) {
                return key.encode(k);
            }
            if (!(k instanceof String text)) {
                throw wrongKey(k, null);
            }
            try {
                return Atom.of(text);
            } catch (IllegalArgumentException tooLong) {
                throw wrongKey(k, tooLong);
            }
        } catch (TermMappingException e) {
            throw e.within("[key #" + index + "]");
        }
    }

    private static TermMappingException wrongKey(Object k, Throwable cause) {
        return new TermMappingException("a String of at most 255 characters (a keyword's atom)", describe(k), cause);
    }

    @Override
    Object decode(Term term, Mismatch why) {
        if (term instanceof Nil) {
            return Map.of();
        }
        if (!(term instanceof ErlList list) || !list.isProper()) {
            return mismatch(term, why);
        }
        Map<Object, Object> values = new LinkedHashMap<>();
        List<Term> items = list.elements();
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof Tuple pair) || pair.size() != 2 || !(pair.get(0) instanceof Atom atom)) {
                return mismatchAt("[" + i + "]", PAIR, items.get(i), why);
            }
            Object k = key == null ? atom.text() : key.decode(atom, why);
            if (k == NO_MATCH) {
                return why == null ? NO_MATCH : why.within("[key " + Term.format(atom, MapCodec.KEY_PRINT_LIMIT) + "]");
            }
            if (values.containsKey(k)) {
                continue;
            }
            Object v = value.decode(pair.get(1), why);
            if (v == NO_MATCH) {
                return why == null ? NO_MATCH : why.within(MapCodec.keySegment(atom));
            }
            values.put(k, v);
        }
        return Collections.unmodifiableMap(values);
    }

    @Override
    String expected() {
        return "a keyword list (a proper list of {atom, Value} pairs)";
    }
}
