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
    /** The term being encoded, whose size is guessed when the buffer first fills; null once guessed. */
    private Term term;

    /**
     * @param term the term to be encoded: a buffer with room for it is written as it is, and one without is grown
     *             once to the size {@link SizeGuess guessed} for it when it fills (the buffer must have an array)
     */
    HeapBufSink(ByteBuf buf, Term term) {
        this.buf = buf;
        this.writerIndex = buf.writerIndex();
        this.term = term;
        refresh();
    }

    @Override
    void grow(int written, int needed) {
        grownCapacity(end - start, written, needed); // the same limit as an array's
        buf.writerIndex(writerIndex + written);      // the written bytes are the buffer's, kept as it grows
        int room = needed;
        if (term != null) { // the first time: room for the whole term at once, as far as the buffer may grow
            long guessed = (long) SizeGuess.of(term, 0) - written;
            term = null;
            if (guessed > needed) {
                room = (int) Math.min(guessed, Math.max(needed, buf.maxWritableBytes()));
            }
        }
        buf.ensureWritable(room);
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
