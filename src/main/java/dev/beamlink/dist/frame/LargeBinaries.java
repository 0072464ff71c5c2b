package dev.beamlink.dist.frame;

import dev.beamlink.etf.Binary;
import dev.beamlink.etf.EtfEncoder;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Where a sender encodes a message: a pooled heap buffer, or, when the message carries a binary at least as large as
 * the encoder's composite threshold (the message itself, or an element of a message that is a tuple), a composite
 * buffer to which the encoder adds the binary's own bytes as a component instead of copying them. Deeper binaries
 * are copied: finding them would cost every message a walk of its term.
 */
final class LargeBinaries {

    /** The initial size of a pooled body buffer: most messages fit. */
    static final int INITIAL_BODY = 256;
    /** Components of a composite body before netty would consolidate them (a copy): more than any message has. */
    private static final int MAX_COMPONENTS = 1 << 16;

    private LargeBinaries() {
    }

    static ByteBuf bodyBuffer(Term payload, EtfEncoder encoder, ByteBufAllocator allocator) {
        return hasLargeBinary(payload, encoder.compositeThreshold())
                ? allocator.compositeHeapBuffer(MAX_COMPONENTS) : allocator.heapBuffer(INITIAL_BODY);
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
