package dev.beamlink.etf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An Erlang binary: an immutable sequence of bytes.
 *
 * <p>A binary is a view of a range of a byte array that nothing else may change. {@link #of(byte[])}
 * copies the caller's bytes; {@link #wrap(byte[], int, int)} takes the array over without a copy (the
 * decoder uses it to hand out payloads without copying them).
 */
public final class Binary implements Term {

    private static final byte[] NO_BYTES = {};

    /** The empty binary {@code <<>>}. */
    public static final Binary EMPTY = new Binary(NO_BYTES, 0, 0);

    private final byte[] array;
    private final int offset;
    private final int length;
    private int hash;

    private Binary(byte[] array, int offset, int length) {
        this.array = array;
        this.offset = offset;
        this.length = length;
    }

    /** {@return a binary holding a copy of {@code bytes}} */
    public static Binary of(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Binary(bytes.clone(), 0, bytes.length);
    }

    /** {@return the UTF-8 encoding of {@code text} as a binary} */
    public static Binary ofUtf8(String text) {
        return wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@return a binary over {@code array}, without a copy}
     * The array becomes the binary's: the caller must not change it afterwards.
     */
    public static Binary wrap(byte[] array) {
        return wrap(array, 0, array.length);
    }

    /**
     * {@return a binary over {@code length} bytes of {@code array} from {@code offset}, without a copy}
     * That range becomes the binary's: the caller must not change it afterwards.
     *
     * @throws IndexOutOfBoundsException if the range is not inside the array
     */
    public static Binary wrap(byte[] array, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, array.length);
        return length == 0 ? EMPTY : new Binary(array, offset, length);
    }

    /** {@return the number of bytes} */
    public int size() {
        return length;
    }

    /** {@return the byte at {@code index}} */
    public byte byteAt(int index) {
        Objects.checkIndex(index, length);
        return array[offset + index];
    }

    /** {@return a copy of the bytes} */
    public byte[] toByteArray() {
        return Arrays.copyOfRange(array, offset, offset + length);
    }

    /** {@return a read-only view of the bytes, without a copy} */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(array, offset, length).slice().asReadOnlyBuffer();
    }

    /** {@return the bytes decoded as UTF-8 (malformed input replaced, as {@link String#String(byte[], java.nio.charset.Charset)} does)} */
    public String utf8() {
        return new String(array, offset, length, StandardCharsets.UTF_8);
    }

    /** The backing array, for the codec in this package: never hand it out. */
    byte[] array() {
        return array;
    }

    /** Where the bytes start in {@link #array()}. */
    int offset() {
        return offset;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Binary that
                && Arrays.equals(array, offset, offset + length, that.array, that.offset, that.offset + that.length);
    }

    /** {@return a hash of the bytes, keyed per JVM so that a peer cannot make binaries collide} Cached. */
    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = TermHash.ofBytes(array, offset, length);
            hash = h;
        }
        return h;
    }

    /** {@return Erlang syntax: {@code <<"text">>} when the bytes are printable, else {@code <<1,2,3>>}} */
    @Override
    public String toString() {
        return TermFormat.format(this);
    }
}
