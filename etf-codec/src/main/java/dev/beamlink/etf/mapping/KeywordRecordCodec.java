package dev.beamlink.etf.mapping;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Nil;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link KeywordList} record: {@code [{key, Value}, ...]}, a pair a component in their order, an absent one left
 * out. Reading, the first pair of a key counts and keys the record has no component for are ignored.
 */
final class KeywordRecordCodec extends RecordCodec {

    private final Map<Atom, Integer> indexByKey = new HashMap<>();
    private final String expected;

    KeywordRecordCodec(Parts parts) {
        super(parts);
        StringBuilder keyList = new StringBuilder();
        for (int i = 0; i < keys.length; i++) {
            indexByKey.put(keys[i], i);
            keyList.append(i == 0 ? "" : ", ").append(keys[i]);
        }
        this.expected = keys.length == 0 ? "a keyword list" : "a keyword list of " + keyList;
    }

    @Override
    Term encode(Object value) {
        checkType(value);
        List<Term> pairs = new ArrayList<>(keys.length);
        for (int i = 0; i < keys.length; i++) {
            Object component = component(i, value);
            if (!(codecs[i] instanceof AbsentCodec absent && absent.isAbsent(component))) {
                pairs.add(Tuple.of(keys[i], encodeComponent(i, component)));
            }
        }
        return ErlList.from(pairs);
    }

    @Override
    Object decode(Term term, Mismatch why) {
        List<Term> items;
        if (term instanceof Nil) {
            items = List.of();
        } else if (term instanceof ErlList list && list.isProper()) {
            items = list.elements();
        } else {
            return mismatch(term, why);
        }
        Term[] found = new Term[keys.length];
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof Tuple pair) || pair.size() != 2 || !(pair.get(0) instanceof Atom key)) {
                return mismatchAt("[" + i + "]", KeywordMapCodec.PAIR, items.get(i), why);
            }
            Integer index = indexByKey.get(key);
            if (index != null && found[index] == null) {
                found[index] = pair.get(1);
            }
        }
        Object[] values = new Object[keys.length];
        for (int i = 0; i < values.length; i++) {
            Object value = decodeComponent(i, found[i], term, why);
            if (value == NO_MATCH) {
                return NO_MATCH;
            }
            values[i] = value;
        }
        return construct(values, term, why);
    }

    @Override
    String expected() {
        return expected;
    }
}
