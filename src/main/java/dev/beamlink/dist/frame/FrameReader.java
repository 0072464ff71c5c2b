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
 * <p>A frame whose format takes its bytes where they belong ({@link FrameFormat#bodyTarget}: a continuation of a
 * fragmented message, into its message's buffer, which the decoded binary then shares) is read there: its first
 * {@link FrameFormat#TARGET_HEAD} bytes are handed out alone, and the rest go from the receive buffer (what was
 * already read), then straight from the channel, into the target. The read that finishes such a body also reads the
 * next frame's length and head into the receive buffer ({@link DistChannel#read(ByteBuffer, ByteBuffer)}, a scattering
 * read), and no more: a next fragment's bytes, too, go straight to their target, not through the receive buffer (a
 * copy more). A 1 MiB binary in OTP's 64 KiB fragments is so copied once between the socket and the binary, out of
 * the JDK's native read buffer.
 *
 * <p>Bytes are read in large chunks into one receive buffer, and a frame that fits there is handed out as
 * a slice of it, without a copy; the slice is valid until the next call to {@link #next()}. The receive buffer is a
 * pooled heap buffer: the decoder reads heap memory faster than direct memory (no bounds and session checks of a
 * native segment on every byte), and, the buffer being pooled, it never shares the bytes of a binary out of it (it
 * copies them), as the buffer is reused. A frame larger than the receive buffer, or one of at least
 * {@link #OWNED_MIN} bytes that has not all arrived yet (a fragment of a large message, say), gets a heap buffer of its
 * own, an {@link OwnedFrame}, into which the bytes still to come are read straight from the channel: the caller owns
 * it outright (its bytes may be shared by the terms decoded from it, or kept as a part of a fragmented message), so the
 * bytes of a large message are not copied out of the receive buffer once more. It grows only as its bytes actually
 * arrive (by at most the receive buffer's size, or as much again as arrived, ahead of them), so a length
 * field alone never makes this reader allocate what it announces. The receive buffer is taken from
 * the pool when bytes are to be read, and given back when the connection falls quiet ({@link #release()}): an idle
 * connection holds none. It starts small ({@link #SMALL_RECEIVE_SIZE}, or the configured size if that is smaller):
 * a connection whose frames come a few at a time needs no more; a read that fills it, or a frame that does not fit in
 * it but in the configured size, moves the reader to a buffer of the configured size until the connection is quiet
 * again.
 */
public final class FrameReader implements AutoCloseable {

    /** Size of the length prefix. */
    public static final int LENGTH_SIZE = 4;
    /** The receive buffer's size until the input streams: an eighth of the node's default. */
    static final int SMALL_RECEIVE_SIZE = 16 << 10;
    /**
     * The smallest frame read into a buffer of its own when its bytes have not all arrived: a fragment of OTP's size
     * (64 KiB) is, a small message never is.
     */
    static final int OWNED_MIN = 32 << 10;
    /** What a fill reads right after a frame whose body went to its target: the next frame's length and head. */
    static final int PEEK = LENGTH_SIZE + FrameFormat.TARGET_HEAD;

    private final DistChannel channel;
    private final long maxFrameLength;
    private final int receiveSize;
    private final PooledByteBufAllocator allocator;
    /** The receive buffer, or null while the reader holds none. */
    private ByteBuf receive;
    /** The size of the receive buffer to take: small, or {@link #receiveSize} once the input streams. */
    private int currentSize;
    private long bytesRead;
    private final FrameFormat format;
    /**
     * Whether the last frame's body went to its {@link FrameFormat#bodyTarget}: the next fill reads no more than the
     * next frame's length and head ({@link #PEEK}), so that the body of a next fragment, too, goes straight where it
     * belongs rather than through the receive buffer (a copy more).
     */
    private boolean peek;
    /** The head of the last frame whose body went to its target, as {@link #next()} hands it out. */
    private final ByteBuf routedHead = Unpooled.buffer(FrameFormat.TARGET_HEAD, FrameFormat.TARGET_HEAD);

    /**
     * @param channel        the connected channel to read from
     * @param receiveSize    the receive buffer's size, and the largest frame handed out as a slice of it
     * @param maxFrameLength the largest frame accepted
     * @param allocator      where the receive buffer comes from (given back by {@link #release()} and
     *                       {@link #close()}): a pooled one, so that decoded binaries never share the reused buffer's bytes
     */
    public FrameReader(DistChannel channel, int receiveSize, long maxFrameLength, PooledByteBufAllocator allocator) {
        this(channel, receiveSize, maxFrameLength, allocator, null);
    }

    /**
     * @param format where the bytes of a frame go instead of a frame buffer ({@link FrameFormat#bodyTarget}: a
     *               fragment's, into its message's buffer), or null: every frame whole
     */
    public FrameReader(DistChannel channel, int receiveSize, long maxFrameLength, PooledByteBufAllocator allocator,
                       FrameFormat format) {
        if (receiveSize < 64) {
            throw new IllegalArgumentException("receive buffer size: " + receiveSize + " (expected: >= 64)");
        }
        this.channel = channel;
        this.maxFrameLength = maxFrameLength;
        this.receiveSize = receiveSize;
        this.currentSize = Math.min(SMALL_RECEIVE_SIZE, receiveSize);
        this.allocator = allocator;
        this.format = format;
    }

    /**
     * {@return the next frame's bytes}: an empty buffer for a tick. A frame that fit the receive buffer is
     * a slice of it, valid until the next call; a larger one, or a large one still arriving, is an {@link OwnedFrame}.
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
        if (format != null && size > FrameFormat.TARGET_HEAD) {
            ByteBuf head = routed(size);
            if (head != null) {
                return head;
            }
        }
        peek = false;
        if (size <= receiveSize && (size < OWNED_MIN || receive.readableBytes() >= size)) {
            if (!fill(size)) {
                throw new EOFException("the peer closed the connection inside a frame of " + size + " bytes");
            }
            ByteBuf frame = receive.slice(receive.readerIndex(), size);
            receive.skipBytes(size);
            return frame;
        }
        return readLarge(size);
    }

    /** {@return whether no byte is buffered: the last frame handed out was the last one read, and whole} */
    public boolean isEmpty() {
        return receive == null || !receive.isReadable();
    }

    /**
     * Gives the receive buffer back to its pool if no byte is buffered (the last frame handed out, a slice of it, is
     * then no longer valid); the next read takes one again.
     */
    public void release() {
        if (receive != null && !receive.isReadable()) {
            receive.release();
            receive = null;
            currentSize = Math.min(SMALL_RECEIVE_SIZE, receiveSize);
        }
    }

    /** {@return how many bytes this reader has read from the channel} */
    public long bytesRead() {
        return bytesRead;
    }

    /**
     * {@return the first {@link FrameFormat#TARGET_HEAD} bytes of the frame of {@code size} bytes that starts at the
     * receive buffer's reader index, when its format took the rest ({@link FrameFormat#bodyTarget}), now read into
     * the target; else null, nothing consumed}
     */
    private ByteBuf routed(int size) throws IOException {
        if (!fill(FrameFormat.TARGET_HEAD)) {
            throw new EOFException("the peer closed the connection inside a frame of " + size + " bytes");
        }
        ByteBuf target = format.bodyTarget(receive, size); // asked of every frame: no slice made for it
        if (target == null) {
            return null;
        }
        // The head is handed out from a buffer of its own: the receive buffer takes the next frame's start meanwhile.
        routedHead.clear().writeBytes(receive, FrameFormat.TARGET_HEAD);
        int body = size - FrameFormat.TARGET_HEAD;
        int buffered = Math.min(receive.readableBytes(), body);
        target.writeBytes(receive, buffered);
        int end = target.writerIndex() + body - buffered;
        if (target.writerIndex() < end) {
            // The receive buffer is empty: the reads that finish the body put the next frame's length and head there.
            receive.clear();
            ByteBuffer next = receive.nioBuffer(0, Math.min(PEEK, receive.capacity()));
            do {
                int wanted = end - target.writerIndex();
                int n = channel.read(target.nioBuffer(target.writerIndex(), wanted), next);
                if (n < 0) {
                    throw new EOFException("the peer closed the connection after " + (body - end + target.writerIndex())
                            + " of the " + body + " bytes after the head of a frame");
                }
                bytesRead += n;
                target.writerIndex(target.writerIndex() + Math.min(n, wanted));
                if (n > wanted) {
                    receive.writerIndex(n - wanted);
                }
            } while (target.writerIndex() < end);
        }
        peek = true;
        return routedHead;
    }

    private ByteBuf readLarge(int size) throws IOException {
        // Room for one receive buffer's worth ahead of the bytes that arrived, doubling as they arrive: what the length
        // field announces is never allocated on its word alone.
        int ahead = receive.capacity();
        ByteBuf frame = new OwnedFrame(Math.min(size, ahead), size);
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
        if (receive == null) {
            receive = allocator.heapBuffer(currentSize, currentSize);
        }
        if (receive.readableBytes() >= needed) {
            return true;
        }
        if (needed > currentSize) {
            currentSize = receiveSize; // a frame larger than the small buffer (next() sends larger ones around it)
        }
        if (receive.capacity() < currentSize) {
            ByteBuf larger = allocator.heapBuffer(currentSize, currentSize);
            larger.writeBytes(receive);
            receive.release();
            receive = larger;
        } else {
            receive.discardReadBytes();
        }
        while (receive.readableBytes() < needed) {
            int wanted = peek ? Math.min(receive.writableBytes(), Math.max(PEEK, needed) - receive.readableBytes())
                    : receive.writableBytes();
            ByteBuffer target = receive.nioBuffer(receive.writerIndex(), wanted);
            int n = channel.read(target);
            if (n < 0) {
                return false;
            }
            bytesRead += n;
            receive.writerIndex(receive.writerIndex() + n);
            if (n == wanted && !peek) {
                currentSize = receiveSize; // the input streams: the next fill takes the full-size buffer
            }
        }
        return true;
    }

    @Override
    public void close() {
        if (receive != null) {
            receive.release();
            receive = null;
        }
    }
}
