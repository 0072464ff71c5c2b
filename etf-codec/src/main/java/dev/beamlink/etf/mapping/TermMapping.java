package dev.beamlink.etf.mapping;

import dev.beamlink.etf.Term;
import java.lang.reflect.Type;
import java.util.Optional;

/**
 * The prepared mapping of one Java type to and from terms, from {@link TermMapper#mapping(Class)}: immutable and
 * thread-safe, to keep (a node holds one for each type it receives). Mapping does no reflection: the type's
 * accessors, constructor and atoms were resolved when it was prepared.
 *
 * @param <T> the Java type
 */
public final class TermMapping<T> {

    private final Type type;
    private final Codec codec;

    TermMapping(Type type, Codec codec) {
        this.type = type;
        this.codec = codec;
    }

    /** {@return the Java type mapped} */
    public Type type() {
        return type;
    }

    /**
     * {@return the term of {@code value}}
     *
     * @throws TermMappingException if the value has no term (a null where none may be, a NaN...), naming where
     */
    public Term toTerm(T value) {
        return encode(codec, value, type);
    }

    /**
     * {@return the value that {@code term} maps to}
     *
     * @throws TermMappingException if the term does not fit the type, naming where, what was expected and the
     *                              term found
     */
    public T fromTerm(Term term) {
        return cast(decode(codec, term, type));
    }

    /**
     * {@return the value that {@code term} maps to, or empty if it does not fit}: for a selective receive, which
     * tries many terms; a term that does not fit costs no exception. Empty for a null term.
     */
    public Optional<T> tryFromTerm(Term term) {
        Object value = term == null ? Codec.NO_MATCH : codec.decode(term, null);
        return value == Codec.NO_MATCH ? Optional.empty() : Optional.of(cast(value));
    }

    @SuppressWarnings("unchecked")
    private T cast(Object value) {
        return (T) value; // the codec of T makes only values of T
    }

    @Override
    public String toString() {
        return "TermMapping<" + type.getTypeName() + ">";
    }

    /** {@return the term of {@code value} by {@code codec}, a failure's path starting at {@code root}'s name} */
    static Term encode(Codec codec, Object value, Type root) {
        try {
            return codec.encode(value);
        } catch (TermMappingException e) {
            throw e.within(Names.typeName(root));
        }
    }

    /** {@return the value of {@code term} by {@code codec}} @throws TermMappingException if it does not fit */
    static Object decode(Codec codec, Term term, Type root) {
        if (term == null) {
            throw new TermMappingException(codec.expected(), "null (no term)", null).within(Names.typeName(root));
        }
        Object value = codec.decode(term, null);
        if (value != Codec.NO_MATCH) {
            return value;
        }
        // Once more, asking why: the path and the shapes are made only now that it has failed.
        Mismatch why = new Mismatch();
        value = codec.decode(term, why);
        if (value != Codec.NO_MATCH) {
            return value; // a constructor that refused once and accepted now
        }
        why.within(Names.typeName(root));
        throw why.exception();
    }
}
