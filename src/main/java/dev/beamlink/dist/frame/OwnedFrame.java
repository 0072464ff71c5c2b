package dev.beamlink.dist.frame;

import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;

/**
 * A frame that {@link FrameReader} read into a heap buffer of its own rather than handing out a slice of its reused
 * receive buffer: whoever decodes it may keep its bytes, as {@link FragmentAssembler} keeps a fragment's as a part of
 * its message instead of copying them.
 */
final class OwnedFrame extends UnpooledHeapByteBuf {

    OwnedFrame(int initialCapacity, int maxCapacity) {
        super(UnpooledByteBufAllocator.DEFAULT, initialCapacity, maxCapacity);
    }
}
