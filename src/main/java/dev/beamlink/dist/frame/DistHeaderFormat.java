package dev.beamlink.dist.frame;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.EtfDecodeException;
import dev.beamlink.etf.EtfDecoder;
import dev.beamlink.etf.EtfEncoder;
import dev.beamlink.etf.IncomingAtomCache;
import dev.beamlink.etf.Term;
import io.netty.buffer.ByteBuf;

/**
 * The frames of a connection that negotiated {@code DFLAG_DIST_HDR_ATOM_CACHE} (erl_ext_dist "Distribution
 * Header"): {@value #VERSION_MAGIC}, {@value #DIST_HEADER}, the atom cache references, then the control message and
 * the term after it without version bytes, their atoms written as ATOM_CACHE_REF; with {@code DFLAG_FRAGMENTS}
 * also, a message longer than {@link #fragmentSize()} goes as a start ({@value #DIST_FRAG_HEADER}: sequence id,
 * fragment id, atom cache references, the control message and the first bytes of the term) and continuations
 * ({@value #DIST_FRAG_CONT}: sequence id, fragment id, more bytes), the fragment ids counting down to 1.
 *
 * <p>The frames, as {@link FrameReader} hands them over (the writer puts their 4-byte length in front); offsets above
 * each field, sizes in it, in bytes:
 *
 * <pre>{@code
 * Normal distribution header (68), with N atom cache references
 * BEFORE DECODE
 * 0     1     2     3               3 + F            3 + F + R
 * +-----+-----+-----+---------------+----------------+-------------------+-------------------+
 * | 131 | 68  | N   | Flags         | AtomCacheRefs  | ControlMessage    | Message           |
 * |     |     |     | (none when N  | (none when N   | a term without    | a term without    |
 * |     |     |     | is 0)         | is 0)          | its version byte  | its version byte; |
 * |     |     |     |               |                |                   | none for LINK ... |
 * | 1   | 1   | 1   | F = N / 2 + 1 | R              | c                 | the rest          |
 * +-----+-----+-----+---------------+----------------+-------------------+-------------------+
 * AFTER DECODE: DistMessage(control, payload), where ATOM_CACHE_REF i (82, i) in a term is the atom of
 * reference i of this header
 *
 * Flags: half a byte for each reference, reference 2k in the low half of byte k and 2k + 1 in its high half, then
 * half a byte for the header itself
 *        byte 0            byte 1            byte 2
 *       +--------+--------+--------+--------+--------+--------+
 * N = 4 | ref 1  | ref 0  | ref 3  | ref 2  | 0      | header |
 *       +--------+--------+--------+--------+--------+--------+
 * N = 3 | ref 1  | ref 0  | header | ref 2  |
 *       +--------+--------+--------+--------+
 *        bits 7-4 bits 3-0
 * a reference's half byte: bit 3 NewCacheEntryFlag, bits 2-0 SegmentIndex (its cache entry / 256)
 * the header's half byte:  bit 0 LongAtoms (atom lengths take 2 bytes), bits 3-1 unused (0)
 *
 * AtomCacheRefs: one for each reference, in index order
 * a new entry (NewCacheEntryFlag set)                     an entry a header filled before
 * +----------------------+-------------+----------+       +----------------------+
 * | InternalSegmentIndex | Length      | AtomText |       | InternalSegmentIndex |
 * | entry % 256          | 2 bytes     | UTF-8    |       | entry % 256          |
 * |                      | if LongAtoms|          |       |                      |
 * | 1                    | 1 or 2      | Length   |       | 1                    |
 * +----------------------+-------------+----------+       +----------------------+
 *
 * First fragment (69) of a message sent in K fragments
 * BEFORE DECODE
 * 0     1     2            10           18    19      19 + F          19 + F + R
 * +-----+-----+------------+------------+-----+-------+---------------+--------------------------+
 * | 131 | 69  | SequenceId | FragmentId | N   | Flags | AtomCacheRefs | ControlMessage, whole,   |
 * |     |     |            | K          |     |       |               | then the Message's first |
 * |     |     |            |            |     |       |               | bytes                    |
 * | 1   | 1   | 8          | 8          | 1   | as 68 | as 68         | the rest                 |
 * +-----+-----+------------+------------+-----+-------+---------------+--------------------------+
 * AFTER DECODE: null, the bytes kept for the message (FragmentAssembler); when K is 1, the DistMessage
 *
 * Continuation (70)
 * BEFORE DECODE
 * 0     1     2            10           18
 * +-----+-----+------------+------------+------------------------------+
 * | 131 | 70  | SequenceId | FragmentId | the Message's next bytes     |
 * |     |     | the same   | one less   |                              |
 * |     |     |            | each time  |                              |
 * | 1   | 1   | 8          | 8          | the rest                     |
 * +-----+-----+------------+------------+------------------------------+
 * AFTER DECODE: null, until FragmentId 1 completes the message: then its DistMessage, the atoms those of the
 * first fragment's header. FrameReader reads the bytes after FragmentId straight into the message's buffer
 * (bodyTarget) and hands decode the 18 bytes before them alone.
 * }</pre>
 *
 * <p>Senders encode with message-local references ({@link AtomRefs}); the writer decides, in wire order, which of
 * them are new cache entries ({@link OutgoingAtomTable}). The reader keeps the peer's entries
 * ({@link IncomingAtomTable}) and puts fragments back together ({@link FragmentAssembler}).
 */
public final class DistHeaderFormat implements FrameFormat {

    /** The version magic that starts every distribution header. */
    public static final int VERSION_MAGIC = 131;
    /** The normal distribution header ("Normal Distribution Header"). */
    public static final int DIST_HEADER = 68;
    /** The header of the first fragment of a message ("Starting Fragmented Distribution Header Format"). */
    public static final int DIST_FRAG_HEADER = 69;
    /** The header of every later fragment ("Continuing Fragmented Distribution Header Format"). */
    public static final int DIST_FRAG_CONT = 70;
    /** The most atom cache references one header makes: {@code 0 <= AtomCacheReferenceIndex < 255}. */
    public static final int MAX_ATOM_CACHE_REFS = 255;
    /** The entries of a segment of the atom cache. */
    public static final int SEGMENT_SIZE = 256;
    /** The entries of the atom cache: 8 segments of 256. */
    public static final int ATOM_CACHE_SIZE = 8 * SEGMENT_SIZE;
    /** NewCacheEntryFlag, the high bit of a reference's half-byte flags. */
    public static final int NEW_CACHE_ENTRY_FLAG = 8;
    /** LongAtoms, in the half byte after the references' flags: atom lengths take 2 bytes. */
    public static final int LONG_ATOMS_FLAG = 1;
    /** Sequence id and fragment id, 8 bytes each. */
    private static final int FRAGMENT_IDS = 16;

    private final EtfEncoder encoder;
    private final EtfDecoder decoder;
    private final int fragmentSize;
    private final OutgoingAtomTable outgoing = new OutgoingAtomTable();
    private final IncomingAtomTable incoming;
    private final FragmentAssembler assembler;

    DistHeaderFormat(EtfEncoder encoder, EtfDecoder decoder, FragmentLimits limits, boolean fragments) {
        this.encoder = encoder;
        this.decoder = decoder;
        this.fragmentSize = fragments ? limits.fragmentSize() : 0;
        this.incoming = new IncomingAtomTable(decoder.atomTable());
        this.assembler = new FragmentAssembler(limits);
    }

    // ---------------------------------------------------------------- writing

    @Override
    public OutgoingFrame encode(Term control, Term payload, Object sender) {
        AtomRefs refs = new AtomRefs();
        ByteBuf body = LargeBinaries.bodyBuffer(payload, encoder);
        try {
            encoder.encodeTerm(control, body, refs);
            int controlLength = body.writerIndex();
            if (payload != null) {
                encoder.encodeTerm(payload, body, refs);
            }
            return new OutgoingFrame(body, controlLength, refs.atoms(), refs.count(), sender);
        } catch (RuntimeException e) {
            body.release();
            throw e;
        }
    }

    @Override
    public void writeHeader(OutgoingFrame frame, HeaderBytes out) {
        int start = out.length();
        out.putInt(0);
        out.put(VERSION_MAGIC);
        out.put(DIST_HEADER);
        outgoing.writeRefs(frame.atoms, frame.atomCount, out);
        out.setInt(start, out.length() - start - FrameReader.LENGTH_SIZE + frame.bodyLength());
    }

    @Override
    public int fragmentSize() {
        return fragmentSize;
    }

    @Override
    public void writeFragmentHeader(OutgoingFrame frame, long sequenceId, long fragmentId, long fragments, int bytes,
                                    HeaderBytes out) {
        int start = out.length();
        out.putInt(0);
        out.put(VERSION_MAGIC);
        boolean first = fragmentId == fragments;
        out.put(first ? DIST_FRAG_HEADER : DIST_FRAG_CONT);
        out.putLong(sequenceId);
        out.putLong(fragmentId);
        if (first) {
            outgoing.writeRefs(frame.atoms, frame.atomCount, out);
        }
        out.setInt(start, out.length() - start - FrameReader.LENGTH_SIZE + bytes);
    }

    // ---------------------------------------------------------------- reading

    @Override
    public DistMessage decode(ByteBuf frame) throws FrameException {
        if (frame.readableBytes() < 2) {
            throw new FrameException("frame of " + frame.readableBytes() + " byte: too short for a distribution header");
        }
        int magic = frame.readUnsignedByte();
        if (magic != VERSION_MAGIC) {
            throw new FrameException("frame starts with " + magic + " (expected: " + VERSION_MAGIC
                    + ", a distribution header was negotiated)");
        }
        int type = frame.readUnsignedByte();
        switch (type) {
            case DIST_HEADER -> {
                incoming.readRefs(frame);
                return terms(frame, incoming);
            }
            case DIST_FRAG_HEADER -> {
                long sequence = readId(frame, type);
                long fragment = frame.readLong();
                incoming.readRefs(frame);
                if (fragment == 1) {
                    return terms(frame, incoming);
                }
                if (fragment == 0) {
                    throw new FrameException("fragmented message " + Long.toUnsignedString(sequence)
                            + " starts with fragment 0 (expected: the fragment count, >= 1)");
                }
                assembler.start(sequence, fragment, incoming.snapshot(), frame);
                return null;
            }
            case DIST_FRAG_CONT -> {
                long sequence = readId(frame, type);
                long fragment = frame.readLong();
                FragmentAssembler.Sequence whole = assembler.resume(sequence, fragment, frame);
                if (whole == null) {
                    return null;
                }
                try {
                    Atom[] atoms = whole.atoms;
                    return terms(whole.bytes, index -> index < atoms.length ? atoms[index] : null);
                } finally {
                    whole.bytes.release();
                }
            }
            default -> throw new FrameException("distribution header type: " + type + " (expected: " + DIST_HEADER
                    + ", " + DIST_FRAG_HEADER + " or " + DIST_FRAG_CONT + ")");
        }
    }

    @Override
    public ByteBuf bodyTarget(ByteBuf head, int frameLength) {
        int at = head.readerIndex();
        if (head.getUnsignedByte(at + 1) != DIST_FRAG_CONT || head.getUnsignedByte(at) != VERSION_MAGIC) {
            return null;
        }
        return assembler.bodyTarget(head.getLong(at + 2), head.getLong(at + 2 + Long.BYTES), frameLength - TARGET_HEAD);
    }

    @Override
    public void closeReading() {
        assembler.clear();
    }

    private static long readId(ByteBuf frame, int type) throws FrameException {
        if (frame.readableBytes() < FRAGMENT_IDS) {
            throw new FrameException("distribution header " + type + " cut short: " + frame.readableBytes()
                    + " bytes left for the sequence and fragment ids (expected: " + FRAGMENT_IDS + ")");
        }
        return frame.readLong();
    }

    private DistMessage terms(ByteBuf frame, IncomingAtomCache atoms) throws FrameException {
        Term control = term(frame, atoms, "control message");
        Term payload = frame.isReadable() ? term(frame, atoms, "message") : null;
        if (frame.isReadable()) {
            throw new FrameException("frame: " + frame.readableBytes() + " bytes after the message (expected: 0)");
        }
        return new DistMessage(control, payload);
    }

    private Term term(ByteBuf frame, IncomingAtomCache atoms, String what) throws FrameException {
        int offset = frame.readerIndex();
        try {
            return decoder.decodeTerm(frame, atoms);
        } catch (EtfDecodeException e) {
            throw new FrameException(what + " at frame offset " + offset + " does not decode: " + e.getMessage(), e);
        }
    }

    /** {@return the open fragmented messages and the bytes they hold}, for logs and tests */
    String fragmentState() {
        return assembler.openSequences() + " fragmented messages open, " + assembler.buffered() + " bytes buffered";
    }
}
