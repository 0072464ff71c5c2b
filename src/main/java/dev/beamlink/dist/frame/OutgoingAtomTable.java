package dev.beamlink.dist.frame;

import static dev.beamlink.dist.frame.DistHeaderFormat.ATOM_CACHE_SIZE;
import static dev.beamlink.dist.frame.DistHeaderFormat.LONG_ATOMS_FLAG;
import static dev.beamlink.dist.frame.DistHeaderFormat.NEW_CACHE_ENTRY_FLAG;
import static dev.beamlink.dist.frame.DistHeaderFormat.SEGMENT_SIZE;

import dev.beamlink.etf.Atom;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.Arrays;

/**
 * The sending side of a connection's atom cache: which atom each of the 2048 entries (8 segments of 256) holds at the
 * peer, as the frames written so far told it. The writer turns each message's references ({@link AtomRefs}) into the
 * atom cache part of its distribution header (erl_ext_dist "Normal Distribution Header": NumberOfAtomCacheRefs,
 * Flags, AtomCacheRefs): an atom found in its entry goes as a CachedAtomRef, any other as a NewAtomCacheRef that
 * takes the entry over. Headers must be written in the order the peer reads them; the writer thread alone uses this.
 */
final class OutgoingAtomTable {

    private final Atom[] entries = new Atom[ATOM_CACHE_SIZE];
    /** The entry each reference of the current header uses. */
    private final int[] chosen = new int[DistHeaderFormat.MAX_ATOM_CACHE_REFS];
    /** The entries used by the current header: one reference per entry, so that each names its own atom. */
    private final long[] used = new long[ATOM_CACHE_SIZE / Long.SIZE];

    /**
     * Writes NumberOfAtomCacheRefs, Flags and AtomCacheRefs for the {@code count} atoms of one message, and updates
     * the cache as the peer will when it reads them.
     */
    void writeRefs(Atom[] atoms, int count, ByteBuf out) {
        out.writeByte(count);
        if (count == 0) {
            return;
        }
        boolean longAtoms = false;
        for (int i = 0; i < count; i++) {
            Atom atom = atoms[i];
            int entry = entryOf(atom);
            if (entries[entry] != null && (entries[entry] == atom || entries[entry].equals(atom))) {
                chosen[i] = entry;
            } else {
                while (isUsed(entry)) {
                    entry = (entry + 1) & (ATOM_CACHE_SIZE - 1); // a different entry for each atom of this header
                }
                entries[entry] = atom;
                chosen[i] = entry | NEW;
                longAtoms |= ByteBufUtil.utf8Bytes(atom.text()) > 255;
            }
            markUsed(entry);
        }
        int flagsAt = out.writerIndex();
        out.writeZero(count / 2 + 1);
        for (int i = 0; i < count; i++) {
            int entry = chosen[i] & ~NEW;
            int nibble = (entry / SEGMENT_SIZE) | ((chosen[i] & NEW) != 0 ? NEW_CACHE_ENTRY_FLAG : 0);
            setNibble(out, flagsAt, i, nibble);
            out.writeByte(entry % SEGMENT_SIZE);
            if ((chosen[i] & NEW) != 0) {
                String text = atoms[i].text();
                int length = ByteBufUtil.utf8Bytes(text);
                if (longAtoms) {
                    out.writeShort(length);
                } else {
                    out.writeByte(length);
                }
                ByteBufUtil.writeUtf8(out, text);
            }
        }
        setNibble(out, flagsAt, count, longAtoms ? LONG_ATOMS_FLAG : 0);
        Arrays.fill(used, 0);
    }

    /** Marks a reference as a new entry in {@link #chosen}: above any entry number. */
    private static final int NEW = 1 << 16;

    /** The flag half byte of reference {@code index}: even indices in the low half of their byte, odd in the high. */
    private static void setNibble(ByteBuf out, int flagsAt, int index, int nibble) {
        int at = flagsAt + index / 2;
        int shift = (index & 1) == 0 ? 0 : 4;
        out.setByte(at, out.getByte(at) | (nibble << shift));
    }

    private static int entryOf(Atom atom) {
        int h = atom.text().hashCode() * 0x9E3779B9;
        return h >>> (Integer.SIZE - Integer.numberOfTrailingZeros(ATOM_CACHE_SIZE));
    }

    private boolean isUsed(int entry) {
        return (used[entry >>> 6] & (1L << entry)) != 0;
    }

    private void markUsed(int entry) {
        used[entry >>> 6] |= 1L << entry;
    }
}
