package dev.beamlink.dist.frame;

import static dev.beamlink.dist.frame.DistHeaderFormat.LONG_ATOMS_FLAG;
import static dev.beamlink.dist.frame.DistHeaderFormat.NEW_CACHE_ENTRY_FLAG;
import static dev.beamlink.dist.frame.DistHeaderFormat.SEGMENT_SIZE;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.AtomTable;
import dev.beamlink.etf.IncomingAtomCache;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The receiving side of a connection's atom cache: the 2048 entries the peer's headers filled, and the atoms of the
 * header read last, by AtomCacheReferenceIndex, which the terms after it refer to ({@link IncomingAtomCache}). Reads
 * the atom cache part of a distribution header (erl_ext_dist "Normal Distribution Header"); the reader thread alone
 * uses it. New atoms are interned in the node's bounded atom table. Both hold what the peer's headers used, not
 * the most they could ({@link AtomSlots}; the header's atoms in an array that grows to the most references a header
 * made).
 */
final class IncomingAtomTable implements IncomingAtomCache {

    /** The initial size of {@link #current}: what the headers of most messages need. */
    private static final int FEW_REFS = 16;

    private final AtomSlots entries = new AtomSlots();
    private Atom[] current = new Atom[FEW_REFS];
    private final AtomTable atomTable;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private int currentCount;

    /** @param atomTable where new atoms are interned (null: atoms are made as read) */
    IncomingAtomTable(AtomTable atomTable) {
        this.atomTable = atomTable;
    }

    @Override
    public Atom atomAt(int index) {
        return index < currentCount ? current[index] : null;
    }

    /** {@return the atoms of the header read last, by index: a copy, for a message whose fragments are still to come} */
    Atom[] snapshot() {
        return Arrays.copyOf(current, currentCount);
    }

    /**
     * Reads NumberOfAtomCacheRefs, Flags and AtomCacheRefs at the reader index of {@code frame}, applies the new
     * entries, and makes the header's atoms the ones {@link #atomAt} answers.
     *
     * @throws FrameException if the header is cut short, refers to an entry no header filled, or has an atom that is
     *                        not UTF-8, too long, or one too many for the atom table
     */
    void readRefs(ByteBuf frame) throws FrameException {
        currentCount = 0;
        if (!frame.isReadable()) {
            throw cutShort(frame, 1, "NumberOfAtomCacheRefs");
        }
        int count = frame.readUnsignedByte();
        if (count == 0) {
            return;
        }
        if (count > DistHeaderFormat.MAX_ATOM_CACHE_REFS) {
            throw new FrameException("NumberOfAtomCacheRefs: " + count + " (expected: <= "
                    + DistHeaderFormat.MAX_ATOM_CACHE_REFS + ")");
        }
        if (count > current.length) {
            current = new Atom[Math.min(Math.max(count, 2 * current.length), DistHeaderFormat.MAX_ATOM_CACHE_REFS)];
        }
        int flagsAt = frame.readerIndex();
        if (frame.readableBytes() < count / 2 + 1) {
            throw cutShort(frame, count / 2 + 1, "the Flags of " + count + " atom cache references");
        }
        frame.skipBytes(count / 2 + 1);
        boolean longAtoms = (nibble(frame, flagsAt, count) & LONG_ATOMS_FLAG) != 0;
        for (int i = 0; i < count; i++) {
            int flags = nibble(frame, flagsAt, i);
            if (!frame.isReadable()) {
                throw cutShort(frame, 1, "the InternalSegmentIndex of atom cache reference " + i);
            }
            int entry = (flags & (NEW_CACHE_ENTRY_FLAG - 1)) * SEGMENT_SIZE + frame.readUnsignedByte();
            Atom atom;
            if ((flags & NEW_CACHE_ENTRY_FLAG) != 0) {
                atom = readAtom(frame, longAtoms, i);
                entries.set(entry, atom);
            } else {
                atom = entries.get(entry);
                if (atom == null) {
                    throw new FrameException("atom cache reference " + i + ": entry " + entry
                            + " (segment " + entry / SEGMENT_SIZE + ", index " + entry % SEGMENT_SIZE
                            + ") was never filled");
                }
            }
            current[i] = atom;
        }
        currentCount = count;
    }

    private Atom readAtom(ByteBuf frame, boolean longAtoms, int ref) throws FrameException {
        int lengthSize = longAtoms ? 2 : 1;
        if (frame.readableBytes() < lengthSize) {
            throw cutShort(frame, lengthSize, "the Length of atom cache reference " + ref);
        }
        int length = longAtoms ? frame.readUnsignedShort() : frame.readUnsignedByte();
        if (frame.readableBytes() < length) {
            throw cutShort(frame, length, "the atom of atom cache reference " + ref);
        }
        ByteBuffer bytes = frame.nioBuffer(frame.readerIndex(), length);
        frame.skipBytes(length);
        String text;
        try {
            text = utf8.decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new FrameException("atom cache reference " + ref + ": the atom text is not UTF-8");
        }
        try {
            return atomTable == null ? Atom.of(text) : atomTable.intern(text);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new FrameException("atom cache reference " + ref + ": " + e.getMessage(), e);
        }
    }

    private static int nibble(ByteBuf frame, int flagsAt, int index) {
        int b = frame.getUnsignedByte(flagsAt + index / 2);
        return (index & 1) == 0 ? b & 0x0F : b >>> 4;
    }

    private static FrameException cutShort(ByteBuf frame, int bytes, String what) {
        return new FrameException("distribution header cut short: " + what + " needs " + bytes + " bytes, "
                + frame.readableBytes() + " left");
    }
}
