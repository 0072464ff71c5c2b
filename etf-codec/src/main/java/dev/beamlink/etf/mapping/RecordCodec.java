package dev.beamlink.etf.mapping;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Term;
import java.lang.invoke.MethodHandle;

/**
 * A record: its components' values through method handles on its accessors, made once, and a new record through
 * its canonical constructor, only once every component has been read (never a half-built record). The shape of the
 * term is the subclass's.
 */
abstract sealed class RecordCodec extends Codec permits TupleRecordCodec, MapRecordCodec, KeywordRecordCodec {

    /**
     * What a record mapping is made of, prepared by {@link Preparer}.
     *
     * @param type        the record class
     * @param names       the components' Java names
     * @param keys        the components' atoms (keys in maps, structs and keyword lists)
     * @param codecs      the components' mappings
     * @param getters     the accessors, each {@code (Object)Object}
     * @param constructor the canonical constructor, {@code (Object[])Object}
     */
    record Parts(Class<?> type, String[] names, Atom[] keys, Codec[] codecs, MethodHandle[] getters,
                 MethodHandle constructor) {
    }

    final Class<?> type;
    final Atom[] keys;
    final Codec[] codecs;
    private final String[] segments;
    private final MethodHandle[] getters;
    private final MethodHandle constructor;

    RecordCodec(Parts parts) {
        this.type = parts.type();
        this.keys = parts.keys();
        this.codecs = parts.codecs();
        this.getters = parts.getters();
        this.constructor = parts.constructor();
        this.segments = new String[keys.length];
        for (int i = 0; i < segments.length; i++) {
            segments[i] = "." + parts.names()[i];
        }
    }

    /** @throws TermMappingException if {@code value} is not of this record's class */
    final void checkType(Object value) {
        if (value == null || value.getClass() != type) {
            throw wrongValue(value);
        }
    }

    /** {@return component {@code i} of {@code record}, unmapped} */
    final Object component(int i, Object record) {
        try {
            return (Object) getters[i].invokeExact(record);
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            throw new TermMappingException("the value of the accessor", "an exception thrown by it", e).within(segments[i]);
        }
    }

    /** {@return the term of component {@code i} whose value is {@code value}} */
    final Term encodeComponent(int i, Object value) {
        try {
            return codecs[i].encode(value);
        } catch (TermMappingException e) {
            throw e.within(segments[i]);
        }
    }

    /**
     * {@return the value of component {@code i} read from {@code term}, or, when {@code term} is null (its key is
     * missing from {@code whole}), its absent value; {@link #NO_MATCH} if neither fits}
     */
    final Object decodeComponent(int i, Term term, Term whole, Mismatch why) {
        if (term == null) {
            Object absent = codecs[i].absent();
            if (absent == NO_MATCH && why != null) {
                why.fail(expected() + ", with the key " + keys[i], whole, null);
            }
            return absent;
        }
        Object value = codecs[i].decode(term, why);
        if (value == NO_MATCH && why != null) {
            why.within(segments[i]);
        }
        return value;
    }

    /** {@return a new record of {@code values}, or {@link #NO_MATCH} if its constructor refuses them} */
    final Object construct(Object[] values, Term term, Mismatch why) {
        try {
            return (Object) constructor.invokeExact(values);
        } catch (Error e) {
            throw e;
        } catch (Throwable refused) {
            return why == null ? NO_MATCH
                    : why.fail("values the constructor of " + type.getSimpleName() + " accepts", term, refused);
        }
    }

    /** {@return the record's name, for the messages of unions} */
    final String simpleName() {
        return type.getSimpleName();
    }
}
