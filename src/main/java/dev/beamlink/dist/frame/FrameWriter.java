package dev.beamlink.dist.frame;

import dev.beamlink.dist.transport.DistChannel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 *
 * <h2>Who writes</h2>
 * The writer's state (staging buffer, fragments in progress, the queue's consuming end) belongs to whoever holds the
 * writer role. The writer thread takes it to drain the queue; a sender whose frame is small and finds the connection
 * idle (nothing queued before it, the role free) takes it too, stages its frame and writes what the socket takes at
 * once ({@link DistChannel#tryWrite}): a message on a quiet connection reaches the socket without waking the writer
 * thread. Whatever the socket did not take is left to the writer thread, so a sender never waits on the socket.
 */
public final class FrameWriter implements Runnable {

    /** The size of the staging buffer: the most bytes of one write. */
    static final int STAGING_SIZE = 256 << 10;
    /** The largest frame a sender writes itself on an idle connection. */
    static final int DIRECT_MAX = 16 << 10;
    /**
     * How long a connection must have been quiet (no frame queued) for a sender to write directly: a stream of
     * messages is left to the writer thread, which batches them; a message after a pause saves the thread's wake-up.
     */
    private static final long QUIET_NANOS = 10_000;
    private static final VarHandle LAST_ENQUEUE;

    static {
        try {
            LAST_ENQUEUE = MethodHandles.lookup().findVarHandle(FrameWriter.class, "lastEnqueue", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static final long SPIN_NANOS = Long.getLong("beamlink.writerSpinNanos", 10_000);

    /** How long the writer thread waits for a sender to hand back the writer role before it tries again. */
    private static final long ROLE_RETRY_NANOS = 20_000;

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
    private final FailureHandler onFailure;
    private final long highWater;
    private final long lowWater;
    private final int fragmentSize;
    private final FrameQueue queue = new FrameQueue();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final ReentrantLock drainLock = new ReentrantLock();
    private final Condition drained = drainLock.newCondition();
    private volatile int drainWaiters;
    /** The writer role: whoever holds it owns the writer's state below. */
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile Thread thread;
    private volatile boolean waiting;
    private volatile boolean closed;
    /** Set once the writer thread has released what it held: from then on, whoever queues releases. */
    private volatile boolean exited;
    private volatile long bytesWritten;
    @SuppressWarnings("unused") // through LAST_ENQUEUE: a hint, read and written without ordering
    private long lastEnqueue;

    // The writer role's state: only the thread that holds the role touches it.
    private final ByteBuffer[] sources = new ByteBuffer[1];
    private final ArrayDeque<OutgoingFrame> ready = new ArrayDeque<>();
    private final ArrayDeque<Sequence> active = new ArrayDeque<>();
    private final Map<Object, Sequence> bySender = new HashMap<>();
    private long nextSequenceId = 1;
    private long credit;
    private final ByteBuf staging;
    private final HeaderBytes header = new HeaderBytes();
    /** How much of the header is in the staging buffer already. */
    private int headerCopied;
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
        this.highWater = highWater;
        this.lowWater = highWater / 2;
        this.fragmentSize = format.fragmentSize();
        this.onFailure = onFailure;
        this.staging = allocator.directBuffer(STAGING_SIZE, STAGING_SIZE);
    }

    /**
     * Queues one message; the writer releases its body once written or dropped (at once if the writer has stopped).
     * Never blocks. {@return whether the queued bytes are now above the high-water mark}
     */
    public boolean enqueue(OutgoingFrame frame) {
        int length = frame.bodyLength();
        long queued = queuedBytes.addAndGet(length);
        queue.offer(frame);
        long now = System.nanoTime();
        long previous = (long) LAST_ENQUEUE.getOpaque(this);
        LAST_ENQUEUE.setOpaque(this, now);
        if (exited) {
            releaseAfterExit();
        } else if (queued != length || length > DIRECT_MAX || now - previous < QUIET_NANOS || !writeDirectly()) {
            wakeWriter(false);
        }
        return queued > highWater;
    }

    /**
     * The queue was empty: takes the writer role if it is free and writes what is queued as far as the socket takes
     * it at once. {@return false if the role was taken}
     */
    private boolean writeDirectly() {
        if (thread == null || writing.get() || !writing.compareAndSet(false, true)) {
            return false;
        }
        boolean leftover = true;
        try {
            if (!closed && !staging.isReadable()) {
                fill();
                if (staging.isReadable()) {
                    account();
                    sources[0] = staging.nioBuffer();
                    long n = channel.tryWrite(sources);
                    written(n);
                }
                leftover = staging.isReadable() || piece != null;
            }
        } catch (IOException e) {
            close(); // the writer thread finds the channel broken too and reports it
        } finally {
            writing.set(false);
        }
        if (leftover || !queue.isEmpty()) {
            wakeWriter(true);
        }
        return true;
    }

    private void wakeWriter(boolean always) {
        if (always || waiting) {
            Thread writer = thread;
            if (writer != null) {
                LockSupport.unpark(writer);
            }
        }
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
        if (!started.compareAndSet(false, true)) {
            return; // closed before it ran: close() released everything
        }
        thread = Thread.currentThread();
        try {
            while (!closed) {
                if (!writing.compareAndSet(false, true)) {
                    LockSupport.parkNanos(this, ROLE_RETRY_NANOS); // a sender writes directly, for microseconds
                    continue;
                }
                boolean idle;
                try {
                    if (!staging.isReadable()) {
                        fill();
                        account();
                    }
                    idle = !staging.isReadable();
                    if (!idle) {
                        sources[0] = staging.nioBuffer();
                        int bytes = staging.readableBytes();
                        channel.write(sources);
                        written(bytes);
                    }
                } finally {
                    writing.set(false);
                }
                if (idle) {
                    awaitWork();
                }
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

    /** The bytes now staged no longer count as queued: senders waiting for a drain may go on. */
    private void account() {
        if (copiedBodyBytes > 0) {
            queuedBytes.addAndGet(-copiedBodyBytes);
            copiedBodyBytes = 0;
            wakeDrainWaiters();
        }
    }

    private void written(long bytes) {
        staging.skipBytes((int) bytes);
        if (!staging.isReadable()) {
            staging.clear();
        }
        bytesWritten += bytes;
    }

    /** Stops the writer: what is still queued is dropped (and released); senders waiting for a drain return. */
    public void close() {
        closed = true;
        if (started.compareAndSet(false, true)) {
            exit(); // it never ran and never will
            return;
        }
        Thread writer = thread;
        if (writer != null) {
            LockSupport.unpark(writer);
        }
        wakeDrainWaiters();
    }

    // ---------------------------------------------------------------- the writer thread

    /**
     * Parks until a frame is queued; a sender that leaves work behind after writing wakes it as well. While messages
     * stream in, it first spins a moment ({@link #SPIN_NANOS}): the next frame usually comes sooner than a park and an
     * unpark would take, and the sender is spared the system call that wakes this thread.
     */
    private void awaitWork() {
        if (SPIN_NANOS > 0) {
            long deadline = System.nanoTime() + SPIN_NANOS;
            while (queue.isEmpty() && !closed && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            if (!queue.isEmpty()) {
                return;
            }
        }
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

    /** Copies as much of the current piece as fits; finishes it when all of it is in. */
    private void copyPiece() {
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
        while (!writing.compareAndSet(false, true)) {
            Thread.onSpinWait(); // a sender finishing a direct write: it is not waiting on anything
        }
        synchronized (this) {
            exited = true;
            long dropped = copiedBodyBytes; // copied, not yet counted down: counted down with what is dropped
            if (piece != null) {
                dropped += pieceEnd - pieceFrom;
                if (pieceSequence == null) {
                    piece.release();
                }
            }
            piece = null;
            for (Sequence sequence : bySender.values()) { // every sequence not finished, in turn or not
                dropped += sequence.frame.bodyLength() - sequence.offset;
                sequence.frame.release();
                for (OutgoingFrame waiting : sequence.waiting) {
                    dropped += waiting.bodyLength();
                    waiting.release();
                }
            }
            active.clear();
            bySender.clear();
            for (OutgoingFrame frame : ready) {
                dropped += frame.bodyLength();
                frame.release();
            }
            ready.clear();
            queuedBytes.addAndGet(-dropped);
            releaseQueued();
            staging.release();
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
