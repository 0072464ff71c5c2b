package dev.beamlink.dist.frame;

import dev.beamlink.dist.transport.DistChannel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
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
 * Queued frames are staged ({@link FrameStager}: the header, written then, in wire order, and the body, frame after
 * frame, fragments interleaved) into a direct staging buffer, which the writer thread swaps for its spare and writes to
 * the channel with one system call while the next one fills: many small frames a write, and, for large ones, the one
 * copy from heap to native memory that a socket write needs anyway, done once (the JDK's own copy of heap buffers
 * would be done again after every partial write). A connection whose frames come a few at a time stages them into a
 * small buffer ({@link #SMALL_STAGING_SIZE}); one that fills it, or queues more than it holds, takes full-size ones
 * ({@link #STAGING_SIZE}) until it has been quiet for {@link #RELEASE_AFTER_NANOS}: a node with many connections that
 * exchange small messages holds a sixteenth of the native memory.
 *
 * <h2>High-water mark</h2>
 * The body bytes queued and not yet staged are counted, those of messages that go whole and those of messages that go
 * in fragments apart. Enqueueing never waits; it tells the caller what to wait for ({@link Wait}), if anything, and
 * the caller waits ({@link #awaitDrained}) when it sees fit (a process does so outside its lock, see
 * {@code ConnectionTable}): the sender of a message that goes whole waits while the bytes of messages that go whole
 * are above the mark, until they are down to half of it; the sender of a message that goes in fragments waits while
 * all the bytes are above the mark, until all are down to half. So a large message makes its own sender wait until it
 * is mostly written, while other senders' small messages keep going between its fragments; and at most the mark,
 * plus a message for each sender, waits here.
 *
 * <h2>Who stages, who writes</h2>
 * The staging buffer, the stager and the queue's consuming end belong to whoever holds the writer role, which is taken
 * without waiting: a sender, right after queuing its frame, takes it if it is free and stages what is queued (its own
 * frame, still in its cache, and any queued before it, in order), so that the writer thread only swaps buffers and
 * writes; a sender that finds the role taken leaves its frame to the holder, who looks at the queue again before it
 * lets go. A sender whose frame is small, on a connection whose socket is not being written, also writes what the
 * socket takes at once ({@link DistChannel#tryWrite}) when its frame is one of the first few ({@link #DIRECT_BURST})
 * queued after a quiet spell: such a message, and the few frames of one act (a call's monitor and request), reach the
 * socket without waking the writer thread, while a stream is left to the thread, which batches it. Whatever the socket
 * did not take is left to the writer thread, so a sender never waits on the socket.
 *
 * <h2>State</h2>
 * Where the writer thread is, and so what a sender may do meanwhile, is one {@link State}: {@code NEW} until the
 * thread runs; then {@code STAGING}, {@code WRITING}, {@code BATCHING} or {@code IDLE}, which the thread moves
 * between, leaving {@code STAGING} only while it holds the writer role (so a sender that takes the role after it sees
 * where it went); {@code CLOSED} from any of these when {@link #close()} is called or a write fails; {@code EXITED}
 * once everything is released. Two things stay apart from it. The writer role is a try-lock on the staging buffer that
 * senders take and let go many times in each of the thread's states (staging one buffer while the thread writes the
 * other is the point of having two): folding it into the state would double the states and make every sender's
 * attempt contend with the thread's own moves. The high-water waiters count queued bytes, not who writes: they wait
 * on a lock and condition of their own, woken as bytes are staged or when the writer closes.
 */
public final class FrameWriter implements Runnable {

    /** The size of each of the two staging buffers of a busy connection: the most bytes of one write. */
    static final int STAGING_SIZE = 256 << 10;
    /**
     * The size of a staging buffer while the frames come a few at a time (round trips, ticks, the odd message): what
     * a connection that is not streaming holds, a sixteenth of {@link #STAGING_SIZE}. A staging buffer that fills up,
     * or a queue larger than it, moves the connection to full-size buffers until it is quiet again.
     */
    static final int SMALL_STAGING_SIZE = 16 << 10;
    /**
     * How long the connection must have been quiet (nothing queued) for the writer to give its staging buffers back to
     * the pool: an idle connection holds none, and a busy one does not take them again for each message.
     */
    static final long RELEASE_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** The largest frame a sender writes itself (see {@link #DIRECT_BURST}). */
    static final int DIRECT_MAX = 16 << 10;
    /**
     * How long a gap between two frames queued makes a quiet spell, after which senders write their frames themselves
     * again ({@link #DIRECT_BURST}).
     */
    private static final long QUIET_NANOS = 10_000;
    /**
     * How many frames in a row, each queued less than {@link #QUIET_NANOS} after the one before, are written by their
     * senders: a message after a pause saves the thread's wake-up, and so do the few frames of one act (a call's
     * monitor and request: measured, gen_server calls from Java to erl went from 0.48x to 0.88x erl's rate when the
     * request no longer woke the thread); a longer run is a stream, left to the writer thread, which batches it.
     */
    static final int DIRECT_BURST = 4;
    /** How long the writer thread waits for a sender to hand back the writer role before it tries again. */
    private static final long ROLE_RETRY_NANOS = 20_000;
    /**
     * While frames stream in (one queued in the last {@link #STREAMING_NANOS}), the writer thread lets a batch of less
     * than {@link #MIN_BATCH} bytes grow, parked for {@link #BATCH_WAIT_NANOS} at a time and at most
     * {@link #MAX_BATCH_DELAY_NANOS} in all, before writing it: else, its senders staging each frame at once, it
     * would write a frame or two a system call and be woken for each. It parks rather than spins: on a machine with
     * few cores the senders and the peer need them.
     */
    private static final int MIN_BATCH = 32 << 10;
    private static final long STREAMING_NANOS = 5_000;
    private static final long BATCH_WAIT_NANOS = 20_000;
    private static final long MAX_BATCH_DELAY_NANOS = 100_000;
    /** How many times a sender stages what others queued while it held the role, before it leaves it to the writer. */
    private static final int MAX_STAGING_ROUNDS = 4;
    private static final VarHandle LAST_ENQUEUE;
    private static final VarHandle STATE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            LAST_ENQUEUE = lookup.findVarHandle(FrameWriter.class, "lastEnqueue", long.class);
            STATE = lookup.findVarHandle(FrameWriter.class, "state", State.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The writer's state: where its thread is, and so what a sender that has queued a frame may do. The thread moves
     * itself from {@code NEW} to {@code STAGING} and between the running states; {@link #close()} (or a failed write)
     * moves any running state, or {@code NEW}, to {@code CLOSED}; releasing everything moves {@code CLOSED} to
     * {@code EXITED}. No state is left but by the moves {@link #leadsTo} allows.
     */
    enum State {
        /** The thread has not run: senders only queue; the thread stages all of it when it starts. */
        NEW,
        /**
         * The thread stages what is queued, when it gets the writer role (a sender holding it lets go within
         * microseconds; the thread looks again after {@link #ROLE_RETRY_NANOS}). It leaves this state holding the role.
         */
        STAGING,
        /**
         * The thread writes a full staging buffer to the channel, without the role: senders stage into the other buffer,
         * but none writes to the channel itself.
         */
        WRITING,
        /**
         * The thread is parked for {@link #BATCH_WAIT_NANOS} while frames stream in, so that its small batch grows: a
         * sender that staged {@link #MIN_BATCH} bytes wakes it.
         */
        BATCHING,
        /** The thread is parked with nothing to write: a sender that queued or staged a frame wakes it. */
        IDLE,
        /** Closed ({@link #close()}, or a failed write): nothing more is staged; the thread releases everything. */
        CLOSED,
        /** Everything held or queued was released: a sender releases the frame it queues itself. */
        EXITED;

        /** {@return whether the writer may go from this state to {@code next}} */
        boolean leadsTo(State next) {
            return switch (this) {
                case NEW -> next == STAGING || next == CLOSED;
                case STAGING -> next == WRITING || next == BATCHING || next == IDLE || next == CLOSED;
                case WRITING, BATCHING, IDLE -> next == STAGING || next == CLOSED;
                case CLOSED -> next == EXITED;
                case EXITED -> false;
            };
        }

        /** {@return whether the writer is closed: nothing more is staged or written} */
        boolean closed() {
            return this == CLOSED || this == EXITED;
        }
    }

    /** Told of every move of a writer's state, on the thread that made it: for tests. */
    interface StateListener {
        void moved(State from, State to);
    }

    /** What the writer reports when it stops because a write failed. */
    public interface FailureHandler {
        void writeFailed(IOException cause);
    }

    /** What the sender of a frame waits for, at its next call into the node. */
    public enum Wait {
        /** Nothing: the queue is below the mark. */
        NONE,
        /** The bytes of messages that go whole, down to half the mark. */
        WHOLE,
        /** All the bytes, down to half the mark: the frame goes in fragments. */
        ALL
    }

    private final DistChannel channel;
    private final ByteBufAllocator allocator;
    private final FailureHandler onFailure;
    private final long highWater;
    private final long lowWater;
    private final FrameQueue queue = new FrameQueue();
    private final FrameStager stager;
    private final AtomicLong wholeBytes = new AtomicLong();
    private final AtomicLong fragmentedBytes = new AtomicLong();
    private final AtomicLong bytesWritten = new AtomicLong();
    /** The body bytes ever queued, and of those, staged (or dropped): positions in the stream of bodies. */
    private final AtomicLong bodiesQueued = new AtomicLong();
    private final AtomicLong bodiesSettled = new AtomicLong();
    private final ReentrantLock drainLock = new ReentrantLock();
    private final Condition drained = drainLock.newCondition();
    private volatile int drainWaiters;
    private volatile int settleWaiters;
    /** The writer role: whoever holds it owns {@link #staging}, {@link #stager} and the queue's consuming end. */
    private final AtomicBoolean role = new AtomicBoolean();
    /** Moved through {@link #move} only. */
    private volatile State state = State.NEW;
    private final StateListener listener;
    private final long quietNanos;
    /** The writer thread: set in every state but {@code NEW}. */
    private volatile Thread thread;
    @SuppressWarnings("unused") // through LAST_ENQUEUE: a hint, read and written without ordering
    private long lastEnqueue;
    /** The frames queued since the last quiet spell, this one included: a hint, as {@link #lastEnqueue} is. */
    private int burst;

    // The writer role's state.
    /** The buffer frames are staged into, taken from the pool when there is something to stage; null while none. */
    private ByteBuf staging;
    /** The capacity of the staging buffers to take: {@link #SMALL_STAGING_SIZE}, or {@link #STAGING_SIZE} once busy. */
    private int stagingSize = SMALL_STAGING_SIZE;
    private final ByteBuffer[] directSources = new ByteBuffer[1];

    /**
     * @param highWater the queued bytes above which {@link #overHighWater()} is true (Long.MAX_VALUE: never)
     */
    public FrameWriter(DistChannel channel, FrameFormat format, ByteBufAllocator allocator, long highWater,
                       FailureHandler onFailure) {
        this(channel, format, allocator, highWater, onFailure, null);
    }

    /** @param listener told of every move of the writer's state, or null */
    FrameWriter(DistChannel channel, FrameFormat format, ByteBufAllocator allocator, long highWater,
                FailureHandler onFailure, StateListener listener) {
        this(channel, format, allocator, highWater, onFailure, listener, QUIET_NANOS);
    }

    /** @param quietNanos how long a gap between two frames ends a burst ({@link #DIRECT_BURST}): for tests */
    FrameWriter(DistChannel channel, FrameFormat format, ByteBufAllocator allocator, long highWater,
                FailureHandler onFailure, StateListener listener, long quietNanos) {
        if (highWater < 1) {
            throw new IllegalArgumentException("highWater: " + highWater + " (expected: >= 1)");
        }
        this.channel = channel;
        this.allocator = allocator;
        this.highWater = highWater;
        this.lowWater = highWater / 2;
        this.onFailure = onFailure;
        this.listener = listener;
        this.quietNanos = quietNanos;
        this.stager = new FrameStager(format, queue);
    }

    /**
     * Queues one message; it is written, and its body released, later or at once (or released at once if the writer
     * has stopped). Never blocks. {@return what its sender should wait for}
     */
    public Wait enqueue(OutgoingFrame frame) {
        int length = frame.bodyLength();
        boolean fragmented = stager.fragments(frame);
        long whole;
        long mine;
        if (fragmented) {
            mine = fragmentedBytes.addAndGet(length);
            whole = wholeBytes.get();
        } else {
            whole = wholeBytes.addAndGet(length);
            mine = whole;
        }
        bodiesQueued.addAndGet(length);
        queue.offer(frame);
        long now = System.nanoTime();
        long previous = (long) LAST_ENQUEUE.getOpaque(this);
        LAST_ENQUEUE.setOpaque(this, now);
        int inBurst = now - previous >= quietNanos ? 1 : burst + 1;
        burst = inBurst;
        if (state == State.EXITED) {
            releaseAfterExit();
        } else {
            stage(!fragmented && mine == length && fragmentedBytes.get() == 0 && length <= DIRECT_MAX
                    && inBurst <= DIRECT_BURST);
        }
        if (fragmented) {
            return mine + whole > highWater ? Wait.ALL : Wait.NONE;
        }
        return whole > highWater ? Wait.WHOLE : Wait.NONE;
    }

    /**
     * Stages what is queued if the writer role is free, and writes it at once if {@code direct} and the thread is not
     * writing; wakes the writer thread for what is left. A sender that finds the role taken leaves its frame to the
     * holder, who looks at the queue again after letting go.
     */
    private void stage(boolean direct) {
        if (state == State.NEW) {
            return; // the writer thread stages everything when it starts
        }
        boolean left = true; // whether anything may be left that only the writer thread will write
        for (int round = 0; round < MAX_STAGING_ROUNDS; round++) {
            if (!takeRole()) {
                left = true; // the holder stages what we queued; if that is the thread going idle, it needs waking
                break;
            }
            try {
                State now = state; // the thread enters WRITING only holding the role: not writing now, not while we hold it
                if (now.closed()) {
                    return;
                }
                fill();
                if (direct && now != State.WRITING && staged() > 0) {
                    directSources[0] = staging.nioBuffer();
                    written(staging, channel.tryWrite(directSources));
                }
                if (now == State.BATCHING && staged() >= MIN_BATCH) {
                    LockSupport.unpark(thread); // a full batch: no need to wait for more
                }
                left = staged() > 0 || stager.hasPending();
            } catch (IOException e) {
                fail(e);
                return;
            } finally {
                role.set(false);
            }
            if (queue.isEmpty()) {
                break; // else frames came meanwhile whose senders may have found the role taken: stage them too
            }
            left = true;
            direct = false;
        }
        // The thread went idle holding the role, so a sender that staged after it sees it here; a sender that wrote
        // all it staged leaves it asleep: waking it for nothing costs a context switch a message.
        if (left && state == State.IDLE) {
            LockSupport.unpark(thread);
        }
    }

    /** Queues a tick, the zero-length frame (erl_dist_protocol, "Protocol between Connected Nodes"). */
    public void enqueueTick() {
        enqueue(new OutgoingFrame(Unpooled.EMPTY_BUFFER, 0, null, 0, FrameStager.TICK));
    }

    /** {@return how many bytes were written so far: unchanged means nothing was sent} */
    public long bytesWritten() {
        return bytesWritten.get();
    }

    /** {@return how many body bytes wait to be staged for writing} */
    public long queuedBytes() {
        return wholeBytes.get() + fragmentedBytes.get();
    }

    /**
     * {@return the body bytes queued so far, ever: a position past the end of every frame queued before this call, which
     * {@link #awaitStaged} waits for}
     */
    public long queuedPosition() {
        return bodiesQueued.get();
    }

    /**
     * {@return whether output waits: frames are queued, or the writer thread is in a write the channel has not taken
     * yet (a peer that does not read leaves it there)}
     */
    public boolean outputPending() {
        return queuedBytes() > 0 || state == State.WRITING;
    }

    /**
     * Waits until the bodies queued before {@code position} ({@link #queuedPosition()}) are staged, so that at most the
     * two staging buffers of them are still held, or until the writer stopped. Returns early, with the thread's interrupt
     * status set, when interrupted.
     */
    public void awaitStaged(long position) {
        drainLock.lock();
        try {
            settleWaiters++;
            while (!state.closed() && bodiesSettled.get() < position) {
                drained.await(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            settleWaiters--;
            drainLock.unlock();
        }
    }

    /** {@return whether the queued bytes are above the high-water mark} */
    public boolean overHighWater() {
        return queuedBytes() > highWater;
    }

    /**
     * Waits until what {@code wait} names is down to half the high-water mark, or the writer stopped. Returns early,
     * with the thread's interrupt status set, when interrupted.
     */
    public void awaitDrained(Wait wait) {
        if (wait == Wait.NONE) {
            return;
        }
        drainLock.lock();
        try {
            drainWaiters++;
            while (!state.closed() && (wait == Wait.ALL ? queuedBytes() : wholeBytes.get()) > lowWater) {
                drained.await(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            drainWaiters--;
            drainLock.unlock();
        }
    }

    /** Writes until {@link #close()} or a failed write; run once, on the writer's own thread. */
    @Override
    public void run() {
        if (state != State.NEW) {
            return; // closed before it ran: close() released everything
        }
        thread = Thread.currentThread();
        if (!move(State.NEW, State.STAGING)) {
            return;
        }
        ByteBuf spare = null; // the thread's own: the buffer it wrote last, if it kept it
        ByteBuffer[] sources = new ByteBuffer[1];
        long batchSince = 0;
        boolean releaseDue = false;
        try {
            while (state == State.STAGING) {
                if (!takeRole()) {
                    LockSupport.parkNanos(this, ROLE_RETRY_NANOS); // a sender stages, for microseconds
                    continue;
                }
                ByteBuf full = null;
                State next;
                try {
                    fill();
                    int staged = staged();
                    boolean grow = false;
                    if (staged > 0 && staged < MIN_BATCH && staging.isWritable() && !stager.hasPending()) {
                        long now = System.nanoTime();
                        if (batchSince == 0) {
                            batchSince = now;
                        }
                        grow = now - (long) LAST_ENQUEUE.getOpaque(this) < STREAMING_NANOS
                                && now - batchSince < MAX_BATCH_DELAY_NANOS;
                    }
                    next = grow ? State.BATCHING : staged > 0 ? State.WRITING : State.IDLE;
                    if (next == State.IDLE && releaseDue) { // quiet for a while: the buffers go back to the pool
                        stagingSize = SMALL_STAGING_SIZE;
                        if (staging != null) {
                            staging.release();
                            staging = null;
                        }
                        if (spare != null) {
                            spare.release();
                            spare = null;
                        }
                    }
                    releaseDue = false;
                    if (!move(State.STAGING, next)) {
                        break; // closed
                    }
                    if (next == State.WRITING) {
                        batchSince = 0;
                        full = staging;
                        staging = spare; // or null: taken from the pool when something is to be staged
                        spare = null;
                    }
                } finally {
                    role.set(false);
                }
                if (next == State.WRITING) {
                    try {
                        sources[0] = full.nioBuffer();
                        int bytes = full.readableBytes();
                        channel.write(sources);
                        written(full, bytes);
                    } finally {
                        full.clear();
                        spare = full;
                    }
                    move(State.WRITING, State.STAGING);
                } else if (next == State.BATCHING) {
                    LockSupport.parkNanos(this, BATCH_WAIT_NANOS); // more frames are coming: let the batch grow
                    move(State.BATCHING, State.STAGING);
                } else {
                    long idleSince = System.nanoTime();
                    if (queue.isEmpty() && state == State.IDLE) {
                        // Until a sender queues a frame, or the writer closes; holding buffers, for a while only.
                        if (spare != null || staging != null) {
                            LockSupport.parkNanos(this, RELEASE_AFTER_NANOS);
                        } else {
                            LockSupport.park(this);
                        }
                    }
                    releaseDue = queue.isEmpty() && System.nanoTime() - idleSince >= RELEASE_AFTER_NANOS;
                    move(State.IDLE, State.STAGING);
                }
            }
        } catch (IOException e) {
            fail(e);
        } finally {
            toClosed();
            exit(spare);
        }
    }

    /** Stops the writer: what is still queued is dropped (and released); senders waiting for a drain return. */
    public void close() {
        toClosed();
    }

    /** {@return the writer's state} For tests and logs: it may have moved on by the time it is looked at. */
    State state() {
        return state;
    }

    /**
     * {@return whether this call closed the writer} It moves to {@code CLOSED} from any state but {@code CLOSED} and
     * {@code EXITED}: a writer whose thread never ran releases everything at once, a running one wakes its thread to
     * do so; waiting senders return.
     */
    private boolean toClosed() {
        while (true) {
            State now = state;
            if (now.closed()) {
                return false;
            }
            if (move(now, State.CLOSED)) {
                if (now == State.NEW) {
                    exit(null); // it never ran and never will
                } else {
                    LockSupport.unpark(thread);
                    wakeDrainWaiters();
                }
                return true;
            }
        }
    }

    /**
     * {@return whether the writer moved from {@code from} to {@code to}: false if it was no longer in {@code from}}
     * Only {@link #toClosed()} moves a state that another thread may move too, so a failed move means it closed.
     */
    private boolean move(State from, State to) {
        assert from.leadsTo(to) : from + " -> " + to;
        if (!STATE.compareAndSet(this, from, to)) {
            return false;
        }
        if (listener != null) {
            listener.moved(from, to);
        }
        return true;
    }

    private boolean takeRole() {
        return !role.get() && role.compareAndSet(false, true);
    }

    /** Stages what is queued, into a buffer taken from the pool if none is held and there is something. Role held. */
    private void fill() {
        if (stagingSize < STAGING_SIZE && queuedBytes() > stagingSize) {
            stagingSize = STAGING_SIZE; // a queue larger than a small buffer: a stream, or a large message
        }
        if (staging == null) {
            if (queue.isEmpty() && !stager.hasPending()) {
                return;
            }
            staging = allocator.directBuffer(stagingSize, stagingSize);
        } else if (staging.capacity() < stagingSize && !staging.isReadable()) {
            staging.release(); // an empty small buffer, on a connection that became busy
            staging = allocator.directBuffer(stagingSize, stagingSize);
        }
        stager.fill(staging);
        if (!staging.isWritable()) {
            stagingSize = STAGING_SIZE;
        }
        account();
    }

    /** {@return the bytes staged and not yet written} Role held. */
    private int staged() {
        return staging == null ? 0 : staging.readableBytes();
    }

    // ---------------------------------------------------------------- the writer thread

    /** The body bytes just staged (or dropped) no longer count as queued: senders waiting for a drain may go on. */
    private void account() {
        long whole = stager.settledWhole;
        long fragmented = stager.settledFragmented;
        if (whole > 0 || fragmented > 0) {
            stager.settledWhole = 0;
            stager.settledFragmented = 0;
            wholeBytes.addAndGet(-whole);
            fragmentedBytes.addAndGet(-fragmented);
            bodiesSettled.addAndGet(whole + fragmented);
            wakeDrainWaiters();
        }
    }

    private void written(ByteBuf buffer, long bytes) {
        buffer.skipBytes((int) bytes);
        if (!buffer.isReadable()) {
            buffer.clear();
        }
        bytesWritten.addAndGet(bytes);
    }

    private void fail(IOException e) {
        if (toClosed()) {
            onFailure.writeFailed(e);
        }
    }

    private void wakeDrainWaiters() {
        if (settleWaiters > 0 // waiters look again at what they wait for
                || drainWaiters > 0 && (state.closed() || wholeBytes.get() <= lowWater)) {
            drainLock.lock();
            try {
                drained.signalAll();
            } finally {
                drainLock.unlock();
            }
        }
    }

    /** The writer's end: everything it holds or that is queued is released, and so is what comes later. */
    private void exit(ByteBuf spare) {
        while (!takeRole()) {
            Thread.onSpinWait(); // a sender finishing its staging: it is not waiting on anything
        }
        synchronized (this) {
            move(State.CLOSED, State.EXITED); // the role is held for good: senders release what they queue
            stager.releaseAll();
            releaseQueued();
            if (staging != null) {
                staging.release();
                staging = null;
            }
            if (spare != null) {
                spare.release();
            }
        }
        wakeDrainWaiters();
    }

    private void releaseAfterExit() {
        synchronized (this) {
            releaseQueued();
        }
    }

    /** Drops what is queued (the writer has stopped, and holds the role for good). */
    private void releaseQueued() {
        OutgoingFrame frame;
        while ((frame = queue.poll()) != null) {
            stager.drop(frame);
        }
        account();
    }
}
