package dev.beamlink.etf;

import java.util.Arrays;

/**
 * An Erlang bit string whose size is not a whole number of bytes (those are {@link Binary}s).
 *
 * <p>The bits fill {@link #byteSize()} bytes, most significant bit first; the last byte holds
 * {@link #trailingBits()} bits (1 to 7) in its high end, and its unused low bits are always zero.
 */
public final class BitString implements Term {

    private final byte[] bytes;
    private final int trailingBits;

    private BitString(byte[] bytes, int trailingBits) {
        this.bytes = bytes;
        this.trailingBits = trailingBits;
    }

    /**
     * {@return the bit string of the first {@code bitSize} bits of {@code bytes}}: a {@link Binary}
     * when {@code bitSize} is a multiple of 8. The bytes are copied; bits past {@code bitSize} are ignored.
     *
     * @throws IllegalArgumentException if {@code bitSize} is negative or exceeds the bits given
     */
    public static Term of(byte[] bytes, long bitSize) {
        if (bitSize < 0 || bitSize > (long) bytes.length * Byte.SIZE) {
            throw new IllegalArgumentException(
                    "bit size: " + bitSize + " (expected: 0.." + (long) bytes.length * Byte.SIZE + ")");
        }
        int byteSize = (int) ((bitSize + 7) / 8);
        int trailing = (int) (bitSize % 8);
        if (trailing == 0) {
            return Binary.of(Arrays.copyOf(bytes, byteSize));
        }
        return ofTrusted(Arrays.copyOf(bytes, byteSize), trailing);
    }

    /** For the codec: takes {@code bytes} over (no copy) and clears the unused bits of the last byte. */
    static BitString ofTrusted(byte[] bytes, int trailingBits) {
        if (trailingBits < 1 || trailingBits > 7 || bytes.length == 0) {
            throw new IllegalArgumentException("trailing bits: " + trailingBits + " (expected: 1..7, in at least one byte)");
        }
        bytes[bytes.length - 1] &= (byte) (0xFF << (8 - trailingBits));
        return new BitString(bytes, trailingBits);
    }

    /** {@return the size in bits} */
    public long bitSize() {
        return (long) (bytes.length - 1) * Byte.SIZE + trailingBits;
    }

    /** {@return the number of bytes the bits occupy, the last one partly} */
    public int byteSize() {
        return bytes.length;
    }

    /** {@return how many bits of the last byte are used: 1 to 7} */
    public int trailingBits() {
        return trailingBits;
    }

    /** {@return a copy of the bytes; the unused low bits of the last byte are zero} */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** The bytes, for the codec in this package: never hand them out. */
    byte[] bytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BitString that
                && trailingBits == that.trailingBits && Arrays.equals(bytes, that.bytes);
    }

    /** {@return a hash of the bits, keyed per JVM} */
    @Override
    public int hashCode() {
        return TermHash.of(TermHash.ofBytes(bytes, 0, bytes.length), trailingBits);
    }

    /** {@return Erlang syntax, e.g. {@code <<1,2:3>>}} */
    @Override
    public String toString() {
        return TermFormat.format(this);
    }
}
