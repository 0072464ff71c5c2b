package dev.beamlink.dist.frame;

import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides what goes on the wire next and copies it into a staging buffer: each queued message's header (written
 * now, in wire order, as the atom cache needs) and body, and the fragments of messages longer than the format's
 * fragment size.
 *
 * <p>Between two fragments of one message go up to a fragment's worth of other frames, and one fragment of each other
 * message in fragments, round robin. A message of a sender whose fragmented message is still going out waits behind
 * it, and goes right after its last fragment, so that each sender's messages arrive in order (erl_ext_dist: "A
 * process must complete the sending of a fragmented message before it can start sending any other message on the
 * same distribution channel").
 *
 * <p>Not thread-safe: it belongs to whoever holds the {@link FrameWriter}'s writer role.
 */
final class FrameStager {

    /** The sender key of ticks, which wait behind no one. */
    static final Object TICK = new Object() {
        @Override
        public String toString() {
            return "tick";
        }
    };

    /** A message going out in fragments. */
    private static final class Sequence {
        final OutgoingFrame frame;
        final long id;
        final long fragments;
        final int firstLength;
        long left;
        int offset;
        final ArrayDeque<OutgoingFrame> waiting = new ArrayDeque<>();

        Sequence(OutgoingFrame frame, long id, int fragmentSize) {
            this.frame = frame;
            this.id = id;
            // The control message must be whole in the first fragment.
            this.firstLength = Math.max(fragmentSize, frame.controlLength);
            this.fragments = 1 + ((long) frame.bodyLength() - firstLength + fragmentSize - 1) / fragmentSize;
            this.left = fragments;
        }
    }

    private final FrameFormat format;
    private final FrameQueue queue;
    private final int fragmentSize;
    private final ArrayDeque<OutgoingFrame> ready = new ArrayDeque<>();
    private final ArrayDeque<Sequence> active = new ArrayDeque<>();
    private final Map<Object, Sequence> bySender = new HashMap<>();
    private final HeaderBytes header = new HeaderBytes();
    private long nextSequenceId = 1;
    private long credit;
    /** The frame being copied (its header, then body bytes {@code pieceFrom} to {@code pieceEnd}), or null. */
    private OutgoingFrame piece;
    private Sequence pieceSequence;
    private int headerCopied;
    private int pieceFrom;
    private int pieceEnd;
    /** Body bytes staged or dropped since the writer last counted them down: of whole frames, of fragmented ones. */
    long settledWhole;
    long settledFragmented;

    FrameStager(FrameFormat format, FrameQueue queue) {
        this.format = format;
        this.queue = queue;
        this.fragmentSize = format.fragmentSize();
    }

    /**
     * {@return whether {@code frame} goes in fragments}: the format fragments and the frame is longer than a fragment
     * (and than its control message, which must be whole in the first). Any thread: it reads only final fields.
     */
    boolean fragments(OutgoingFrame frame) {
        return fragmentSize > 0 && frame.bodyLength() > Math.max(fragmentSize, frame.controlLength);
    }

    /** Copies into {@code staging} until it is full or nothing is left to send now; counts what it copied as settled. */
    void fill(ByteBuf staging) {
        while (staging.isWritable()) {
            if (piece == null && !nextPiece()) {
                break;
            }
            copyPiece(staging);
        }
    }

    /** {@return whether anything is left to copy besides the queue: a piece begun, fragments, waiting frames} */
    boolean hasPending() {
        return piece != null || !ready.isEmpty() || !active.isEmpty();
    }

    /** Picks what goes next: a fragment when it is a sequence's turn, else the next queued frame. */
    private boolean nextPiece() {
        while (true) {
            if (!active.isEmpty() && (credit <= 0 || (ready.isEmpty() && queue.isEmpty()))) {
                Sequence sequence = active.pollFirst();
                startFragment(sequence);
                if (sequence.left > 0) {
                    active.addLast(sequence);
                }
                credit = fragmentSize;
                return true;
            }
            OutgoingFrame frame = ready.isEmpty() ? queue.poll() : ready.pollFirst();
            if (frame == null) {
                if (active.isEmpty()) {
                    return false;
                }
                credit = 0;
                continue;
            }
            if (!bySender.isEmpty()) {
                Sequence going = bySender.get(frame.sender);
                if (going != null) {
                    going.waiting.addLast(frame);
                    continue;
                }
            }
            if (fragments(frame)) {
                Sequence sequence = new Sequence(frame, nextSequenceId++, fragmentSize);
                bySender.put(frame.sender, sequence);
                startFragment(sequence);
                active.addLast(sequence);
                credit = fragmentSize;
                return true;
            }
            header.clear();
            headerCopied = 0;
            if (frame.sender == TICK) {
                header.putInt(0);
            } else {
                format.writeHeader(frame, header);
            }
            piece = frame;
            pieceSequence = null;
            pieceFrom = 0;
            pieceEnd = frame.bodyLength();
            credit -= pieceEnd;
            return true;
        }
    }

    private void startFragment(Sequence sequence) {
        long fragmentId = sequence.left;
        int length = fragmentId == sequence.fragments ? sequence.firstLength
                : Math.min(fragmentSize, sequence.frame.bodyLength() - sequence.offset);
        header.clear();
        headerCopied = 0;
        format.writeFragmentHeader(sequence.frame, sequence.id, fragmentId, sequence.fragments, length, header);
        piece = sequence.frame;
        pieceSequence = sequence;
        pieceFrom = sequence.offset;
        pieceEnd = sequence.offset + length;
        sequence.offset += length;
        sequence.left--;
    }

    /** Copies as much of the current piece as fits, counted as settled; finishes the piece when all of it is in. */
    private void copyPiece(ByteBuf staging) {
        if (headerCopied < header.length()) {
            int n = Math.min(staging.writableBytes(), header.length() - headerCopied);
            staging.writeBytes(header.array(), headerCopied, n);
            headerCopied += n;
            if (headerCopied < header.length()) {
                return;
            }
        }
        int n = Math.min(staging.writableBytes(), pieceEnd - pieceFrom);
        if (n > 0) {
            ByteBuf body = piece.body;
            staging.writeBytes(body, body.readerIndex() + pieceFrom, n);
            pieceFrom += n;
            if (pieceSequence != null) {
                settledFragmented += n;
            } else {
                settledWhole += n;
            }
        }
        if (pieceFrom == pieceEnd) {
            Sequence sequence = pieceSequence;
            OutgoingFrame done = piece;
            piece = null;
            pieceSequence = null;
            if (sequence == null) {
                done.release();
            } else if (sequence.left == 0) {
                finish(sequence);
            }
        }
    }

    /** The last fragment is in: the sender's waiting messages go next, ahead of anything it queued later. */
    private void finish(Sequence sequence) {
        sequence.frame.release();
        bySender.remove(sequence.frame.sender, sequence);
        while (!sequence.waiting.isEmpty()) {
            ready.addFirst(sequence.waiting.pollLast());
        }
    }

    /** Drops everything begun or waiting here (not the queue), its body bytes counted as settled. */
    void releaseAll() {
        if (piece != null) {
            if (pieceSequence == null) {
                settledWhole += pieceEnd - pieceFrom;
                piece.release();
            } else {
                settledFragmented += pieceEnd - pieceFrom;
            }
        }
        piece = null;
        for (Sequence sequence : bySender.values()) { // every sequence not finished, in turn or not
            settledFragmented += sequence.frame.bodyLength() - sequence.offset;
            sequence.frame.release();
            sequence.waiting.forEach(this::drop);
        }
        active.clear();
        bySender.clear();
        ready.forEach(this::drop);
        ready.clear();
    }

    /** Releases a frame that will not be written, its bytes counted as settled. */
    void drop(OutgoingFrame frame) {
        if (fragments(frame)) {
            settledFragmented += frame.bodyLength();
        } else {
            settledWhole += frame.bodyLength();
        }
        frame.release();
    }
}
