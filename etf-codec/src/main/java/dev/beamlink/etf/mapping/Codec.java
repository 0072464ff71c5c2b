package dev.beamlink.etf.mapping;

import dev.beamlink.etf.Term;

/**
 * The prepared mapping of one Java type: made once by {@link Preparer}, then shared by every thread (immutable).
 *
 * <p>Decoding does not throw on a term that does not fit: it returns {@link #NO_MATCH}, so that a selective
 * receive that tries a type on many terms pays for no exception. When asked why ({@code why} not null), it also
 * records the expected shape, the term found and the path into a {@link Mismatch}; {@link TermMapper} asks that
 * second time only once the first has failed, so the path costs nothing when terms fit.
 */
abstract sealed class Codec
        permits IntegerCodec, FloatCodec, BooleanCodec, BigIntegerCodec, StringCodec, CharlistCodec, BytesCodec,
                TermCodec, DynamicCodec, EnumCodec, ListCodec, MapCodec, AtomTextCodec, AbsentCodec,
                RecordCodec, UnionCodec {

    /** What {@link #decode} returns for a term that does not fit: never a value of a mapped type. */
    static final Object NO_MATCH = new Object();

    /**
     * {@return the term for {@code value}}
     *
     * @throws TermMappingException if the value has no term of this mapping (null where none may be, NaN, a value
     *                              of another class than the type says)
     */
    abstract Term encode(Object value);

    /** {@return the value for {@code term}, or {@link #NO_MATCH}, described in {@code why} when that is not null} */
    abstract Object decode(Term term, Mismatch why);

    /** {@return the shape this mapping reads, for messages: {@code an integer in 0..255}} */
    abstract String expected();

    /** {@return the value of a map key or keyword that is missing: {@link #NO_MATCH} unless it may be absent} */
    Object absent() {
        return NO_MATCH;
    }

    /** {@return {@link #NO_MATCH}, and {@code term} with {@link #expected()} recorded when {@code why} is asked} */
    final Object mismatch(Term term, Mismatch why) {
        return why == null ? NO_MATCH : why.fail(expected(), term, null);
    }

    /** {@return {@link #NO_MATCH}, and that the term at {@code segment} is not {@code expected} when {@code why} is asked} */
    static Object mismatchAt(String segment, String expected, Term found, Mismatch why) {
        if (why == null) {
            return NO_MATCH;
        }
        why.fail(expected, found, null);
        return why.within(segment);
    }

    /** {@return the exception for a Java value that is not what this mapping writes} */
    final TermMappingException wrongValue(Object value) {
        return new TermMappingException("a value that maps to " + expected(), describe(value), null);
    }

    /** {@return a Java value as a message names it: its class, and its value for numbers and booleans} */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String type = value.getClass().getName();
        return value instanceof Number || value instanceof Boolean || value instanceof Character
                ? value + " (" + type + ")" : "a " + type;
    }
}
