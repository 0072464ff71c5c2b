package dev.beamlink.etf;

/**
 * An Erlang integer that fits a Java {@code long}. Integers outside that range are {@link BigInt}s.
 *
 * @param value the integer
 */
public record Int(long value) implements Term {

    private static final int CACHE_LOW = -128;
    private static final int CACHE_HIGH = 1023;
    private static final Int[] CACHE = new Int[CACHE_HIGH - CACHE_LOW + 1];

    static {
        for (int i = 0; i < CACHE.length; i++) {
            CACHE[i] = new Int(CACHE_LOW + i);
        }
    }

    /** {@return the integer term for {@code value}, shared for small values} */
    public static Int of(long value) {
        if (value >= CACHE_LOW && value <= CACHE_HIGH) {
            return CACHE[(int) value - CACHE_LOW];
        }
        return new Int(value);
    }

    /** {@return the value as an {@code int}} @throws ArithmeticException if it does not fit */
    public int intValue() {
        return Math.toIntExact(value);
    }

    /** {@return a hash keyed per JVM, so that a peer cannot make integers collide} */
    @Override
    public int hashCode() {
        return TermHash.ofLong(value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
