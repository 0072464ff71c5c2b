package dev.beamlink.etf.mapping;

import dev.beamlink.etf.Int;
import dev.beamlink.etf.Term;

/** {@code byte}, {@code short}, {@code char}, {@code int}, {@code long} and their boxes: an integer in their range. */
final class IntegerCodec extends Codec {

    /** The Java integer types, with their ranges and boxes. */
    enum Kind {
        BYTE(Byte.MIN_VALUE, Byte.MAX_VALUE, Byte.class),
        SHORT(Short.MIN_VALUE, Short.MAX_VALUE, Short.class),
        CHAR(Character.MIN_VALUE, Character.MAX_VALUE, Character.class),
        INT(Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.class),
        LONG(Long.MIN_VALUE, Long.MAX_VALUE, Long.class);

        final long min;
        final long max;
        final Class<?> box;

        Kind(long min, long max, Class<?> box) {
            this.min = min;
            this.max = max;
            this.box = box;
        }
    }

    private final Kind kind;
    private final String expected;

    IntegerCodec(Kind kind) {
        this.kind = kind;
        this.expected = "an integer in " + kind.min + ".." + kind.max;
    }

    @Override
    Term encode(Object value) {
        if (value == null || value.getClass() != kind.box) {
            throw wrongValue(value);
        }
        return Int.of(value instanceof Character c ? c : ((Number) value).longValue());
    }

    @Override
    Object decode(Term term, Mismatch why) {
        if (term instanceof Int(long v) && v >= kind.min && v <= kind.max) {
            return switch (kind) {
                case BYTE -> (byte) v;
                case SHORT -> (short) v;
                case CHAR -> (char) v;
                case INT -> (int) v;
                case LONG -> v;
            };
        }
        return mismatch(term, why);
    }

    @Override
    String expected() {
        return expected;
    }
}
