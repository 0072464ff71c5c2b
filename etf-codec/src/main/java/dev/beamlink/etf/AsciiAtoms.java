package dev.beamlink.etf;

import java.util.Arrays;

/**
 * The atoms a decoder made from ASCII bytes, found again by those bytes: an atom met before is decoded
 * without making a String, checking its characters, or asking the atom table. ASCII reads the same in
 * Latin-1 and UTF-8, so any atom tag finds it.
 *
 * <p>A cache of {@value #SLOTS} entries, each atom in one of two slots chosen by a hash of its bytes (the
 * newer first, the older pushed to the second, the oldest dropped): it holds at most {@value #SLOTS} atoms
 * of at most 255 bytes whatever the input, and atoms whose slots collide only cost a miss. It changes no result: an atom is the one the decoder would make
 * (the one of its atom table). Thread-safe: entries are immutable, and a slot read while it is replaced
 * gives the old entry or the new one.
 */
final class AsciiAtoms {

    static final int SLOTS = 4096;

    private final Entry[] entries = new Entry[SLOTS];

    private record Entry(byte[] bytes, Atom atom) {
    }

    /** {@return the atom of the {@code length} bytes of {@code array} from {@code from}, or null if not known} */
    Atom find(byte[] array, int from, int length) {
        int slot = slot(array, from, length);
        Atom atom = match(entries[slot], array, from, length);
        return atom != null ? atom : match(entries[slot + 1], array, from, length);
    }

    private static Atom match(Entry entry, byte[] array, int from, int length) {
        return entry != null && entry.bytes.length == length
                && Arrays.equals(entry.bytes, 0, length, array, from, from + length) ? entry.atom : null;
    }

    /** Remembers {@code atom} as the atom of those bytes, which are ASCII. */
    void add(byte[] array, int from, int length, Atom atom) {
        int slot = slot(array, from, length);
        entries[slot + 1] = entries[slot];
        entries[slot] = new Entry(Arrays.copyOfRange(array, from, from + length), atom);
    }

    private static int slot(byte[] array, int from, int length) {
        int h = length * 0x9E3779B9;
        for (int i = from, end = from + length; i < end; i++) {
            h = (h ^ array[i]) * 0x01000193;
        }
        return (h ^ h >>> 15) & (SLOTS - 2); // even: the pair slot, slot + 1
    }
}
