package dev.beamlink.dist.frame;

import dev.beamlink.dist.transport.DistChannel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Splits the byte stream of a connected channel into distribution frames: a 4-byte big-endian length,
 * then that many bytes; a frame of length 0 is a tick (erl_dist_protocol, "Protocol between Connected
 * Nodes"). Before the handshake completed, the same stream carried the handshake's frames, with a 2-byte length
 * ({@code dev.beamlink.dist.handshake}); from the first frame after it, every length takes 4 bytes.
 *
 * <pre>{@code
 * A frame                                      next() returns
 * BEFORE DECODE (4 + n bytes)                  AFTER DECODE (n bytes)
 * 0                4                   4 + n   0                   n
 * +----------------+-------------------+       +-------------------+
 * | Length         | Frame             |  -->  | Frame             |
 * | 4: n, unsigned | n: a distribution |       | the same n bytes  |
 * | big-endian     | header, or 112    |       | (FrameFormat      |
 * |                | (pass-through)    |       | reads them)       |
 * +----------------+-------------------+       +-------------------+
 *
 * A tick, which keeps the connection alive
 * BEFORE DECODE (4 bytes)                      AFTER DECODE (0 bytes)
 * 0                4                           0
 * +----------------+                           ++
 * | Length         |                      -->  ||  an empty buffer
 * | 4: 0           |                           ++
 * +----------------+
 * }</pre>
 *
 * <p>A length above the configured maximum closes the connection, before anything is allocated for it.
 *
 * <p>Bytes are read in large chunks into one receive buffer, and a frame that fits there is handed out as
 * a slice of it, without a copy; the slice is valid until the next call to {@link #next()}. The receive buffer is a
 * pooled heap buffer: the decoder reads heap memory faster than direct memory (no bounds and session checks of a
 * native segment on every byte), and, the buffer being pooled, it never shares the bytes of a binary out of it (it
 * copies them), as the buffer is reused. A frame larger than the receive buffer gets a heap buffer of its own, which
 * the caller then owns outright (its bytes may be shared by the terms decoded from it) and which grows only as its
 * bytes actually arrive (by at most the receive buffer's size, or as much again as arrived, ahead of them), so a
 * length field alone never makes this reader allocate what it announces.
 */
public final class FrameReader implements AutoCloseable {

    /** Size of the length prefix. */
    public static final int LENGTH_SIZE = 4;

    private final DistChannel channel;
    private final long maxFrameLength;
    private final ByteBuf receive;
    private long bytesRead;

    /**
     * @param channel        the connected channel to read from
     * @param receiveSize    the receive buffer's size, and the largest frame handed out as a slice of it
     * @param maxFrameLength the largest frame accepted
     * @param allocator      where the receive buffer comes from (released by {@link #close()}): a pooled one, so
     *                       that decoded binaries never share the reused buffer's bytes
     */
    public FrameReader(DistChannel channel, int receiveSize, long maxFrameLength, PooledByteBufAllocator allocator) {
        if (receiveSize < 64) {
            throw new IllegalArgumentException("receive buffer size: " + receiveSize + " (expected: >= 64)");
        }
        this.channel = channel;
        this.maxFrameLength = maxFrameLength;
        this.receive = allocator.heapBuffer(receiveSize, receiveSize);
    }

    /**
     * {@return the next frame's bytes}: an empty buffer for a tick. A frame that fit the receive buffer is
     * a slice of it, valid until the next call; a larger one is a heap buffer of its own.
     *
     * @throws EOFException   when the peer closes the connection (between frames or inside one)
     * @throws FrameException when a frame's length exceeds the maximum
     */
    public ByteBuf next() throws IOException {
        if (!fill(LENGTH_SIZE)) {
            throw new EOFException("the peer closed the connection");
        }
        long length = receive.readUnsignedInt();
        if (length > maxFrameLength) {
            throw new FrameException("frame length: " + length + " (expected: <= " + maxFrameLength + ")");
        }
        int size = (int) length;
        if (size <= receive.capacity()) {
            if (!fill(size)) {
                throw new EOFException("the peer closed the connection inside a frame of " + size + " bytes");
            }
            ByteBuf frame = receive.slice(receive.readerIndex(), size);
            receive.skipBytes(size);
            return frame;
        }
        return readLarge(size);
    }

    /** {@return how many bytes this reader has read from the channel} */
    public long bytesRead() {
        return bytesRead;
    }

    private ByteBuf readLarge(int size) throws IOException {
        // Room for one receive buffer's worth ahead of the bytes that arrived, doubling as they arrive: what the length
        // field announces is never allocated on its word alone.
        int ahead = receive.capacity();
        ByteBuf frame = Unpooled.buffer(Math.min(size, ahead), size);
        frame.writeBytes(receive, Math.min(receive.readableBytes(), size));
        while (frame.writerIndex() < size) {
            frame.ensureWritable(Math.min(size - frame.writerIndex(), Math.max(frame.writerIndex(), ahead)));
            ByteBuffer target = frame.nioBuffer(frame.writerIndex(), Math.min(frame.writableBytes(), size - frame.writerIndex()));
            int n = channel.read(target);
            if (n < 0) {
                throw new EOFException("the peer closed the connection after " + frame.writerIndex()
                        + " of the " + size + " bytes of a frame");
            }
            bytesRead += n;
            frame.writerIndex(frame.writerIndex() + n);
        }
        return frame;
    }

    /** Makes at least {@code needed} bytes readable in the receive buffer; {@return false} at end of stream. */
    private boolean fill(int needed) throws IOException {
        if (receive.readableBytes() >= needed) {
            return true;
        }
        receive.discardReadBytes();
        while (receive.readableBytes() < needed) {
            ByteBuffer target = receive.nioBuffer(receive.writerIndex(), receive.writableBytes());
            int n = channel.read(target);
            if (n < 0) {
                return false;
            }
            bytesRead += n;
            receive.writerIndex(receive.writerIndex() + n);
        }
        return true;
    }

    @Override
    public void close() {
        if (receive.refCnt() > 0) {
            receive.release();
        }
    }
}
