package dev.beamlink.etf.mapping;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/** A record as an Erlang record: the tuple {@code {tag, Component1, ...}}, the default. */
final class TupleRecordCodec extends RecordCodec {

    private static final MethodHandle TUPLE_OF;  // (Term[])Tuple
    private static final MethodHandle TUPLE_GET; // (Tuple, int)Term

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TUPLE_OF = lookup.findStatic(Tuple.class, "of", MethodType.methodType(Tuple.class, Term[].class));
            TUPLE_GET = lookup.findVirtual(Tuple.class, "get", MethodType.methodType(Term.class, int.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Atom tag;
    private final String expected;

    TupleRecordCodec(Parts parts, Atom tag) {
        super(parts, MethodHandles.insertArguments(TUPLE_OF.asCollector(Term[].class, parts.keys().length + 1), 0, tag),
                i -> MethodHandles.insertArguments(TUPLE_GET, 1, i + 1), Tuple.class);
        this.tag = tag;
        this.expected = keys.length == 0 ? "the record tuple {" + tag + "}"
                : "a record tuple {" + tag + ", ...} of " + (keys.length + 1) + " elements";
    }

    /** {@return the tuple's size: the tag and the components} */
    int arity() {
        return keys.length + 1;
    }

    @Override
    Object decode(Term term, Mismatch why) {
        if (!(term instanceof Tuple tuple) || tuple.size() != keys.length + 1 || !tag.equals(tuple.get(0))) {
            return mismatch(term, why);
        }
        if (why == null) {
            return compiled.decode(tuple);
        }
        return decodeSaying(tuple.elements().subList(1, tuple.size()).toArray(new Term[0]), term, why);
    }

    @Override
    String expected() {
        return expected;
    }
}
