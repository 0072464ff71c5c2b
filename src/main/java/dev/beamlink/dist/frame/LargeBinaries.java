package dev.beamlink.dist.frame;

import dev.beamlink.etf.Binary;
import dev.beamlink.etf.EtfEncoder;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;

/**
 * Where a sender encodes a message: a heap buffer of its own, or, when the message carries a binary at least as large
 * as the encoder's composite threshold (the message itself, or an element of a message that is a tuple), a composite
 * buffer to which the encoder adds the binary's own bytes as a component instead of copying them. Deeper binaries
 * are copied: finding them would cost every message a walk of its term.
 *
 * <p>The heap buffer is a plain array from the sender's allocation buffer, freed by the young collection once the
 * writer copied it, not one of netty's pooled buffers: the pool keeps thread caches only for netty's own threads
 * ({@code io.netty.allocator.useCacheForAllThreads} is off), so for a process's virtual thread each allocation, and
 * each release on the writer thread, would take an arena lock and count in shared {@code LongAdder}s, a large share
 * of a sending JVM's time when messages stream. Nor do these buffers count in netty's metrics.
 */
final class LargeBinaries {

    /** The initial size of a body buffer: most messages fit. */
    static final int INITIAL_BODY = 128;
    /** Components of a composite body before netty would consolidate them (a copy): more than any message has. */
    private static final int MAX_COMPONENTS = 1 << 16;

    private LargeBinaries() {
    }

    static ByteBuf bodyBuffer(Term payload, EtfEncoder encoder) {
        return hasLargeBinary(payload, encoder.compositeThreshold())
                ? new CompositeByteBuf(UnpooledByteBufAllocator.DEFAULT, false, MAX_COMPONENTS)
                : new UnpooledHeapByteBuf(UnpooledByteBufAllocator.DEFAULT, INITIAL_BODY, Integer.MAX_VALUE);
    }

    static boolean hasLargeBinary(Term payload, int threshold) {
        if (payload instanceof Binary b) {
            return b.size() >= threshold;
        }
        if (payload instanceof Tuple t) {
            for (int i = 0, n = t.size(); i < n; i++) {
                if (t.get(i) instanceof Binary b && b.size() >= threshold) {
                    return true;
                }
            }
        }
        return false;
    }
}
