package dev.beamlink.etf.mapping;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Term;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.util.function.IntFunction;

/**
 * A record: written and read by its {@link RecordCompiler compiled} functions, through its accessors and
 * canonical constructor, which is called only once every component has been read (never a half-built record). The
 * shape of the term is the subclass's: it checks the shape, and gives the compiler how to assemble the term and
 * where each component's term is. Asked why a term does not fit, a subclass reads it again here, one component at
 * a time, to find the first that does not.
 */
abstract sealed class RecordCodec extends Codec permits TupleRecordCodec, MapRecordCodec, KeywordRecordCodec {

    /**
     * What a record mapping is made of, prepared by {@link Preparer}.
     *
     * @param type        the record class
     * @param names       the components' Java names
     * @param keys        the components' atoms (keys in maps, structs and keyword lists)
     * @param codecs      the components' mappings
     * @param accessors   the accessors, each {@code (R)X}
     * @param constructor the canonical constructor, {@code (X1, ...)R}
     */
    record Parts(Class<?> type, String[] names, Atom[] keys, Codec[] codecs, MethodHandle[] accessors,
                 MethodHandle constructor) {
    }

    final Class<?> type;
    final Atom[] keys;
    final Codec[] codecs;
    final RecordFunctions compiled;
    private final String[] segments;
    private final MethodHandle spreadConstructor; // (Object[])Object, for the reading that says why

    /** See {@link RecordCompiler#compile} for {@code assemble}, {@code source} and {@code sourceType}. */
    RecordCodec(Parts parts, MethodHandle assemble, IntFunction<MethodHandle> source, Class<?> sourceType) {
        this.type = parts.type();
        this.keys = parts.keys();
        this.codecs = parts.codecs();
        this.segments = new String[keys.length];
        for (int i = 0; i < segments.length; i++) {
            segments[i] = "." + parts.names()[i];
        }
        this.spreadConstructor = parts.constructor().asType(MethodType.genericMethodType(keys.length))
                .asSpreader(Object[].class, keys.length);
        this.compiled = RecordCompiler.compile(parts, assemble, source, sourceType);
    }

    @Override
    final Term encode(Object value) {
        if (value == null || value.getClass() != type) {
            throw wrongValue(value);
        }
        return compiled.encode(value);
    }

    /**
     * {@return the value of component {@code i} read from {@code term}, or, when {@code term} is null (its key is
     * missing from {@code whole}), its absent value; {@link #NO_MATCH} if neither fits, said in {@code why}}
     */
    final Object decodeComponent(int i, Term term, Term whole, Mismatch why) {
        if (term == null) {
            Object absent = codecs[i].absent();
            if (absent == NO_MATCH) {
                why.fail(expected() + ", with the key " + keys[i], whole, null);
            }
            return absent;
        }
        Object value = codecs[i].decode(term, why);
        if (value == NO_MATCH) {
            why.within(segments[i]);
        }
        return value;
    }

    /**
     * {@return the record of the component terms {@code terms} (null where missing), read one at a time; or
     * {@link #NO_MATCH}, with why in {@code why}}
     */
    final Object decodeSaying(Term[] terms, Term whole, Mismatch why) {
        Object[] values = new Object[terms.length];
        for (int i = 0; i < values.length; i++) {
            Object value = decodeComponent(i, terms[i], whole, why);
            if (value == NO_MATCH) {
                return NO_MATCH;
            }
            values[i] = value;
        }
        try {
            return (Object) spreadConstructor.invokeExact(values);
        } catch (Error e) {
            throw e;
        } catch (Throwable refused) {
            return why.fail("values the constructor of " + type.getSimpleName() + " accepts", whole, refused);
        }
    }

    /** {@return the record's name, for the messages of unions} */
    final String simpleName() {
        return type.getSimpleName();
    }
}
