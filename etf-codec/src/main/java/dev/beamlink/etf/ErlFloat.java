package dev.beamlink.etf;

/**
 * An Erlang float (IEEE 754 binary64).
 *
 * <p>Equality is bitwise, as {@link Double#equals} is: {@code 0.0} and {@code -0.0} are distinct
 * terms (as {@code =:=} says on OTP 27+) and the encoding keeps the sign. Erlang has no NaN or
 * infinities; {@link Etf} refuses to encode them.
 *
 * @param value the float
 */
public record ErlFloat(double value) implements Term {

    /** {@return a hash of the bits ({@code 0.0} and {@code -0.0} differ, as their {@code equals}), keyed per JVM} */
    @Override
    public int hashCode() {
        return TermHash.ofLong(Double.doubleToLongBits(value) * 31 + 7);
    }

    @Override
    public String toString() {
        return TermFormat.format(this);
    }
}
