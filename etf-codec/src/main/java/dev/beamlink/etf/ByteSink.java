package dev.beamlink.etf;

/**
 * The byte array a {@link TermWriter} encodes into, made larger on demand: the writer encodes a term in
 * one pass, without sizing it first, and asks for room before each piece it writes.
 */
abstract class ByteSink {

    /** The bytes; a larger array replaces it when the sink grows. */
    byte[] array;
    /** The index in {@link #array} of the first byte of this encoding. */
    int start;
    /** The index in {@link #array} past the last byte this encoding may use. */
    int end;

    /**
     * Makes room for at least {@code needed} bytes after the first {@code written} bytes of this encoding,
     * keeping those; {@link #array}, {@link #start} and {@link #end} may change.
     *
     * @throws IllegalArgumentException if the encoding would outgrow what the sink can hold
     */
    abstract void grow(int written, int needed);

    /** {@return the capacity that holds {@code written + needed} bytes: at least double {@code current}} */
    static int grownCapacity(int current, int written, long needed) {
        long wanted = written + needed;
        if (wanted > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("the term encodes to more than " + written
                    + " bytes and needs " + needed + " more: more than a byte array holds");
        }
        return (int) Math.max(wanted, Math.min(Integer.MAX_VALUE - 16, 2L * current));
    }
}
