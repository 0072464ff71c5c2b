package dev.beamlink.dist.frame;

import dev.beamlink.dist.transport.DistChannel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The writing side of a connection: a queue of messages their senders encoded ({@link OutgoingFrame}), and the one
 * thread ({@link #run()}) that puts them on the wire. Any thread may {@link #enqueue} without blocking or locking;
 * frames queued by one thread are written in the order it queued them.
 *
 * <h2>Writes</h2>
 * The writer copies the header ({@link FrameFormat#writeHeader}, written now, in wire order) and the body of frame
 * after frame into one direct staging buffer, and writes it to the channel when it is full or the queue is empty: one
 * system call for many small frames, and, for large ones, the one copy from heap to native memory that a socket write
 * needs anyway, done once (the JDK's own copy of heap buffers would be done again after every partial write).
 *
 * <h2>Fragments</h2>
 * When the format fragments ({@link FrameFormat#fragmentSize()} above 0), a message longer than that goes out as a
 * sequence of fragments, and the writer interleaves: between two fragments of one message go up to a fragment's
 * worth of other frames, and one fragment of each other message in fragments, round robin. A message of a sender
 * whose fragmented message is still going out waits behind it, so that each sender's messages arrive in order
 * (erl_ext_dist: "A process must complete the sending of a fragmented message before it can start sending any other
 * message on the same distribution channel").
 *
 * <h2>High-water mark</h2>
 * The bytes queued and not yet copied for writing are counted; above the high-water mark {@link #overHighWater()}
 * says so, and {@link #awaitDrained()} waits until they are down to half of it, or the writer stopped. Enqueueing
 * itself never waits: the caller decides when to wait (a process does so outside its lock, see
 * {@code ConnectionTable}).
 */
public final class FrameWriter implements Runnable {

    /** The size of the staging buffer: the most bytes of one write. */
    static final int STAGING_SIZE = 256 << 10;

    /** The sender key of ticks, which wait behind no one. */
    private static final Object TICK = new Object() {
        @Override
        public String toString() {
            return "tick";
        }
    };

    /** What the writer reports when it stops because a write failed. */
    public interface FailureHandler {
        void writeFailed(IOException cause);
    }

    /** A message going out in fragments. The writer thread only. */
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
            int length = frame.bodyLength();
            // The control message must be whole in the first fragment.
            this.firstLength = Math.max(fragmentSize, frame.controlLength);
            this.fragments = 1 + ((long) length - firstLength + fragmentSize - 1) / fragmentSize;
            this.left = fragments;
        }
    }

    private final DistChannel channel;
    private final FrameFormat format;
    private final ByteBufAllocator allocator;
    private final FailureHandler onFailure;
    private final long highWater;
    private final long lowWater;
    private final int fragmentSize;
    private final FrameQueue queue = new FrameQueue();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final ReentrantLock drainLock = new ReentrantLock();
    private final Condition drained = drainLock.newCondition();
    private volatile int drainWaiters;
    private volatile Thread thread;
    private volatile boolean waiting;
    private volatile boolean closed;
    /** Set once the writer thread has released what it held: from then on, whoever queues releases. */
    private volatile boolean exited;
    private volatile long bytesWritten;

    // The writer thread's own state.
    private final ArrayDeque<OutgoingFrame> ready = new ArrayDeque<>();
    private final ArrayDeque<Sequence> active = new ArrayDeque<>();
    private final Map<Object, Sequence> bySender = new HashMap<>();
    private long nextSequenceId = 1;
    private long credit;
    private ByteBuf staging;
    private ByteBuf header;
    /** The frame being copied into the staging buffer (its header, then body bytes {@code from} to {@code end}). */
    private OutgoingFrame piece;
    private Sequence pieceSequence;
    private int pieceFrom;
    private int pieceEnd;
    private long copiedBodyBytes;

    /**
     * @param highWater the queued bytes above which {@link #overHighWater()} is true (Long.MAX_VALUE: never)
     */
    public FrameWriter(DistChannel channel, FrameFormat format, ByteBufAllocator allocator, long highWater,
                       FailureHandler onFailure) {
        if (highWater < 1) {
            throw new IllegalArgumentException("highWater: " + highWater + " (expected: >= 1)");
        }
        this.channel = channel;
        this.format = format;
        this.allocator = allocator;
        this.highWater = highWater;
        this.lowWater = highWater / 2;
        this.fragmentSize = format.fragmentSize();
        this.onFailure = onFailure;
    }

    /**
     * Queues one message; the writer releases its body once written or dropped (at once if the writer has stopped).
     * Never blocks. {@return whether the queued bytes are now above the high-water mark}
     */
    public boolean enqueue(OutgoingFrame frame) {
        long queued = queuedBytes.addAndGet(frame.bodyLength());
        queue.offer(frame);
        if (waiting) {
            Thread writer = thread;
            if (writer != null) {
                LockSupport.unpark(writer);
            }
        }
        if (exited) {
            releaseAfterExit();
        }
        return queued > highWater;
    }

    /** Queues a tick, the zero-length frame (erl_dist_protocol, "Protocol between Connected Nodes"). */
    public void enqueueTick() {
        enqueue(new OutgoingFrame(Unpooled.EMPTY_BUFFER, 0, null, 0, TICK));
    }

    /** {@return how many bytes were written so far: unchanged means nothing was sent} */
    public long bytesWritten() {
        return bytesWritten;
    }

    /** {@return how many body bytes wait to be written} */
    public long queuedBytes() {
        return queuedBytes.get();
    }

    /** {@return whether the queued bytes are above the high-water mark} */
    public boolean overHighWater() {
        return queuedBytes.get() > highWater;
    }

    /**
     * Waits until the queued bytes are down to half the high-water mark, or the writer stopped. Returns early, with
     * the thread's interrupt status set, when interrupted.
     */
    public void awaitDrained() {
        drainLock.lock();
        try {
            drainWaiters++;
            while (!closed && queuedBytes.get() > lowWater) {
                drained.await(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            drainWaiters--;
            drainLock.unlock();
        }
    }

    /** Writes until {@link #close()} or a failed write. */
    @Override
    public void run() {
        thread = Thread.currentThread();
        try {
            staging = allocator.directBuffer(STAGING_SIZE, STAGING_SIZE);
            header = allocator.heapBuffer(256);
            ByteBuffer[] sources = new ByteBuffer[1];
            while (!closed) {
                fill();
                if (!staging.isReadable()) {
                    awaitWork();
                    continue;
                }
                queuedBytes.addAndGet(-copiedBodyBytes);
                copiedBodyBytes = 0;
                wakeDrainWaiters();
                sources[0] = staging.nioBuffer();
                int bytes = staging.readableBytes();
                channel.write(sources);
                bytesWritten += bytes;
                staging.clear();
            }
        } catch (IOException e) {
            if (!closed) {
                onFailure.writeFailed(e);
            }
        } finally {
            closed = true;
            exit();
        }
    }

    /** Stops the writer: what is still queued is dropped (and released); senders waiting for a drain return. */
    public void close() {
        closed = true;
        Thread writer = thread;
        if (writer != null) {
            LockSupport.unpark(writer);
        }
        wakeDrainWaiters();
    }

    // ---------------------------------------------------------------- the writer thread

    private void awaitWork() {
        waiting = true;
        if (queue.isEmpty() && !closed) {
            LockSupport.park(this);
        }
        waiting = false;
    }

    /** Copies frames into the staging buffer until it is full or nothing is left to write now. */
    private void fill() {
        while (staging.isWritable()) {
            if (piece == null && !nextPiece()) {
                return;
            }
            copyPiece();
        }
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
            if (fragmentSize > 0 && frame.bodyLength() > Math.max(fragmentSize, frame.controlLength)) {
                Sequence sequence = new Sequence(frame, nextSequenceId++, fragmentSize);
                bySender.put(frame.sender, sequence);
                startFragment(sequence);
                active.addLast(sequence);
                credit = fragmentSize;
                return true;
            }
            header.clear();
            if (frame.sender == TICK) {
                header.writeInt(0);
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
        format.writeFragmentHeader(sequence.frame, sequence.id, fragmentId, sequence.fragments, length, header);
        piece = sequence.frame;
        pieceSequence = sequence;
        pieceFrom = sequence.offset;
        pieceEnd = sequence.offset + length;
        sequence.offset += length;
        sequence.left--;
    }

    /** Copies as much of the current piece as fits; finishes it when all of it is in. */
    private void copyPiece() {
        if (header.isReadable()) {
            staging.writeBytes(header, Math.min(staging.writableBytes(), header.readableBytes()));
            if (header.isReadable()) {
                return;
            }
        }
        int n = Math.min(staging.writableBytes(), pieceEnd - pieceFrom);
        if (n > 0) {
            ByteBuf body = piece.body;
            staging.writeBytes(body, body.readerIndex() + pieceFrom, n);
            pieceFrom += n;
            copiedBodyBytes += n;
        }
        if (pieceFrom < pieceEnd) {
            return;
        }
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

    /** The last fragment is in: the sender's waiting messages go next, ahead of anything it queued later. */
    private void finish(Sequence sequence) {
        sequence.frame.release();
        bySender.remove(sequence.frame.sender, sequence);
        while (!sequence.waiting.isEmpty()) {
            ready.addFirst(sequence.waiting.pollLast());
        }
    }

    private void wakeDrainWaiters() {
        if (drainWaiters > 0 && (closed || queuedBytes.get() <= lowWater)) {
            drainLock.lock();
            try {
                drained.signalAll();
            } finally {
                drainLock.unlock();
            }
        }
    }

    /** The writer thread's end: everything it holds or that is queued is released, and so is what comes later. */
    private void exit() {
        synchronized (this) {
            exited = true;
            if (piece != null && pieceSequence == null) {
                piece.release();
            }
            piece = null;
            for (Sequence sequence : bySender.values()) { // every sequence not finished, in turn or not
                sequence.frame.release();
                sequence.waiting.forEach(OutgoingFrame::release);
            }
            active.clear();
            bySender.clear();
            ready.forEach(OutgoingFrame::release);
            ready.clear();
            releaseQueued();
            if (staging != null) {
                staging.release();
                header.release();
            }
        }
        wakeDrainWaiters();
    }

    private void releaseAfterExit() {
        synchronized (this) {
            releaseQueued();
        }
    }

    private void releaseQueued() {
        OutgoingFrame frame;
        while ((frame = queue.poll()) != null) {
            queuedBytes.addAndGet(-frame.bodyLength());
            frame.release();
        }
    }
}
