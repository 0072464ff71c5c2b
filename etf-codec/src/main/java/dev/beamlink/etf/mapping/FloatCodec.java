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
        if (!single && value instanceof Double d) {
            return ofDouble(d);
        }
        if (single && value instanceof Float f) {
            return ofFloat(f);
        }
        throw wrongValue(value);
    }

    /** {@return the float term of {@code value}} @throws TermMappingException for NaN or an infinity */
    static Term ofDouble(double value) {
        if (!Double.isFinite(value)) {
            throw notFinite("double", value);
        }
        return new ErlFloat(value);
    }

    /** {@return the float term of {@code value}} @throws TermMappingException for NaN or an infinity */
    static Term ofFloat(float value) {
        if (!Float.isFinite(value)) {
            throw notFinite("float", value);
        }
        return new ErlFloat(value);
    }

    private static TermMappingException notFinite(String type, double value) {
        return new TermMappingException("a finite " + type + " (Erlang has no NaN or infinity)", Double.toString(value), null);
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
