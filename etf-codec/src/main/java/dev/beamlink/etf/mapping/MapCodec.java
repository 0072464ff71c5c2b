package dev.beamlink.etf.mapping;

import dev.beamlink.etf.ErlMap;
import dev.beamlink.etf.Term;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code Map<K, V>}: an Erlang map, keys of any mapped type. Read into an unmodifiable map. */
final class MapCodec extends Codec {

    /** The most characters of a key printed in a path. */
    static final int KEY_PRINT_LIMIT = 40;

    private final Codec key;
    private final Codec value;

    MapCodec(Codec key, Codec value) {
        this.key = key;
        this.value = value;
    }

    @Override
    Term encode(Object map) {
        if (!(map instanceof Map<?, ?> entries)) {
            throw wrongValue(map);
        }
        Map<Term, Term> terms = new LinkedHashMap<>();
        int index = 0;
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            Term k;
            try {
                k = key.encode(entry.getKey());
            } catch (TermMappingException e) {
                throw e.within("[key #" + index + "]");
            }
            try {
                terms.put(k, value.encode(entry.getValue()));
            } catch (TermMappingException e) {
                throw e.within(keySegment(k));
            }
            index++;
        }
        return new ErlMap(terms);
    }

    /** {@return the path segment of the value under {@code key}: {@code [<<"sku-1">>]}} */
    static String keySegment(Term key) {
        return "[" + Term.format(key, KEY_PRINT_LIMIT) + "]";
    }

    @Override
    Object decode(Term term, Mismatch why) {
        if (!(term instanceof ErlMap map)) {
            return mismatch(term, why);
        }
        Map<Object, Object> values = new LinkedHashMap<>();
        for (Map.Entry<Term, Term> entry : map.entries().entrySet()) {
            Object k = key.decode(entry.getKey(), why);
            if (k == NO_MATCH) {
                return why == null ? NO_MATCH : why.within("[key " + Term.format(entry.getKey(), KEY_PRINT_LIMIT) + "]");
            }
            Object v = value.decode(entry.getValue(), why);
            if (v == NO_MATCH) {
                return why == null ? NO_MATCH : why.within(keySegment(entry.getKey()));
            }
            values.put(k, v);
        }
        return Collections.unmodifiableMap(values);
    }

    @Override
    String expected() {
        return "a map";
    }
}
