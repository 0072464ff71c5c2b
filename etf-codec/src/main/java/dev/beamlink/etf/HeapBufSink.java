package dev.beamlink.etf;

import io.netty.buffer.ByteBuf;

/**
 * A {@link ByteSink} over the backing array of a heap {@link ByteBuf}, from its writer index: the bytes
 * go straight into the buffer, which grows through {@link ByteBuf#ensureWritable(int)} (so within its
 * maximum capacity, with its own allocator).
 */
final class HeapBufSink extends ByteSink {

    private final ByteBuf buf;
    private final int writerIndex;

    /** @param hint bytes to make room for at once (the buffer must have an array) */
    HeapBufSink(ByteBuf buf, int hint) {
        this.buf = buf;
        this.writerIndex = buf.writerIndex();
        buf.ensureWritable(hint);
        refresh();
    }

    @Override
    void grow(int written, int needed) {
        grownCapacity(end - start, written, needed); // the same limit as an array's
        buf.writerIndex(writerIndex + written);      // the written bytes are the buffer's, kept as it grows
        buf.ensureWritable(needed);
        refresh();
    }

    /** Moves the buffer's writer index past the {@code written} bytes of the encoding. */
    void finish(int written) {
        buf.writerIndex(writerIndex + written);
    }

    private void refresh() {
        array = buf.array();
        start = buf.arrayOffset() + writerIndex;
        end = buf.arrayOffset() + buf.capacity();
    }
}
