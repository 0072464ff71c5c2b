package dev.beamlink.etf.mapping;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;

/** A record as an Erlang record: the tuple {@code {tag, Component1, ...}}, the default. */
final class TupleRecordCodec extends RecordCodec {

    final Atom tag;
    private final String expected;

    TupleRecordCodec(Parts parts, Atom tag) {
        super(parts);
        this.tag = tag;
        this.expected = keys.length == 0 ? "the record tuple {" + tag + "}"
                : "a record tuple {" + tag + ", ...} of " + (keys.length + 1) + " elements";
    }

    /** {@return the tuple's size: the tag and the components} */
    int arity() {
        return keys.length + 1;
    }

    @Override
    Term encode(Object value) {
        checkType(value);
        Term[] items = new Term[keys.length + 1];
        items[0] = tag;
        for (int i = 0; i < keys.length; i++) {
            items[i + 1] = encodeComponent(i, component(i, value));
        }
        return Tuple.of(items);
    }

    @Override
    Object decode(Term term, Mismatch why) {
        if (!(term instanceof Tuple tuple) || tuple.size() != keys.length + 1 || !tag.equals(tuple.get(0))) {
            return mismatch(term, why);
        }
        Object[] values = new Object[keys.length];
        for (int i = 0; i < values.length; i++) {
            Object value = decodeComponent(i, tuple.get(i + 1), term, why);
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
