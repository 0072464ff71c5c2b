package dev.beamlink.etf.mapping;

import dev.beamlink.etf.Term;

/**
 * {@code Object} (and a raw or unbound type parameter): written by the mapping of the value's own class, read as
 * the {@link Term} itself, since a term alone does not say which Java type it was made from.
 */
final class DynamicCodec extends Codec {

    private final TermMapper mapper;

    DynamicCodec(TermMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    Term encode(Object value) {
        if (value == null) {
            throw wrongValue(null);
        }
        Codec codec;
        try {
            codec = mapper.codecOfClass(value.getClass());
        } catch (IllegalArgumentException unmapped) {
            throw new TermMappingException("a value of a type the mapper can map", describe(value), unmapped);
        }
        if (codec instanceof DynamicCodec) {
            // A value whose own class says no more than Object (new Object()): no mapping, and no looking again.
            throw new TermMappingException("a value of a type the mapper can map", describe(value), null);
        }
        return codec.encode(value);
    }

    @Override
    Object decode(Term term, Mismatch why) {
        return term;
    }

    @Override
    String expected() {
        return "a value of a type the mapper can map";
    }
}
