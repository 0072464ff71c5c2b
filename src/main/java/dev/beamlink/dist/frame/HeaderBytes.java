package dev.beamlink.dist.frame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The writer's scratch space for one frame header (length, distribution header, atom cache references): a growable
 * byte array written by index, big-endian, without the bounds and reference-count checks of a {@code ByteBuf} on
 * every byte. The writer thread only.
 */
final class HeaderBytes {

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] bytes = new byte[1024];
    private int length;

    /** Empties it for the next header. */
    void clear() {
        length = 0;
    }

    /** Makes room for {@code more} bytes. */
    void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + more));
        }
    }

    void put(int b) {
        ensure(1);
        bytes[length++] = (byte) b;
    }

    void putInt(int v) {
        ensure(4);
        INT.set(bytes, length, v);
        length += 4;
    }

    void putLong(long v) {
        ensure(8);
        LONG.set(bytes, length, v);
        length += 8;
    }

    /** Appends {@code n} zero bytes. */
    void putZeros(int n) {
        ensure(n);
        Arrays.fill(bytes, length, length + n, (byte) 0);
        length += n;
    }

    void setInt(int at, int v) {
        INT.set(bytes, at, v);
    }

    /** ORs {@code bits} into the byte at {@code at}. */
    void or(int at, int bits) {
        bytes[at] |= (byte) bits;
    }

    /** Appends {@code text} in UTF-8, which takes {@code utf8Length} bytes (atoms have no unpaired surrogates). */
    void putUtf8(String text, int utf8Length) {
        ensure(utf8Length);
        if (utf8Length == text.length()) {
            for (int i = 0; i < utf8Length; i++) {
                bytes[length + i] = (byte) text.charAt(i);
            }
            length += utf8Length;
            return;
        }
        byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(encoded, 0, bytes, length, encoded.length);
        length += encoded.length;
    }

    int length() {
        return length;
    }

    byte[] array() {
        return bytes;
    }
}
