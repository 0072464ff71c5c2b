package dev.beamlink.dist.frame;

import static dev.beamlink.dist.frame.DistHeaderFormat.ATOM_CACHE_SIZE;
import static dev.beamlink.dist.frame.DistHeaderFormat.LONG_ATOMS_FLAG;
import static dev.beamlink.dist.frame.DistHeaderFormat.NEW_CACHE_ENTRY_FLAG;
import static dev.beamlink.dist.frame.DistHeaderFormat.SEGMENT_SIZE;

import dev.beamlink.etf.Atom;
import io.netty.buffer.ByteBufUtil;

/**
 * The sending side of a connection's atom cache: which atom each of the 2048 entries (8 segments of 256) holds at the
 * peer, as the frames written so far told it. The writer turns each message's references ({@link AtomRefs}) into the
 * atom cache part of its distribution header (erl_ext_dist "Normal Distribution Header": NumberOfAtomCacheRefs,
 * Flags, AtomCacheRefs): an atom found in its entry goes as a CachedAtomRef, any other as a NewAtomCacheRef that
 * takes the entry over. Headers must be written in the order the peer reads them; the writer thread alone uses this.
 * It holds the entries the connection's atoms took ({@link AtomSlots}), and per-header arrays that grow to the most
 * references a header made.
 */
final class OutgoingAtomTable {

    /** The initial size of {@link #chosen} and {@link #lengths}: what the headers of most messages need. */
    private static final int FEW_REFS = 16;

    private final AtomSlots entries = new AtomSlots();
    /** The entry each reference of the current header uses. */
    private int[] chosen = new int[FEW_REFS];
    /** The UTF-8 length of each new atom of the current header. */
    private int[] lengths = new int[FEW_REFS];
    /** The entries used by the current header: one reference per entry, so that each names its own atom. */
    private final long[] used = new long[ATOM_CACHE_SIZE / Long.SIZE];

    /**
     * Writes NumberOfAtomCacheRefs, Flags and AtomCacheRefs for the {@code count} atoms of one message, and updates
     * the cache as the peer will when it reads them.
     */
    void writeRefs(Atom[] atoms, int count, HeaderBytes out) {
        out.put(count);
        if (count == 0) {
            return;
        }
        if (count > chosen.length) {
            int size = Math.min(Math.max(count, 2 * chosen.length), DistHeaderFormat.MAX_ATOM_CACHE_REFS);
            chosen = new int[size];
            lengths = new int[size];
        }
        boolean longAtoms = false;
        for (int i = 0; i < count; i++) {
            Atom atom = atoms[i];
            String text = atom.text();
            int entry = entryOf(text);
            Atom cached = entries.get(entry);
            if (cached != null && (cached == atom || cached.text().equals(text))) {
                chosen[i] = entry;
            } else {
                while (isUsed(entry)) {
                    entry = (entry + 1) & (ATOM_CACHE_SIZE - 1); // a different entry for each atom of this header
                }
                entries.set(entry, atom);
                int length = ByteBufUtil.utf8Bytes(text);
                chosen[i] = entry | NEW;
                lengths[i] = length;
                longAtoms |= length > 255;
            }
            markUsed(entry);
        }
        int flagsAt = out.length();
        out.putZeros(count / 2 + 1);
        for (int i = 0; i < count; i++) {
            int choice = chosen[i];
            int entry = choice & ~NEW;
            boolean isNew = (choice & NEW) != 0;
            setNibble(out, flagsAt, i, (entry / SEGMENT_SIZE) | (isNew ? NEW_CACHE_ENTRY_FLAG : 0));
            out.put(entry % SEGMENT_SIZE);
            if (isNew) {
                int length = lengths[i];
                if (longAtoms) {
                    out.put(length >>> 8);
                }
                out.put(length);
                out.putUtf8(atoms[i].text(), length);
            }
            unmarkUsed(entry);
        }
        setNibble(out, flagsAt, count, longAtoms ? LONG_ATOMS_FLAG : 0);
    }

    /** Marks a reference as a new entry in {@link #chosen}: above any entry number. */
    private static final int NEW = 1 << 16;

    /** The flag half byte of reference {@code index}: even indices in the low half of their byte, odd in the high. */
    private static void setNibble(HeaderBytes out, int flagsAt, int index, int nibble) {
        out.or(flagsAt + index / 2, (index & 1) == 0 ? nibble : nibble << 4);
    }

    static int entryOf(String text) {
        int h = text.hashCode() * 0x9E3779B9;
        return h >>> (Integer.SIZE - Integer.numberOfTrailingZeros(ATOM_CACHE_SIZE));
    }

    private boolean isUsed(int entry) {
        return (used[entry >>> 6] & (1L << entry)) != 0;
    }

    private void markUsed(int entry) {
        used[entry >>> 6] |= 1L << entry;
    }

    private void unmarkUsed(int entry) {
        used[entry >>> 6] &= ~(1L << entry);
    }
}
