package dev.beamlink.dist.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.beamlink.dist.fuzz.Allocation;
import dev.beamlink.dist.fuzz.PeerBytes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Coverage-guided fuzzing (Jazzer) of {@link FrameReader}: the input is what a peer sends after the handshake, read in
 * chunks of varying size, with a receive buffer of the smallest size (so that frames beyond it take the large-frame
 * path) and a maximum frame length far above the input (so that a length field may announce much more than arrives).
 * The only acceptable outcomes: frames, then an {@link EOFException} at the end of the input or a
 * {@link FrameException} for a length above the maximum; the frames, each behind its 4-byte length, are the input's
 * first bytes; and what the reader allocates grows with the bytes that arrived, never with a length field.
 *
 * <p>{@code make test} replays the corpus, {@code src/test/resources/dev/beamlink/dist/frame/FrameReaderFuzzTestInputs/frames/}
 * (streams captured from live erl nodes, and inputs that fuzzing found to reach new code); {@code bench/run fuzz}
 * fuzzes it for a set time.
 */
class FrameReaderFuzzTest {

    private static final int RECEIVE_SIZE = 64;
    private static final long MAX_FRAME_LENGTH = 64L << 20;
    private static final PooledByteBufAllocator ALLOCATOR = new PooledByteBufAllocator(false);

    static {
        ALLOCATOR.heapBuffer(RECEIVE_SIZE, RECEIVE_SIZE).release(); // the pool's first chunk: not the input's doing
    }

    @FuzzTest(maxDuration = "5m")
    void frames(byte[] input) throws IOException {
        PeerBytes[] peers = new PeerBytes[1];
        ByteArrayOutputStream framed = new ByteArrayOutputStream(input.length);
        IOException[] end = new IOException[1];
        long[] bytesRead = new long[1];
        Allocation.bounded(input.length, 64 << 10, 32, () -> {
            PeerBytes peer = new PeerBytes(input);
            peers[0] = peer;
            framed.reset();
            try (FrameReader reader = new FrameReader(peer, RECEIVE_SIZE, MAX_FRAME_LENGTH, ALLOCATOR)) {
                try {
                    while (true) {
                        ByteBuf frame = reader.next();
                        framed.write(ByteBuffer.allocate(FrameReader.LENGTH_SIZE).putInt(frame.readableBytes()).array());
                        frame.getBytes(frame.readerIndex(), framed, frame.readableBytes());
                        if (frame.unwrap() == null) { // a large frame of its own, the caller's to release
                            frame.release();
                        }
                    }
                } catch (EOFException | FrameException e) {
                    end[0] = e;
                }
                bytesRead[0] = reader.bytesRead();
            }
        });
        PeerBytes peer = peers[0];
        byte[] frames = framed.toByteArray();
        assertArrayEquals(frames, Arrays.copyOf(input, frames.length), "the frames are the input's first bytes");
        assertEquals(peer.consumed(), bytesRead[0], "bytesRead()");
        int rest = input.length - frames.length;
        if (end[0] instanceof FrameException e) {
            long length = Integer.toUnsignedLong(ByteBuffer.wrap(input, frames.length, 4).getInt());
            assertTrue(length > MAX_FRAME_LENGTH, e.getMessage());
            assertEquals("frame length: " + length + " (expected: <= " + MAX_FRAME_LENGTH + ")", e.getMessage());
        } else {
            assertTrue(rest < FrameReader.LENGTH_SIZE
                    || rest < FrameReader.LENGTH_SIZE + ByteBuffer.wrap(input, frames.length, 4).getInt(), end[0].getMessage());
            assertEquals(input.length, peer.consumed(), "a stream cut short is read to its end");
        }
    }
}
