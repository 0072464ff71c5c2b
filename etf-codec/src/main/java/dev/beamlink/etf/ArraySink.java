package dev.beamlink.etf;

import java.util.Arrays;

/** A {@link ByteSink} over a byte array of its own, copied into a larger one when it fills up. */
final class ArraySink extends ByteSink {

    ArraySink(int capacity) {
        this(new byte[capacity]);
    }

    /** A sink over {@code array}, which it owns until it grows out of it. */
    ArraySink(byte[] array) {
        this.array = array;
        end = array.length;
    }

    @Override
    void grow(int written, int needed) {
        array = Arrays.copyOf(array, grownCapacity(array.length, written, needed));
        end = array.length;
    }

    /** {@return the first {@code written} bytes: the array itself when it is exactly that long} */
    byte[] toByteArray(int written) {
        return written == array.length ? array : Arrays.copyOf(array, written);
    }
}
