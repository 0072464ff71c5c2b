package dev.beamlink.dist.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.beamlink.dist.fuzz.Allocation;
import dev.beamlink.dist.handshake.DistFlags;
import dev.beamlink.etf.AtomTable;
import dev.beamlink.etf.EtfDecoder;
import dev.beamlink.etf.EtfEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing (Jazzer) of what a frame holds: the distribution header with its atom cache, fragmented
 * messages put back together (erl_ext_dist "Distribution Header", "Distribution Header for fragmented messages"), and
 * pass-through frames. The input is a peer's stream after the handshake, frames behind their 4-byte lengths (cut here
 * as {@link FrameReader} cuts them), decoded by one connection's {@link FrameFormat}: the distribution header's with
 * fragments, or pass-through when the first frame starts with 112; once with generous limits and once with limits
 * below what one frame may hold. The only acceptable outcomes, frame after frame: a {@link DistMessage}, null for a
 * fragment that does not complete its message, or a {@link FrameException}, which ends the connection; what decoding
 * allocates grows with the bytes that arrived, never with a count or length field (a fragment count above all). Each
 * message decoded round-trips: written by another connection's format (in fragments of 64 bytes when it is longer) and
 * read back by a third, it is the same message.
 *
 * <p>{@code make test} replays the corpus, {@code src/test/resources/dev/beamlink/dist/frame/DistHeaderFuzzTestInputs/frames/}
 * (streams captured from live erl nodes, and inputs that fuzzing found to reach new code); {@code bench/run fuzz}
 * fuzzes it for a set time.
 */
class DistHeaderFuzzTest {

    private static final DistFlags FRAGMENTS = new DistFlags(DistFlags.DFLAG_DIST_HDR_ATOM_CACHE | DistFlags.DFLAG_FRAGMENTS);
    /** The receiving side's limits: OTP's default largest message, few sequences open, little held in all. */
    private static final FragmentLimits LIMITS = new FragmentLimits(FragmentLimits.DEFAULT_FRAGMENT_SIZE, 128L << 20,
            16L << 20, 8);
    /** Limits far below what a frame may hold: a message smaller than a sequence's first buffer, two sequences open. */
    private static final FragmentLimits TIGHT = new FragmentLimits(FragmentLimits.MIN_FRAGMENT_SIZE, 100, 300, 2);
    /** The writing side of the round trip: small fragments, so that fuzzed messages go in several. */
    private static final FragmentLimits SMALL_FRAGMENTS = new FragmentLimits(64, 128L << 20, 16L << 20, 8);

    @FuzzTest(maxDuration = "5m")
    void frames(byte[] input) throws FrameException {
        boolean passThrough = input.length > 4 && (input[4] & 0xFF) == PassThroughFormat.PASS_THROUGH;
        roundTrip(decode(input, passThrough, LIMITS), passThrough);
        decode(input, passThrough, TIGHT);
    }

    /** {@return the messages of the frames in {@code input}, read by one connection's format, until it refuses one} */
    private static List<DistMessage> decode(byte[] input, boolean passThrough, FragmentLimits limits) {
        List<DistMessage> messages = new ArrayList<>();
        Allocation.bounded(input.length, 1 << 20, 512, () -> {
            messages.clear();
            FrameFormat format = FrameFormat.negotiated(passThrough ? new DistFlags(0) : FRAGMENTS,
                    EtfEncoder.defaults(), decoder(), limits);
            try {
                ByteBuffer stream = ByteBuffer.wrap(input);
                while (stream.remaining() >= FrameReader.LENGTH_SIZE) {
                    int length = stream.getInt();
                    if (length < 0 || length > stream.remaining()) {
                        break; // a frame the stream does not hold whole: FrameReader's business
                    }
                    ByteBuf frame = Unpooled.wrappedBuffer(input, stream.position(), length);
                    stream.position(stream.position() + length);
                    if (length > 0) { // a tick is no frame of a format
                        DistMessage message = format.decode(frame);
                        if (message != null) {
                            messages.add(message);
                        }
                    }
                }
            } catch (FrameException refused) {
                // The connection closes: the contract's one other outcome.
            } finally {
                format.closeReading();
            }
        });
        return messages;
    }

    /** Writes each message as a connection does, in fragments when it is long, and reads it back: the same message. */
    private static void roundTrip(List<DistMessage> messages, boolean passThrough) throws FrameException {
        DistFlags flags = passThrough ? new DistFlags(0) : FRAGMENTS;
        FrameFormat writer = FrameFormat.negotiated(flags, EtfEncoder.defaults(), decoder(), SMALL_FRAGMENTS);
        FrameFormat reader = FrameFormat.negotiated(flags, EtfEncoder.defaults(), decoder(), LIMITS);
        long sequence = 1;
        for (DistMessage message : messages) {
            OutgoingFrame frame = writer.encode(message.control(), message.payload(), OutgoingFrame.NO_SENDER);
            try {
                DistMessage again = null;
                int size = writer.fragmentSize();
                if (size == 0 || frame.bodyLength() <= size) {
                    again = reader.decode(withHeader(frame, 0, frame.bodyLength(), out -> writer.writeHeader(frame, out)));
                } else {
                    long fragments = (frame.bodyLength() + size - 1) / size;
                    long id = sequence++;
                    for (long f = fragments; f >= 1; f--) {
                        int from = (int) ((fragments - f) * size);
                        int bytes = Math.min(size, frame.bodyLength() - from);
                        long fragment = f;
                        again = reader.decode(withHeader(frame, from, bytes,
                                out -> writer.writeFragmentHeader(frame, id, fragment, fragments, bytes, out)));
                    }
                }
                assertNotNull(again, "the last fragment completes the message");
                assertEquals(message, again);
            } finally {
                frame.release();
            }
        }
        reader.closeReading();
    }

    /** {@return a frame as the reader gets it: the header {@code header} writes, then body bytes, no length} */
    private static ByteBuf withHeader(OutgoingFrame frame, int from, int bytes, java.util.function.Consumer<HeaderBytes> header) {
        HeaderBytes out = new HeaderBytes();
        header.accept(out);
        ByteBuf whole = Unpooled.buffer();
        whole.writeBytes(out.array(), FrameReader.LENGTH_SIZE, out.length() - FrameReader.LENGTH_SIZE);
        whole.writeBytes(frame.body, frame.body.readerIndex() + from, bytes);
        assertEquals(whole.readableBytes(), ByteBuffer.wrap(out.array()).getInt(), "the length the header says");
        return whole;
    }

    /** {@return a decoder as a connection's, with limits that keep each run fast} */
    private static EtfDecoder decoder() {
        return EtfDecoder.builder().atomTable(new AtomTable(1000)).maxDecompressedSize(4 << 10)
                .maxTermMemory(16 << 20).build();
    }
}
