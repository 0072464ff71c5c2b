package dev.beamlink.etf;

/**
 * What the objects of a decoded term take on the heap, estimated from above (a 64-bit JVM, 8-byte references,
 * 16-byte object headers): the decoder counts each piece against {@link EtfDecoder#maxTermMemory()} before it
 * makes it, so that a few bytes of input (a compressed term, or nested tuples of two bytes each) cannot make
 * a term larger than the limit. The figures are the objects the decoder makes, not the input's bytes: a
 * tuple nested in a tuple is two bytes of input, and about 130 bytes of heap.
 */
final class TermMemory {

    /** A reference in an array. */
    static final long REF = 8;
    /** The header of an array. */
    static final long ARRAY = 16;
    /** A small object: an integer outside the shared ones, a float, a pid, a port, an external fun. */
    static final long LEAF = 32;
    /** A tuple, list or fun: the record and its element list, without the elements' array. */
    static final long COMPOUND = 48;
    /** A fun's fields beyond a compound term's: the uniq bytes, the record. */
    static final long FUN = 64;
    /** A map: the record and its entries, without their arrays. */
    static final long MAP = 64;
    /** The index of a map, a key: two ints, at least twice as many slots as keys. */
    static final long MAP_INDEX_PER_KEY = 16;
    /** One level of the decoder's explicit stack. */
    static final long FRAME = 64;

    private TermMemory() {
    }

    /** {@return an array of {@code bytes} bytes} */
    static long array(long bytes) {
        return ARRAY + bytes;
    }

    /** {@return a tuple, list or fun of {@code elements} elements} */
    static long compound(long elements) {
        return COMPOUND + array(elements * REF);
    }

    /** {@return a map of {@code keys} keys} */
    static long map(long keys) {
        return MAP + array(2 * keys * REF) + (keys > FrozenTermMap.LINEAR_MAX ? 2 * array(keys * MAP_INDEX_PER_KEY / 2) : 0);
    }

    /** {@return a binary whose bytes are copied ({@code copied} of them; 0 when it shares the input's)} */
    static long binary(long copied) {
        return LEAF + (copied > 0 ? array(copied) : 0);
    }

    /** {@return an atom of {@code bytes} bytes, made without an atom table} */
    static long atom(long bytes) {
        return LEAF + 24 + array(bytes);
    }

    /** {@return an integer of {@code digits} digit bytes} */
    static long big(long digits) {
        return digits <= 8 ? LEAF : LEAF + 48 + 2 * array(digits);
    }
}
