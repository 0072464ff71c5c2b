package dev.beamlink.dist.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.fuzz.Allocation;
import dev.beamlink.dist.fuzz.PeerBytes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameReaderTest {

    private static byte[] frames(List<byte[]> payloads) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] payload : payloads) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(payload.length).array());
            out.writeBytes(payload);
        }
        return out.toByteArray();
    }

    @Test
    void splitsTicksSmallAndLargeFramesWhateverTheChunking() throws Exception {
        Random random = new Random(7);
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int size = switch (i % 5) {
                case 0 -> 0;                                  // a tick
                case 1 -> 1 + random.nextInt(100);
                case 2 -> 4096;                               // exactly the receive buffer
                case 3 -> 4097 + random.nextInt(100_000);     // larger: a buffer of its own
                default -> random.nextInt(4096);
            };
            byte[] payload = new byte[size];
            random.nextBytes(payload);
            payloads.add(payload);
        }
        try (FrameReader reader = new FrameReader(PeerBytes.seeded(frames(payloads), 1), 4096, 1 << 20,
                PooledByteBufAllocator.DEFAULT)) {
            for (byte[] expected : payloads) {
                ByteBuf frame = reader.next();
                assertArrayEquals(expected, ByteBufUtil.getBytes(frame));
                if (expected.length > 4096) {
                    assertTrue(frame.hasArray(), "a large frame is a heap buffer the caller owns");
                }
            }
            assertThrows(EOFException.class, reader::next);
        }
    }

    /**
     * The receive buffer is taken from the pool when bytes are to be read and given back between frames when nothing is
     * buffered ({@code release}): a quiet connection holds none. With another frame buffered, it is kept.
     */
    @Test
    void theReceiveBufferIsTakenWhenReadingAndGivenBackBetweenFrames() throws Exception {
        PooledByteBufAllocator pool = new PooledByteBufAllocator(false, 1, 0, 8192, 9, 0, 0, false);
        byte[] stream = frames(List.of(new byte[] {1}, new byte[] {2, 2}));
        try (FrameReader reader = new FrameReader(new ChunkedChannel(stream, 1), 4096, 100, pool)) {
            assertTrue(reader.isEmpty());
            assertEquals(0, activeHeap(pool), "none before the first read");
            assertArrayEquals(new byte[] {1}, ByteBufUtil.getBytes(reader.next()));
            assertEquals(1, activeHeap(pool));
            assertTrue(reader.isEmpty());
            reader.release();
            assertEquals(0, activeHeap(pool), "given back: nothing buffered");
            assertArrayEquals(new byte[] {2, 2}, ByteBufUtil.getBytes(reader.next()));
        }
        assertEquals(0, activeHeap(pool), "given back on close");
        try (FrameReader reader = new FrameReader(new ChunkedChannel(stream, stream.length), 4096, 100, pool)) {
            assertArrayEquals(new byte[] {1}, ByteBufUtil.getBytes(reader.next()));
            assertTrue(!reader.isEmpty());
            reader.release();
            assertEquals(1, activeHeap(pool), "kept: the next frame is buffered");
            assertArrayEquals(new byte[] {2, 2}, ByteBufUtil.getBytes(reader.next()));
        }
    }

    private static long activeHeap(PooledByteBufAllocator pool) {
        return pool.metric().heapArenas().stream().mapToLong(io.netty.buffer.PoolArenaMetric::numActiveAllocations).sum();
    }

    /** A channel that gives its input at most {@code chunk} bytes a read. */
    private static final class ChunkedChannel extends StubChannel {
        private final byte[] input;
        private final int chunk;
        private final int[] position = new int[1];

        ChunkedChannel(byte[] input, int chunk) {
            this.input = input;
            this.chunk = chunk;
        }

        @Override
        public int read(ByteBuffer target) {
            int n = Math.min(Math.min(chunk, target.remaining()), input.length - position[0]);
            if (n == 0) {
                return -1;
            }
            target.put(input, position[0], n);
            position[0] += n;
            return n;
        }
    }

    @Test
    void aLengthAboveTheMaximumIsRefusedBeforeAnyAllocation() throws Exception {
        byte[] hostile = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1, 2, 3};
        try (FrameReader reader = new FrameReader(PeerBytes.seeded(hostile, 2), 4096, 64 << 20, PooledByteBufAllocator.DEFAULT)) {
            FrameException e = assertThrows(FrameException.class, reader::next);
            assertEquals("frame length: 4294967295 (expected: <= 67108864)", e.getMessage());
        }
    }

    @Test
    void aLargeDeclaredLengthWithFewBytesAllocatesOnlyWhatArrives() throws Exception {
        // 60 MiB announced, 10 bytes sent: the peer's close is reported, and the reader allocated no more than its
        // receive buffer's size ahead of them (before the fuzz test found it, it took 1 MiB on the length's word).
        byte[] truncated = new byte[4 + 10];
        ByteBuffer.wrap(truncated).putInt(60 << 20);
        Allocation.bounded(truncated.length, 32 << 10, 0, () -> {
            try (FrameReader reader = new FrameReader(PeerBytes.seeded(truncated, 3), 4096, 64 << 20,
                    PooledByteBufAllocator.DEFAULT)) {
                EOFException e = assertThrows(EOFException.class, reader::next);
                assertEquals("the peer closed the connection after 10 of the 62914560 bytes of a frame", e.getMessage());
            }
        });
    }

    @Test
    void aCloseInsideASmallFrameOrItsLengthIsReported() throws Exception {
        try (FrameReader reader = new FrameReader(PeerBytes.seeded(new byte[] {0, 0, 0, 9, 1, 2}, 4), 4096, 100,
                PooledByteBufAllocator.DEFAULT)) {
            assertEquals("the peer closed the connection inside a frame of 9 bytes",
                    assertThrows(EOFException.class, reader::next).getMessage());
        }
        try (FrameReader reader = new FrameReader(PeerBytes.seeded(new byte[] {0, 0}, 5), 4096, 100,
                PooledByteBufAllocator.DEFAULT)) {
            assertThrows(EOFException.class, reader::next);
        }
    }
}
