package dev.beamlink.etf.mapping;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.ErlMap;
import dev.beamlink.etf.Nil;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code Map<K, V>}: an Erlang map, keys of any mapped type; or, {@link KeywordList}, a keyword list
 * {@code [{Key, Value}, ...]} whose keys are atoms ({@code K} a {@code String}, an {@link Atom} or an enum), the
 * first pair of a key counting, as {@code Keyword.get/2} says. Read into an unmodifiable map.
 */
final class MapCodec extends Codec {

    /** The most characters of a key printed in a path. */
    static final int KEY_PRINT_LIMIT = 40;

    /** What each element of a keyword list is. */
    static final String PAIR = "a pair {atom, Value}";

    private final Codec key;
    private final Codec value;
    private final boolean keywords;

    /** @param keywords whether the term is a keyword list (with atom keys), not a map */
    MapCodec(Codec key, Codec value, boolean keywords) {
        this.key = key;
        this.value = value;
        this.keywords = keywords;
    }

    @Override
    Term encode(Object map) {
        if (!(map instanceof Map<?, ?> entries)) {
            throw wrongValue(map);
        }
        Map<Term, Term> terms = new LinkedHashMap<>();
        List<Term> pairs = new ArrayList<>(keywords ? entries.size() : 0);
        int index = 0;
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            Term k;
            try {
                k = key.encode(entry.getKey());
            } catch (TermMappingException e) {
                throw e.within("[key #" + index + "]");
            }
            Term v;
            try {
                v = value.encode(entry.getValue());
            } catch (TermMappingException e) {
                throw e.within(keySegment(k));
            }
            if (keywords) {
                pairs.add(Tuple.of(k, v));
            } else {
                terms.put(k, v);
            }
            index++;
        }
        return keywords ? ErlList.from(pairs) : new ErlMap(terms);
    }

    /** {@return the path segment of the value under {@code key}: {@code [<<"sku-1">>]}} */
    static String keySegment(Term key) {
        return "[" + Term.format(key, KEY_PRINT_LIMIT) + "]";
    }

    @Override
    Object decode(Term term, Mismatch why) {
        Map<Object, Object> values = new LinkedHashMap<>();
        if (!keywords && term instanceof ErlMap map) {
            for (Map.Entry<Term, Term> entry : map.entries().entrySet()) {
                if (decodeEntry(entry.getKey(), entry.getValue(), values, why) == NO_MATCH) {
                    return NO_MATCH;
                }
            }
        } else if (keywords && (term instanceof Nil || term instanceof ErlList list && list.isProper())) {
            List<Term> items = term instanceof ErlList list ? list.elements() : List.of();
            for (int i = 0; i < items.size(); i++) {
                if (!(items.get(i) instanceof Tuple pair) || pair.size() != 2 || !(pair.get(0) instanceof Atom)) {
                    return mismatchAt("[" + i + "]", PAIR, items.get(i), why);
                }
                if (decodeEntry(pair.get(0), pair.get(1), values, why) == NO_MATCH) {
                    return NO_MATCH;
                }
            }
        } else {
            return mismatch(term, why);
        }
        return Collections.unmodifiableMap(values);
    }

    /** Reads an entry into {@code values}, unless its key is there already. {@return NO_MATCH if it does not fit} */
    private Object decodeEntry(Term keyTerm, Term valueTerm, Map<Object, Object> values, Mismatch why) {
        Object k = key.decode(keyTerm, why);
        if (k == NO_MATCH) {
            return why == null ? NO_MATCH : why.within("[key " + Term.format(keyTerm, KEY_PRINT_LIMIT) + "]");
        }
        if (values.containsKey(k)) {
            return null; // a keyword list's first pair of a key counts
        }
        Object v = value.decode(valueTerm, why);
        if (v == NO_MATCH) {
            return why == null ? NO_MATCH : why.within(keySegment(keyTerm));
        }
        values.put(k, v);
        return null;
    }

    @Override
    String expected() {
        return keywords ? "a keyword list (a proper list of {atom, Value} pairs)" : "a map";
    }
}
