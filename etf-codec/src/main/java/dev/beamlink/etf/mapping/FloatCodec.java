package dev.beamlink.etf.mapping;

import dev.beamlink.etf.ErlFloat;
import dev.beamlink.etf.Term;

/**
 * {@code double}, {@code float} and their boxes: an Erlang float. An integer term is not a float ({@code 1 =/= 1.0}
 * in Erlang); a float term outside a {@code float}'s range does not fit one (a narrower precision does). Erlang has
 * no NaN or infinity, so neither has a term.
 */
final class FloatCodec extends Codec {

    private final boolean single;

    /** @param single whether the Java type is {@code float}, not {@code double} */
    FloatCodec(boolean single) {
        this.single = single;
    }

    @Override
    Term encode(Object value) {
        double d;
        if (!single && value instanceof Double boxed) {
            d = boxed;
        } else if (single && value instanceof Float boxed) {
            d = boxed;
        } else {
            throw wrongValue(value);
        }
        if (!Double.isFinite(d)) {
            throw new TermMappingException("a finite " + (single ? "float" : "double") + " (Erlang has no NaN or infinity)",
                    Double.toString(d), null);
        }
        return new ErlFloat(d);
    }

    @Override
    Object decode(Term term, Mismatch why) {
        if (term instanceof ErlFloat(double d)) {
            if (!single) {
                return d;
            }
            float f = (float) d;
            if (!Float.isInfinite(f)) {
                return f;
            }
        }
        return mismatch(term, why);
    }

    @Override
    String expected() {
        return single ? "a float within a Java float's range (+-" + Float.MAX_VALUE + ")" : "a float";
    }
}
