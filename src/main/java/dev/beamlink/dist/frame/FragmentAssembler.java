package dev.beamlink.dist.frame;

import dev.beamlink.etf.Atom;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HashMap;
import java.util.Map;

/**
 * Puts the fragmented messages of one connection back together (erl_ext_dist "Distribution Header for fragmented
 * messages"): a start (header 69) opens a sequence with its fragment count and its atom cache references, each
 * continuation (header 70) must carry the next fragment id, counting down, and the one with id 1 completes the
 * message. The bytes wait in a heap buffer of the sequence's own, so that the terms decoded from it may share them.
 *
 * <p>What a peer can make this node hold is bounded: a message at most {@link FragmentLimits#maxMessageSize()} bytes,
 * at most {@link FragmentLimits#maxOpenSequences()} sequences open at once, and at most
 * {@link FragmentLimits#maxBufferedBytes()} bytes (buffer capacity) over all of them. A fragment count is trusted for
 * the order of the fragments alone: a sequence's buffer holds what arrived and doubles as more does, never sized by the
 * count. Anything beyond, and any fragment out of order or without its start, is a {@link FrameException}: the
 * connection closes. The reader thread alone uses this.
 */
final class FragmentAssembler {

    /** The smallest buffer a sequence starts with, whatever its first fragment (unless messages are smaller). */
    private static final int MIN_CAPACITY = 256;

    /** A message whose fragments are still to come. */
    static final class Sequence {
        final long id;
        final Atom[] atoms;
        final ByteBuf bytes;
        long next;

        private Sequence(long id, Atom[] atoms, ByteBuf bytes, long next) {
            this.id = id;
            this.atoms = atoms;
            this.bytes = bytes;
            this.next = next;
        }
    }

    private final FragmentLimits limits;
    private final Map<Long, Sequence> open = new HashMap<>();
    private long buffered;

    FragmentAssembler(FragmentLimits limits) {
        this.limits = limits;
    }

    /**
     * Opens sequence {@code id} of {@code fragments} fragments (more than one) with the readable bytes of
     * {@code first}, the start's bytes after its header.
     */
    void start(long id, long fragments, Atom[] atoms, ByteBuf first) throws FrameException {
        Sequence existing = open.get(id);
        if (existing != null) {
            throw new FrameException("fragmented message " + Long.toUnsignedString(id) + " started again while fragment "
                    + existing.next + " of it is awaited");
        }
        long maxFragments = limits.maxMessageSize() / FragmentLimits.MIN_FRAGMENT_SIZE + 1;
        if (Long.compareUnsigned(fragments, maxFragments) > 0) {
            throw new FrameException("fragmented message " + Long.toUnsignedString(id) + ": " + Long.toUnsignedString(fragments)
                    + " fragments (expected: <= " + maxFragments + " for messages of at most " + limits.maxMessageSize() + " bytes)");
        }
        if (open.size() >= limits.maxOpenSequences()) {
            throw new FrameException("fragmented message " + Long.toUnsignedString(id) + ": " + open.size()
                    + " fragmented messages are open already (expected: <= " + limits.maxOpenSequences() + ")");
        }
        // The buffer holds what arrived, and grows, doubling, as more does (resume): the fragment count is the peer's
        // word, and allocating for it would let a few bytes hold megabytes.
        int size = first.readableBytes();
        if (size > limits.maxMessageSize()) {
            throw new FrameException("fragmented message " + Long.toUnsignedString(id) + ": " + size
                    + " bytes in its first fragment (expected: <= " + limits.maxMessageSize() + ")");
        }
        int maxCapacity = (int) Math.min(limits.maxMessageSize(), Integer.MAX_VALUE - 8);
        int capacity = Math.min(Math.max(size, MIN_CAPACITY), maxCapacity);
        reserve(id, capacity);
        ByteBuf bytes = Unpooled.buffer(capacity, maxCapacity);
        bytes.writeBytes(first);
        open.put(id, new Sequence(id, atoms, bytes, fragments - 1));
    }

    /**
     * Adds the readable bytes of continuation {@code fragment} of sequence {@code id}. {@return the sequence when this
     * was its last fragment (its bytes now the whole message, the caller's to release), else null}
     */
    Sequence resume(long id, long fragment, ByteBuf more) throws FrameException {
        Sequence sequence = open.get(id);
        if (sequence == null) {
            throw new FrameException("fragment " + Long.toUnsignedString(fragment) + " of fragmented message "
                    + Long.toUnsignedString(id) + ", which was never started");
        }
        if (fragment != sequence.next) {
            throw new FrameException("fragment " + Long.toUnsignedString(fragment) + " of fragmented message "
                    + Long.toUnsignedString(id) + " (expected: fragment " + sequence.next + ")");
        }
        ByteBuf bytes = sequence.bytes;
        long size = (long) bytes.writerIndex() + more.readableBytes();
        if (size > limits.maxMessageSize()) {
            throw new FrameException("fragmented message " + Long.toUnsignedString(id) + ": " + size
                    + " bytes after fragment " + fragment + " (expected: <= " + limits.maxMessageSize() + ")");
        }
        if (size > bytes.capacity()) {
            int grown = (int) Math.max(size, Math.min(2L * bytes.capacity(), bytes.maxCapacity()));
            reserve(id, grown - bytes.capacity());
            bytes.capacity(grown);
        }
        bytes.writeBytes(more);
        sequence.next--;
        if (sequence.next > 0) {
            return null;
        }
        open.remove(id);
        buffered -= bytes.capacity();
        return sequence;
    }

    /** {@return how many bytes the open sequences hold (buffer capacity)} */
    long buffered() {
        return buffered;
    }

    /** {@return how many sequences are open} */
    int openSequences() {
        return open.size();
    }

    /** Drops every open sequence (the connection closed). */
    void clear() {
        open.values().forEach(s -> s.bytes.release());
        open.clear();
        buffered = 0;
    }

    private void reserve(long id, long bytes) throws FrameException {
        if (buffered + bytes > limits.maxBufferedBytes()) {
            throw new FrameException("fragmented message " + Long.toUnsignedString(id) + ": " + (buffered + bytes)
                    + " bytes of fragments buffered (expected: <= " + limits.maxBufferedBytes() + ")");
        }
        buffered += bytes;
    }
}
