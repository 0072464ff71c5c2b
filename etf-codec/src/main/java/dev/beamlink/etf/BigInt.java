package dev.beamlink.etf;

import java.math.BigInteger;
import java.util.Objects;

/**
 * An Erlang integer outside the range of a Java {@code long}; smaller integers are {@link Int}s,
 * so that every integer has one representation. Use {@link #integer(BigInteger)} when the size is
 * not known in advance.
 *
 * @param value the integer, below {@link Long#MIN_VALUE} or above {@link Long#MAX_VALUE}
 */
public record BigInt(BigInteger value) implements Term {

    public BigInt {
        Objects.requireNonNull(value, "value");
        if (value.bitLength() < Long.SIZE) {
            throw new IllegalArgumentException(
                    "integer " + value + " fits a long: it is an Int, not a BigInt");
        }
    }

    /** {@return the integer term for {@code value}: an {@link Int} when it fits a long, else a {@link BigInt}} */
    public static Term integer(BigInteger value) {
        return value.bitLength() < Long.SIZE ? Int.of(value.longValue()) : new BigInt(value);
    }

    /** {@return a hash of the magnitude's bytes, keyed per JVM} */
    @Override
    public int hashCode() {
        byte[] bytes = value.toByteArray();
        return TermHash.ofBytes(bytes, 0, bytes.length);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
