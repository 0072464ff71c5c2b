package dev.beamlink.dist.frame;

import dev.beamlink.etf.Atom;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.util.HashMap;
import java.util.Map;

/**
 * Puts the fragmented messages of one connection back together (erl_ext_dist "Distribution Header for fragmented
 * messages"): a start (header 69) opens a sequence with its fragment count and its atom cache references, each
 * continuation (header 70) must carry the next fragment id, counting down, and the one with id 1 completes the
 * message.
 *
 * <p>A sequence's bytes go into one heap buffer of its own, its message buffer, which the terms decoded from the
 * whole message share (the decoder's {@code shareBinaries}): the start's bytes are copied into it, and
 * {@link FrameReader} reads each continuation's bytes straight into it from the socket ({@link #bodyTarget}), so a 1
 * MiB binary in OTP's 64 KiB fragments is copied once on its way from the socket into the binary (the copy out of the
 * JDK's native read buffer), not into a part per fragment and then once more into one buffer.
 *
 * <p>The message buffer is sized when the start arrives, for the message the fragment count announces (the count
 * times the start's bytes: OTP's fragments but the last are all the size of the first), but never more than
 * {@link #RESERVE_FACTOR} times the bytes that arrived: a fragment count is the peer's word, and alone it allocates
 * nothing. A continuation that does not fit grows the buffer when its bytes have arrived, to what the count
 * announces, or twice what is needed when the count was wrong, again at most {@link #RESERVE_FACTOR} times the bytes
 * that arrived; a message of up to {@code RESERVE_FACTOR} fragments of the start's size (2 MiB in 64 KiB fragments)
 * is never copied within this node.
 *
 * <p>What a peer can make this node hold is bounded: a message at most {@link FragmentLimits#maxMessageSize()} bytes,
 * at most {@link FragmentLimits#maxOpenSequences()} sequences open at once, and at most
 * {@link FragmentLimits#maxBufferedBytes()} bytes (buffer capacity) over all of them. Anything beyond, and any fragment
 * out of order or without its start, is a {@link FrameException}: the connection closes. The reader thread alone uses
 * this.
 */
final class FragmentAssembler {

    /** The most a message buffer holds for every byte that arrived: what a peer can make this node allocate per byte. */
    static final int RESERVE_FACTOR = 32;

    /** A message whose fragments are still to come; once complete, {@link #bytes} holds it. */
    static final class Sequence {
        final long id;
        final Atom[] atoms;
        /** The message buffer: the bytes that arrived, from its reader index; once complete, the whole message. */
        ByteBuf bytes;
        /** The message's size as its fragment count announces it: the count times the start's bytes. */
        private long announced;
        long next;

        private Sequence(long id, Atom[] atoms, long next) {
            this.id = id;
            this.atoms = atoms;
            this.next = next;
        }
    }

    private final FragmentLimits limits;
    private final int maxCapacity;
    private final Map<Long, Sequence> open = new HashMap<>();
    private long buffered;
    /** The sequence whose message buffer the reader is appending a continuation's bytes to, and how many. */
    private Sequence delivering;
    private int deliveringBytes;

    FragmentAssembler(FragmentLimits limits) {
        this.limits = limits;
        this.maxCapacity = (int) Math.min(limits.maxMessageSize(), Integer.MAX_VALUE - 8);
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
        int size = first.readableBytes();
        if (size > limits.maxMessageSize()) {
            throw new FrameException("fragmented message " + Long.toUnsignedString(id) + ": " + size
                    + " bytes in its first fragment (expected: <= " + limits.maxMessageSize() + ")");
        }
        Sequence sequence = new Sequence(id, atoms, fragments - 1);
        // fragments <= maxMessageSize / 16 + 1 and size <= maxMessageSize: the product may overflow a long only when
        // it is far above maxCapacity anyway.
        sequence.announced = size == 0 || fragments <= maxCapacity / size ? fragments * size : maxCapacity;
        int capacity = capacityFor(sequence, size);
        reserve(id, capacity);
        sequence.bytes = new UnpooledHeapByteBuf(UnpooledByteBufAllocator.DEFAULT, capacity, maxCapacity);
        sequence.bytes.writeBytes(first);
        open.put(id, sequence);
    }

    /**
     * {@return the message buffer that the {@code length} bytes of continuation {@code fragment} of sequence {@code id}
     * may be appended to, straight from the socket (it has room for them), or null when they are to come the usual way,
     * as a frame to {@link #resume}} Null too for a continuation that breaks the order or the limits: {@link #resume}
     * says how. When it returns the buffer, the reader appends the bytes to it (from its writer index), then hands
     * {@link #resume} the continuation's header alone.
     */
    ByteBuf bodyTarget(long id, long fragment, int length) {
        Sequence sequence = open.get(id);
        if (sequence == null || fragment != sequence.next || length > sequence.bytes.writableBytes()
                || sequence.bytes.readableBytes() + (long) length > limits.maxMessageSize()) {
            return null;
        }
        delivering = sequence;
        deliveringBytes = length;
        return sequence.bytes;
    }

    /**
     * Adds the readable bytes of continuation {@code fragment} of sequence {@code id} (or, after {@link #bodyTarget}
     * gave its buffer for them, the bytes the reader put there). {@return the sequence when this was its last fragment
     * (its {@link Sequence#bytes} now the whole message, the caller's to release), else null}
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
        if (delivering == sequence) {
            delivering = null; // its bytes are in already, checked by bodyTarget
        } else {
            int length = more.readableBytes();
            long size = sequence.bytes.readableBytes() + (long) length;
            if (size > limits.maxMessageSize()) {
                throw new FrameException("fragmented message " + Long.toUnsignedString(id) + ": " + size
                        + " bytes after fragment " + fragment + " (expected: <= " + limits.maxMessageSize() + ")");
            }
            if (length > sequence.bytes.writableBytes()) {
                grow(sequence, (int) size);
            }
            sequence.bytes.writeBytes(more);
        }
        sequence.next--;
        if (sequence.next == 0) {
            open.remove(id);
            buffered -= sequence.bytes.capacity();
            return sequence;
        }
        return null;
    }

    /** Moves the bytes of {@code sequence} to a larger buffer, with room for {@code size} bytes in all. */
    private void grow(Sequence sequence, int size) throws FrameException {
        ByteBuf old = sequence.bytes;
        if (size > sequence.announced) {
            // The count was wrong (fragments larger than the first): twice what is needed, so that growing is rare.
            sequence.announced = Math.min(2L * size, maxCapacity);
        }
        int capacity = capacityFor(sequence, size);
        reserve(sequence.id, capacity - old.capacity());
        ByteBuf larger = new UnpooledHeapByteBuf(UnpooledByteBufAllocator.DEFAULT, capacity, maxCapacity);
        larger.writeBytes(old);
        old.release();
        sequence.bytes = larger;
    }

    /**
     * {@return the capacity of a message buffer for {@code sequence} once {@code size} bytes of it arrived}: what its
     * fragment count announces, at most {@link #RESERVE_FACTOR} times {@code size}, at least {@code size}
     */
    private int capacityFor(Sequence sequence, int size) {
        long capacity = Math.min(sequence.announced, (long) RESERVE_FACTOR * size);
        return (int) Math.min(Math.max(capacity, size), maxCapacity);
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
        open.values().forEach(sequence -> sequence.bytes.release());
        open.clear();
        delivering = null;
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
