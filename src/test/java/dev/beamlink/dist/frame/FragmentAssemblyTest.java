package dev.beamlink.dist.frame;

import static dev.beamlink.dist.frame.DistHeaderFormatTest.bytes;
import static dev.beamlink.dist.frame.DistHeaderFormatTest.unversioned;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.fuzz.Allocation;
import dev.beamlink.dist.handshake.DistFlags;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Binary;
import dev.beamlink.etf.EtfDecoder;
import dev.beamlink.etf.EtfEncoder;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Tuple;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Incoming fragments (erl_ext_dist "Distribution Header for fragmented messages"): sequences put back together, also
 * when interleaved, and a peer's hostile stream refused with its numbers: a continuation without a start, ids out of
 * order, a start twice, a fragment count no message could need, too many sequences open, too many bytes held, a
 * message over the size limit.
 */
class FragmentAssemblyTest {

    private static final long MAX_MESSAGE = 1 << 20;
    private static final long MAX_BUFFERED = 2 << 20;
    private static final int MAX_OPEN = 4;

    private final DistHeaderFormat receiver = (DistHeaderFormat) FrameFormat.negotiated(
            new DistFlags(DistFlags.DFLAG_DIST_HDR_ATOM_CACHE | DistFlags.DFLAG_FRAGMENTS), EtfEncoder.defaults(),
            EtfDecoder.defaults(), new FragmentLimits(64 << 10, MAX_MESSAGE, MAX_BUFFERED, MAX_OPEN));

    /** A start: no atom cache references, then {@code data}. */
    private static ByteBuf start(long sequence, long fragments, byte[] data) {
        ByteArrayOutputStream out = bytes(131, DistHeaderFormat.DIST_FRAG_HEADER);
        out.writeBytes(ByteBuffer.allocate(16).putLong(sequence).putLong(fragments).array());
        out.write(0);
        out.writeBytes(data);
        return Unpooled.wrappedBuffer(out.toByteArray());
    }

    private static ByteBuf continuation(long sequence, long fragment, byte[] data) {
        ByteArrayOutputStream out = bytes(131, DistHeaderFormat.DIST_FRAG_CONT);
        out.writeBytes(ByteBuffer.allocate(16).putLong(sequence).putLong(fragment).array());
        out.writeBytes(data);
        return Unpooled.wrappedBuffer(out.toByteArray());
    }

    private FrameException refused(ByteBuf frame) {
        return assertThrows(FrameException.class, () -> receiver.decode(frame));
    }

    @Test
    void interleavedSequencesComeBackWholeAndReleaseWhatTheyHeld() throws FrameException {
        byte[] one = message("one", 10_000);
        byte[] two = message("two", 7_000);
        assertNull(receiver.decode(start(1, 3, Arrays.copyOfRange(one, 0, 4000))));
        assertNull(receiver.decode(start(2, 2, Arrays.copyOfRange(two, 0, 5000))));
        assertNull(receiver.decode(continuation(1, 2, Arrays.copyOfRange(one, 4000, 8000))));
        DistMessage second = receiver.decode(continuation(2, 1, Arrays.copyOfRange(two, 5000, two.length)));
        DistMessage first = receiver.decode(continuation(1, 1, Arrays.copyOfRange(one, 8000, one.length)));
        assertEquals(Tuple.of(Atom.of("two"), Binary.of(new byte[7_000 - 40])), second.payload());
        assertEquals(Tuple.of(Atom.of("one"), Binary.of(new byte[10_000 - 40])), first.payload());
        assertEquals("0 fragmented messages open, 0 bytes buffered", receiver.fragmentState());
    }

    @Test
    void aMessageBufferIsSizedOnceForWhatTheCountAnnounces() throws FrameException {
        // 4 fragments of 70,000 bytes announced: one buffer of 280,000 bytes holds them all, copied into it or
        // (FrameReader, through bodyTarget) read straight into it. Before, a part for each fragment, then the whole.
        byte[] whole = message("big", 200_000);
        int[] cuts = {0, 70_000, 70_100, 150_000, whole.length};
        assertNull(receiver.decode(owned(start(9, 4, Arrays.copyOfRange(whole, cuts[0], cuts[1])))));
        assertNull(receiver.decode(continuation(9, 3, Arrays.copyOfRange(whole, cuts[1], cuts[2]))));
        assertNull(receiver.decode(owned(continuation(9, 2, Arrays.copyOfRange(whole, cuts[2], cuts[3])))));
        assertEquals("1 fragmented messages open, 280000 bytes buffered", receiver.fragmentState());
        DistMessage message = receiver.decode(owned(continuation(9, 1, Arrays.copyOfRange(whole, cuts[3], cuts[4]))));
        assertEquals(Tuple.of(Atom.of("big"), Binary.of(new byte[200_000 - 40])), message.payload());
        assertEquals("0 fragmented messages open, 0 bytes buffered", receiver.fragmentState());
    }

    @Test
    void fragmentsLargerThanTheFirstGrowTheBufferToTwiceWhatIsNeeded() throws FrameException {
        // A count that undersells the message: 3 fragments announced by a start of 1,000 bytes (3,000), then one of
        // 50,000: the buffer grows once, to twice the 51,000 bytes then held, and the last fragment fits.
        byte[] whole = message("grown", 61_000);
        assertNull(receiver.decode(start(4, 3, Arrays.copyOfRange(whole, 0, 1_000))));
        assertEquals("1 fragmented messages open, 3000 bytes buffered", receiver.fragmentState());
        assertNull(receiver.decode(continuation(4, 2, Arrays.copyOfRange(whole, 1_000, 51_000))));
        assertEquals("1 fragmented messages open, 102000 bytes buffered", receiver.fragmentState());
        DistMessage message = receiver.decode(continuation(4, 1, Arrays.copyOfRange(whole, 51_000, whole.length)));
        assertEquals(Tuple.of(Atom.of("grown"), Binary.of(new byte[61_000 - 40])), message.payload());
        assertEquals("0 fragmented messages open, 0 bytes buffered", receiver.fragmentState());
    }

    @Test
    void aBufferHoldsAtMostThirtyTwoTimesWhatArrived() throws FrameException {
        // 1,000 fragments announced by a start of 1,000 bytes: 32,000 bytes, not a million; a continuation of
        // 40,000 grows it to 32 times the 41,000 bytes held, not to the 1,000,000 bytes still announced.
        assertNull(receiver.decode(start(5, 1000, new byte[1_000])));
        assertEquals("1 fragmented messages open, 32000 bytes buffered", receiver.fragmentState());
        assertNull(receiver.decode(continuation(5, 999, new byte[40_000])));
        assertEquals("1 fragmented messages open, 1000000 bytes buffered", receiver.fragmentState());
    }

    /** {@return {@code frame}'s bytes in an OwnedFrame, as FrameReader hands out a large frame it read itself} */
    private static ByteBuf owned(ByteBuf frame) {
        OwnedFrame owned = new OwnedFrame(frame.readableBytes(), frame.readableBytes());
        owned.writeBytes(frame);
        return owned;
    }

    /** The control {@code {2, '', Pid}} and a payload {@code {Name, <<...>>}} of about {@code size} bytes, unversioned. */
    private static byte[] message(String name, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(unversioned(Tuple.of(Int.of(2), Atom.of(""), new dev.beamlink.etf.Pid(Atom.of("p@h"), 1, 0, 1))));
        int head = out.size();
        out.writeBytes(unversioned(Tuple.of(Atom.of(name), Binary.of(new byte[size - 40]))));
        assertTrue(head < 40);
        return out.toByteArray();
    }

    @Test
    void aContinuationWithoutAStart() {
        assertEquals("fragment 2 of fragmented message 9, which was never started",
                refused(continuation(9, 2, new byte[10])).getMessage());
    }

    @Test
    void fragmentIdsOutOfOrder() throws FrameException {
        assertNull(receiver.decode(start(5, 3, new byte[100])));
        assertEquals("fragment 1 of fragmented message 5 (expected: fragment 2)",
                refused(continuation(5, 1, new byte[10])).getMessage());
    }

    @Test
    void aSequenceStartedTwice() throws FrameException {
        assertNull(receiver.decode(start(5, 3, new byte[100])));
        assertEquals("fragmented message 5 started again while fragment 2 of it is awaited",
                refused(start(5, 3, new byte[100])).getMessage());
    }

    @Test
    void aFragmentCountNoMessageCouldNeed() {
        assertEquals("fragmented message 5: 9223372036854775807 fragments (expected: <= 65537 for messages of at most"
                + " 1048576 bytes)", refused(start(5, Long.MAX_VALUE, new byte[10])).getMessage());
        assertEquals("fragmented message 6: 18446744073709551615 fragments (expected: <= 65537 for messages of at most"
                + " 1048576 bytes)", refused(start(6, -1, new byte[10])).getMessage());
        assertEquals("fragmented message 7 starts with fragment 0 (expected: the fragment count, >= 1)",
                refused(start(7, 0, new byte[10])).getMessage());
    }

    @Test
    void sequencesThatNeverFinish() throws FrameException {
        for (int i = 1; i <= MAX_OPEN; i++) {
            assertNull(receiver.decode(start(i, 1000, new byte[16])));
        }
        assertEquals("fragmented message 5: 4 fragmented messages are open already (expected: <= 4)",
                refused(start(MAX_OPEN + 1, 1000, new byte[16])).getMessage());
    }

    @Test
    void aFragmentCountAloneAllocatesNothing() throws FrameException {
        // Starts of 16 bytes that announce 65,537 fragments each: the buffers hold at most 32 times what arrived.
        // Before the fuzz test found it (DistHeaderFuzzTest), each took its fragment count times its size, up to 8 MiB,
        // here 1 MiB.
        AtomicLong sequence = new AtomicLong();
        Allocation.bounded(0, 32 << 10, 0,
                () -> assertNull(receiver.decode(start(sequence.incrementAndGet(), 65_537, new byte[16]))));
        assertEquals("2 fragmented messages open, 1024 bytes buffered", receiver.fragmentState());
    }

    @Test
    void limitsBelowWhatOneFrameHolds() throws FrameException {
        // Messages of at most 100 bytes, less than a sequence's smallest buffer; a first fragment of more. Before
        // DistHeaderFuzzTest found it, any start here threw IllegalArgumentException (a buffer of 256 bytes, at most 100).
        DistHeaderFormat tight = (DistHeaderFormat) FrameFormat.negotiated(
                new DistFlags(DistFlags.DFLAG_DIST_HDR_ATOM_CACHE | DistFlags.DFLAG_FRAGMENTS), EtfEncoder.defaults(),
                EtfDecoder.defaults(), new FragmentLimits(FragmentLimits.MIN_FRAGMENT_SIZE, 100, 300, 2));
        assertNull(tight.decode(start(1, 2, new byte[10])));
        assertEquals("1 fragmented messages open, 20 bytes buffered", tight.fragmentState()); // the 2 fragments announced
        assertEquals("fragmented message 2: 120 bytes in its first fragment (expected: <= 100)",
                assertThrows(FrameException.class, () -> tight.decode(start(2, 2, new byte[120]))).getMessage());
    }

    @Test
    void moreBytesHeldThanAllowed() throws FrameException {
        assertNull(receiver.decode(start(1, 2, new byte[700_000]))); // 700,000 bytes held
        assertNull(receiver.decode(start(2, 2, new byte[700_000]))); // 1,400,000
        FrameException e = refused(start(3, 2, new byte[700_000]));
        assertTrue(e.getMessage().startsWith("fragmented message 3: ") && e.getMessage().endsWith(
                " bytes of fragments buffered (expected: <= " + MAX_BUFFERED + ")"), e.getMessage());
    }

    @Test
    void aMessageOverTheSizeLimit() throws FrameException {
        assertNull(receiver.decode(start(7, 3, new byte[600_000])));
        assertEquals("fragmented message 7: 1200000 bytes after fragment 2 (expected: <= 1048576)",
                refused(continuation(7, 2, new byte[600_000])).getMessage());
    }
}
