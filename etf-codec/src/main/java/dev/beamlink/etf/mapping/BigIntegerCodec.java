package dev.beamlink.etf.mapping;

import dev.beamlink.etf.BigInt;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Term;
import java.math.BigInteger;

/** {@link BigInteger}: an integer of any size. */
final class BigIntegerCodec extends Codec {

    @Override
    Term encode(Object value) {
        if (!(value instanceof BigInteger big)) {
            throw wrongValue(value);
        }
        return BigInt.integer(big);
    }

    @Override
    Object decode(Term term, Mismatch why) {
        return switch (term) {
            case Int(long v) -> BigInteger.valueOf(v);
            case BigInt(BigInteger v) -> v;
            default -> mismatch(term, why);
        };
    }

    @Override
    String expected() {
        return "an integer";
    }
}
