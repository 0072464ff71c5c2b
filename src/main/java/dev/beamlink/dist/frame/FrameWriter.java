package dev.beamlink.dist.frame;

import dev.beamlink.dist.transport.DistChannel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The writing side of a connection: a queue of whole, already encoded frames, and the one thread
 * ({@link #run()}) that drains it into gathering writes of many frames at once. Any thread may
 * {@link #enqueue} without blocking; frames queued by one thread are written in the order it queued them.
 *
 * <p>The queue is unbounded today. A high-water mark (senders wait while the queued bytes exceed it, so that a
 * slow peer cannot make the node grow without bound) belongs in {@link #enqueue}, where {@link #queuedBytes()}
 * is already counted.
 */
public final class FrameWriter implements Runnable {

    /** The zero-length frame that is a tick. */
    private static final ByteBuf TICK = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(new byte[FrameReader.LENGTH_SIZE]));

    /** The most frames in one gathering write. */
    static final int MAX_BATCH_FRAMES = 512;
    /** The most bytes in one gathering write (a larger single frame goes alone). */
    static final long MAX_BATCH_BYTES = 1 << 20;

    /** What the writer reports when it stops because a write failed. */
    public interface FailureHandler {
        void writeFailed(IOException cause);
    }

    private final DistChannel channel;
    private final FailureHandler onFailure;
    private final ConcurrentLinkedQueue<ByteBuf> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong framesQueued = new AtomicLong();
    private volatile Thread thread;
    private volatile boolean waiting;
    private volatile boolean closed;

    public FrameWriter(DistChannel channel, FailureHandler onFailure) {
        this.channel = channel;
        this.onFailure = onFailure;
    }

    /**
     * Queues one whole frame (length prefix included); the writer releases it once written or dropped. After
     * {@link #close()} the frame is released at once.
     */
    public void enqueue(ByteBuf frame) {
        queuedBytes.addAndGet(frame.readableBytes());
        framesQueued.incrementAndGet();
        queue.offer(frame);
        if (closed) {
            releaseQueued(); // the writer may have drained for the last time already
            return;
        }
        if (waiting) {
            Thread writer = thread;
            if (writer != null) {
                LockSupport.unpark(writer);
            }
        }
    }

    /** Queues a tick, the zero-length frame (erl_dist_protocol, "Protocol between Connected Nodes"). */
    public void enqueueTick() {
        enqueue(TICK.duplicate());
    }

    /** {@return how many frames were queued so far, ticks included: unchanged means nothing was sent} */
    public long framesQueued() {
        return framesQueued.get();
    }

    /** {@return how many bytes wait in the queue} */
    public long queuedBytes() {
        return queuedBytes.get();
    }

    /** Drains the queue into the channel until {@link #close()} or a failed write. */
    @Override
    public void run() {
        thread = Thread.currentThread();
        List<ByteBuf> batch = new ArrayList<>();
        ByteBuffer[] buffers = new ByteBuffer[MAX_BATCH_FRAMES];
        try {
            while (!closed) {
                long bytes = 0;
                ByteBuf frame;
                while (batch.size() < MAX_BATCH_FRAMES && bytes < MAX_BATCH_BYTES && (frame = queue.poll()) != null) {
                    batch.add(frame);
                    bytes += frame.readableBytes();
                }
                if (batch.isEmpty()) {
                    waiting = true;
                    if (queue.isEmpty() && !closed) {
                        LockSupport.park(this);
                    }
                    waiting = false;
                    continue;
                }
                for (int i = 0; i < batch.size(); i++) {
                    buffers[i] = batch.get(i).nioBuffer();
                }
                ByteBuffer[] sources = batch.size() == buffers.length ? buffers : Arrays.copyOf(buffers, batch.size());
                try {
                    channel.write(sources);
                } finally {
                    queuedBytes.addAndGet(-bytes);
                    batch.forEach(ByteBuf::release);
                    batch.clear();
                    Arrays.fill(buffers, null);
                }
            }
        } catch (IOException e) {
            if (!closed) {
                onFailure.writeFailed(e);
            }
        } finally {
            closed = true;
            releaseQueued();
        }
    }

    /** Stops the writer: what is still queued is dropped (and released). */
    public void close() {
        closed = true;
        Thread writer = thread;
        if (writer != null) {
            LockSupport.unpark(writer);
        }
        releaseQueued();
    }

    private void releaseQueued() {
        ByteBuf frame;
        while ((frame = queue.poll()) != null) {
            queuedBytes.addAndGet(-frame.readableBytes());
            frame.release();
        }
    }
}
