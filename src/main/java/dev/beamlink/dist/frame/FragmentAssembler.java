package dev.beamlink.dist.frame;

import dev.beamlink.etf.Atom;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * Puts the fragmented messages of one connection back together (erl_ext_dist "Distribution Header for fragmented
 * messages"): a start (header 69) opens a sequence with its fragment count and its atom cache references, each
 * continuation (header 70) must carry the next fragment id, counting down, and the one with id 1 completes the
 * message. The bytes wait in heap buffers of the sequence's own, its parts, and are copied once, when the last
 * fragment arrives, into one buffer of the message's exact size, which the terms decoded from it may share: a
 * message of K fragments is copied twice (into its parts, then together), not grown by doubling one buffer, which
 * copies it about three times and allocates twice its size (a 1 MiB binary in OTP's 64 KiB fragments is 1 MiB and a
 * few bytes).
 *
 * <p>What a peer can make this node hold is bounded: a message at most {@link FragmentLimits#maxMessageSize()} bytes,
 * at most {@link FragmentLimits#maxOpenSequences()} sequences open at once, and at most
 * {@link FragmentLimits#maxBufferedBytes()} bytes (buffer capacity) over all of them. A fragment count is trusted for
 * the order of the fragments alone: a sequence's parts hold what arrived, never sized by the
 * count: a part holds a fragment, or, when fragments are small, as many as fit in it, its capacity at most the bytes
 * that arrived before it (or {@link #MAX_PART_AHEAD}) beyond the fragment's. Anything beyond, and any fragment out of
 * order or without its start, is a {@link FrameException}: the
 * connection closes. The reader thread alone uses this.
 */
final class FragmentAssembler {

    /** The smallest buffer a sequence starts with, whatever its first fragment (unless messages are smaller). */
    private static final int MIN_CAPACITY = 256;
    /** The most a new part holds beyond the fragment it is made for: small fragments share parts of up to this. */
    static final int MAX_PART_AHEAD = 64 << 10;

    /** A message whose fragments are still to come; once complete, {@link #bytes} holds it. */
    static final class Sequence {
        final long id;
        final Atom[] atoms;
        /** The bytes that arrived, part after part, each a heap buffer of its own; emptied when complete. */
        private final ArrayList<ByteBuf> parts = new ArrayList<>(4);
        /** The bytes in {@link #parts}, and the capacity they were reserved for. */
        private long size;
        private long reserved;
        /** The whole message, once its last fragment arrived: the caller's to release. */
        ByteBuf bytes;
        long next;

        private Sequence(long id, Atom[] atoms, long next) {
            this.id = id;
            this.atoms = atoms;
            this.next = next;
        }

        private void releaseParts() {
            parts.forEach(ByteBuf::release);
            parts.clear();
        }
    }

    private final FragmentLimits limits;
    private final int maxCapacity;
    private final Map<Long, Sequence> open = new HashMap<>();
    private long buffered;

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
        // The parts hold what arrived: the fragment count is the peer's word, and allocating for it would let a few
        // bytes hold megabytes.
        int size = first.readableBytes();
        if (size > limits.maxMessageSize()) {
            throw new FrameException("fragmented message " + Long.toUnsignedString(id) + ": " + size
                    + " bytes in its first fragment (expected: <= " + limits.maxMessageSize() + ")");
        }
        Sequence sequence = new Sequence(id, atoms, fragments - 1);
        if (!adopt(sequence, first)) {
            addPart(sequence, Math.min(Math.max(size, MIN_CAPACITY), maxCapacity)).writeBytes(first);
        }
        sequence.size = size;
        open.put(id, sequence);
    }

    /**
     * Adds the readable bytes of continuation {@code fragment} of sequence {@code id}. {@return the sequence when this
     * was its last fragment (its {@link Sequence#bytes} now the whole message, the caller's to release), else null}
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
        int length = more.readableBytes();
        long size = sequence.size + length;
        if (size > limits.maxMessageSize()) {
            throw new FrameException("fragmented message " + Long.toUnsignedString(id) + ": " + size
                    + " bytes after fragment " + fragment + " (expected: <= " + limits.maxMessageSize() + ")");
        }
        sequence.next--;
        if (sequence.next == 0) {
            open.remove(id);
            buffered -= sequence.reserved;
            sequence.bytes = whole(sequence, more);
            return sequence;
        }
        if (adopt(sequence, more)) {
            sequence.size = size;
            return null;
        }
        ByteBuf last = sequence.parts.getLast();
        int into = Math.min(last.writableBytes(), length);
        last.writeBytes(more, into);
        int rest = length - into;
        if (rest > 0) {
            // Room for the fragment, and for as many bytes again as arrived before it (up to MAX_PART_AHEAD): small
            // fragments fill parts that grow with the message, each large one gets a part of its own size.
            long before = sequence.size + into;
            long ahead = Math.min(before, MAX_PART_AHEAD);
            int capacity = (int) Math.min(Math.max(rest, ahead), maxCapacity - before);
            addPart(sequence, capacity).writeBytes(more, rest);
        }
        sequence.size = size;
        return null;
    }

    /**
     * Keeps {@code fragment} itself as the next part of {@code sequence} if it is a large {@link OwnedFrame}, whose
     * bytes no one else uses: {@return whether it did} (else the caller copies them).
     */
    private boolean adopt(Sequence sequence, ByteBuf fragment) throws FrameException {
        if (!(fragment instanceof OwnedFrame) || fragment.readableBytes() < FrameReader.OWNED_MIN / 2) {
            return false;
        }
        reserve(sequence.id, fragment.capacity());
        sequence.parts.add(fragment);
        sequence.reserved += fragment.capacity();
        return true;
    }

    /** {@return a new part of {@code capacity} bytes of {@code sequence}, reserved} The caller writes into it. */
    private ByteBuf addPart(Sequence sequence, int capacity) throws FrameException {
        reserve(sequence.id, capacity);
        ByteBuf part = Unpooled.buffer(capacity, capacity);
        sequence.parts.add(part);
        sequence.reserved += capacity;
        return part;
    }

    /** {@return the whole message: the parts, then {@code last}, in one buffer of its size} The parts are released. */
    private static ByteBuf whole(Sequence sequence, ByteBuf last) {
        int size = (int) (sequence.size + last.readableBytes());
        ByteBuf only = sequence.parts.getFirst();
        if (sequence.parts.size() == 1 && !last.isReadable() && only.readableBytes() == size) {
            sequence.parts.clear();
            return only; // one full part: the message as it is
        }
        ByteBuf whole = Unpooled.buffer(size, size);
        for (ByteBuf part : sequence.parts) {
            whole.writeBytes(part);
        }
        whole.writeBytes(last);
        sequence.releaseParts();
        return whole;
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
        open.values().forEach(Sequence::releaseParts);
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
