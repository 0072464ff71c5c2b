package dev.beamlink.etf.mapping;

import dev.beamlink.etf.Binary;
import dev.beamlink.etf.Term;

/** {@code byte[]}: a binary, copied both ways (an array is mutable, a binary is not). */
final class BytesCodec extends Codec {

    @Override
    Term encode(Object value) {
        if (!(value instanceof byte[] bytes)) {
            throw wrongValue(value);
        }
        return Binary.of(bytes);
    }

    @Override
    Object decode(Term term, Mismatch why) {
        return term instanceof Binary binary ? binary.toByteArray() : mismatch(term, why);
    }

    @Override
    String expected() {
        return "a binary (a byte[])";
    }
}
