package dev.beamlink.dist.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.handshake.DistFlags;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.AtomTable;
import dev.beamlink.etf.Binary;
import dev.beamlink.etf.Etf;
import dev.beamlink.etf.EtfDecoder;
import dev.beamlink.etf.EtfEncoder;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The distribution header (erl_ext_dist "Distribution Header"): the atom cache both ways, long atoms, more atoms than
 * one header holds, more than the cache holds, the specification's worked example, and headers that lie.
 */
class DistHeaderFormatTest {

    private static final DistFlags FLAGS = new DistFlags(DistFlags.DFLAG_DIST_HDR_ATOM_CACHE | DistFlags.DFLAG_FRAGMENTS);
    private static final Pid FROM = new Pid(Atom.of("java@localhost"), 7, 0, 1);

    private final FrameFormat sender = format();
    private final FrameFormat receiver = format();

    private static FrameFormat format() {
        return FrameFormat.negotiated(FLAGS, EtfEncoder.defaults(), EtfDecoder.builder().atomTable(new AtomTable(1 << 16)).build());
    }

    /** {@return the frame, without its length, as the writer sends an unfragmented message} */
    private ByteBuf frame(Term control, Term payload) {
        ByteBuf frame = Frames.frame(sender, control, payload);
        assertEquals(frame.readableBytes() - 4, frame.readInt(), "the length prefix");
        return frame.slice();
    }

    private static Tuple regSend(Atom name) {
        return Tuple.of(Int.of(6), FROM, Atom.of(""), name);
    }

    @Test
    void atomsGoInFullOnceThenAsReferencesToTheCache() throws FrameException {
        Term message = Tuple.of(Atom.of("hello"), Binary.ofUtf8("payload-0123456789"), Int.of(42),
                ErlList.of(Int.of(1), Int.of(2), Int.of(3)));
        ByteBuf first = frame(regSend(Atom.of("sink")), message);
        ByteBuf second = frame(regSend(Atom.of("sink")), message);
        assertEquals(131, first.getUnsignedByte(0));
        assertEquals(DistHeaderFormat.DIST_HEADER, first.getUnsignedByte(1));
        assertEquals(4, first.getUnsignedByte(2), "java@localhost, '', sink and hello are referenced");
        String firstText = first.toString(StandardCharsets.ISO_8859_1);
        String secondText = second.toString(StandardCharsets.ISO_8859_1);
        assertTrue(firstText.contains("java@localhost") && firstText.contains("hello"), "new entries carry their text");
        assertTrue(!secondText.contains("java@localhost") && !secondText.contains("hello"), "cached entries do not");
        assertEquals(first.readableBytes() - "java@localhost".length() - "hello".length() - "sink".length() - 4,
                second.readableBytes(), "each cached reference is its one-byte index, without length and text");
        for (ByteBuf frame : List.of(first, second)) {
            DistMessage back = receiver.decode(frame);
            assertEquals(regSend(Atom.of("sink")), back.control());
            assertEquals(message, back.payload());
        }
    }

    @Test
    void longAtomsTakeTwoLengthBytes() throws FrameException {
        Atom accented = Atom.of("é".repeat(200)); // 400 bytes of UTF-8
        ByteBuf frame = frame(regSend(accented), Tuple.of(accented, Atom.of("short")));
        int flagsByte = frame.getUnsignedByte(3 + 4 / 2); // 4 references: the LongAtoms half byte is the low one of byte 2
        assertEquals(DistHeaderFormat.LONG_ATOMS_FLAG, flagsByte & 0x0F);
        DistMessage back = receiver.decode(frame);
        assertEquals(regSend(accented), back.control());
        assertEquals(Tuple.of(accented, Atom.of("short")), back.payload());
    }

    @Test
    void atomsBeyondTheHeadersTwoHundredFiftyFiveGoInFull() throws FrameException {
        List<Term> atoms = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            atoms.add(Atom.of("many_" + i));
        }
        Term message = ErlList.from(atoms);
        ByteBuf frame = frame(regSend(Atom.of("sink")), message);
        assertEquals(255, frame.getUnsignedByte(2), "NumberOfAtomCacheRefs is at most 255");
        assertEquals(message, receiver.decode(frame).payload());
        assertEquals(message, receiver.decode(frame(regSend(Atom.of("sink")), message)).payload(), "and again, cached");
    }

    @Test
    void moreAtomsThanTheCacheHoldsReplaceItsEntries() throws FrameException {
        for (int round = 0; round < 3; round++) {
            for (int batch = 0; batch < 12; batch++) {
                List<Term> atoms = new ArrayList<>();
                for (int i = 0; i < 250; i++) {
                    atoms.add(Atom.of("atom_" + batch + "_" + i));
                }
                Term message = ErlList.from(atoms);
                assertEquals(message, receiver.decode(frame(regSend(Atom.of("sink")), message)).payload(),
                        "round " + round + ", batch " + batch + ": 3,000 atoms over 2,048 entries");
            }
        }
    }

    @Test
    void twoAtomsOfOneEntryInOneHeaderEachKeepTheirOwn() throws FrameException {
        Map<Integer, Atom> byEntry = new HashMap<>();
        Atom[] pair = null;
        for (int i = 0; pair == null; i++) {
            Atom atom = Atom.of("collide_" + i);
            Atom other = byEntry.putIfAbsent(OutgoingAtomTable.entryOf(atom.text()), atom);
            if (other != null) {
                pair = new Atom[] {other, atom};
            }
        }
        Term message = Tuple.of(pair[0], pair[1], pair[0]);
        assertEquals(message, receiver.decode(frame(regSend(Atom.of("sink")), message)).payload());
        assertEquals(message, receiver.decode(frame(regSend(Atom.of("sink")), message)).payload());
        Term swapped = Tuple.of(pair[1], pair[0]);
        assertEquals(swapped, receiver.decode(frame(regSend(Atom.of("sink")), swapped)).payload());
    }

    /**
     * erl_ext_dist's worked example: {@code {call, <0.245.2>, {set_get_state, <<0:1024>>}}} to {@code reg}, in two
     * fragments of a 128-byte fragment size, its first two atom cache references (node names) cached before.
     */
    @Test
    void decodesTheWorkedExampleOfTheSpecification() throws FrameException {
        // Fill entries 1034 (segment 4, index 10) and 5 (segment 0, index 5), which the example refers to.
        ByteArrayOutputStream fill = bytes(131, 68, 2, 0x8C, 0x00, 10, 6);
        fill.writeBytes("a@host".getBytes(StandardCharsets.US_ASCII));
        fill.writeBytes(bytes(5, 0).toByteArray());
        fill.writeBytes(unversioned(Tuple.of(Int.of(2), Atom.of(""), new Pid(Atom.of("b@host"), 1, 0, 1))));
        fill.writeBytes(unversioned(Atom.of("hi")));
        assertEquals(Atom.of("hi"), receiver.decode(Unpooled.wrappedBuffer(fill.toByteArray())).payload());

        ByteArrayOutputStream start = bytes(131, 69, 0, 0, 2, 168, 0, 0, 5, 83, 0, 0, 0, 0, 0, 0, 0, 2,
                5, 4, 137, 9, 10, 5, 236, 3, 114, 101, 103, 9, 4, 99, 97, 108, 108,
                238, 13, 115, 101, 116, 95, 103, 101, 116, 95, 115, 116, 97, 116, 101,
                104, 4, 97, 6, 103, 82, 0, 0, 0, 0, 85, 0, 0, 0, 0, 2, 82, 1, 82, 2,
                104, 3, 82, 3, 103, 82, 0, 0, 0, 0, 245, 0, 0, 0, 2, 2,
                104, 2, 82, 4, 109, 0, 0, 0, 128);
        start.writeBytes(new byte[103]); // the first 103 bytes of the binary fill the fragment's 128 payload bytes
        ByteArrayOutputStream rest = bytes(131, 70, 0, 0, 2, 168, 0, 0, 5, 83, 0, 0, 0, 0, 0, 0, 0, 1);
        rest.writeBytes(new byte[25]);

        assertNull(receiver.decode(Unpooled.wrappedBuffer(start.toByteArray())), "the first of two fragments");
        DistMessage whole = receiver.decode(Unpooled.wrappedBuffer(rest.toByteArray()));
        Atom node = Atom.of("a@host");
        assertEquals(Tuple.of(Int.of(6), new Pid(node, 85, 0, 2), Atom.of(""), Atom.of("reg")), whole.control());
        assertEquals(Tuple.of(Atom.of("call"), new Pid(node, 245, 2, 2),
                Tuple.of(Atom.of("set_get_state"), Binary.of(new byte[128]))), whole.payload());
    }

    @Test
    void aFragmentedMessageComesBackWholeThroughTheWriter() throws Exception {
        byte[] big = new byte[300_000];
        new java.util.Random(3).nextBytes(big);
        Term control = regSend(Atom.of("sink"));
        List<DistMessage> back = new WrittenFrames(sender).send(control, Binary.wrap(big)).decode(receiver);
        assertEquals(1, back.size());
        assertEquals(control, back.getFirst().control());
        assertEquals(Binary.wrap(big), back.getFirst().payload());
    }

    // ---------------------------------------------------------------- headers that lie

    @Test
    void aReferenceToAnEntryNeverFilledIsRefused() {
        ByteBuf frame = Unpooled.wrappedBuffer(bytes(131, 68, 1, 0x03, 77).toByteArray());
        FrameException e = assertThrows(FrameException.class, () -> receiver.decode(frame));
        assertEquals("atom cache reference 0: entry 845 (segment 3, index 77) was never filled", e.getMessage());
    }

    @Test
    void aHeaderCutShortIsRefusedWithItsNumbers() {
        FrameException flags = assertThrows(FrameException.class,
                () -> receiver.decode(Unpooled.wrappedBuffer(bytes(131, 68, 9, 0x88).toByteArray())));
        assertEquals("distribution header cut short: the Flags of 9 atom cache references needs 5 bytes, 1 left",
                flags.getMessage());
        FrameException text = assertThrows(FrameException.class,
                () -> receiver.decode(Unpooled.wrappedBuffer(bytes(131, 68, 1, 0x08, 3, 200, 97, 98).toByteArray())));
        assertEquals("distribution header cut short: the atom of atom cache reference 0 needs 200 bytes, 2 left",
                text.getMessage());
        FrameException type = assertThrows(FrameException.class,
                () -> receiver.decode(Unpooled.wrappedBuffer(bytes(131, 71, 0).toByteArray())));
        assertEquals("distribution header type: 71 (expected: 68, 69 or 70)", type.getMessage());
        FrameException magic = assertThrows(FrameException.class,
                () -> receiver.decode(Unpooled.wrappedBuffer(bytes(112, 68).toByteArray())));
        assertEquals("frame starts with 112 (expected: 131, a distribution header was negotiated)", magic.getMessage());
    }

    @Test
    void anAtomThatIsNotUtf8OrTooLongIsRefused() {
        FrameException utf8 = assertThrows(FrameException.class,
                () -> receiver.decode(Unpooled.wrappedBuffer(bytes(131, 68, 1, 0x08, 3, 2, 0xC3, 0x28).toByteArray())));
        assertEquals("atom cache reference 0: the atom text is not UTF-8", utf8.getMessage());
        ByteArrayOutputStream tooLong = bytes(131, 68, 1, 0x18, 3, 1, 0);
        tooLong.writeBytes("x".repeat(256).getBytes(StandardCharsets.US_ASCII));
        FrameException length = assertThrows(FrameException.class,
                () -> receiver.decode(Unpooled.wrappedBuffer(tooLong.toByteArray())));
        assertTrue(length.getMessage().startsWith("atom cache reference 0: atom length: 256 characters"), length.getMessage());
    }

    @Test
    void theAtomTableBoundsWhatAPeerMayAddThroughTheCache() throws FrameException {
        AtomTable table = new AtomTable(2);
        FrameFormat small = FrameFormat.negotiated(FLAGS, EtfEncoder.defaults(), EtfDecoder.builder().atomTable(table).build());
        small.decode(Unpooled.wrappedBuffer(newAtomFrame(0, "one")));
        small.decode(Unpooled.wrappedBuffer(newAtomFrame(1, "two")));
        FrameException full = assertThrows(FrameException.class,
                () -> small.decode(Unpooled.wrappedBuffer(newAtomFrame(2, "three"))));
        assertTrue(full.getMessage().startsWith("atom cache reference 0: atom table full: 2 atoms"), full.getMessage());
    }

    /** A frame whose one reference fills entry {@code index} with {@code text}: control {@code {2}}, then the atom. */
    private static byte[] newAtomFrame(int index, String text) {
        ByteArrayOutputStream out = bytes(131, 68, 1, 0x08, index, text.length());
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bytes(104, 1, 97, 2, 82, 0).toByteArray());
        return out.toByteArray();
    }

    static ByteArrayOutputStream bytes(int... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int value : values) {
            out.write(value);
        }
        return out;
    }

    static byte[] unversioned(Term term) {
        byte[] versioned = Etf.encode(term);
        return Arrays.copyOfRange(versioned, 1, versioned.length);
    }
}
