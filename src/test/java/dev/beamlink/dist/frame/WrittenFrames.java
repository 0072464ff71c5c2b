package dev.beamlink.dist.frame;

import dev.beamlink.dist.fuzz.PeerBytes;
import dev.beamlink.etf.Term;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;

/**
 * Messages put on a recording channel by a real {@link FrameWriter}, then read back by a real {@link FrameReader}:
 * what a peer receives. Messages queued before {@link #start()} are all in the queue when the writer begins.
 */
final class WrittenFrames {

    private final FrameFormat format;
    private final PeerBytes channel = PeerBytes.seeded(new byte[0], 1);
    private final FrameWriter writer;
    private Thread thread;

    WrittenFrames(FrameFormat format) {
        this.format = format;
        this.writer = new FrameWriter(channel, format, PooledByteBufAllocator.DEFAULT, Long.MAX_VALUE, e -> {
            throw new AssertionError("writing failed", e);
        });
    }

    /** Queues a message of no particular sender, and starts the writer if it is not running. */
    WrittenFrames send(Term control, Term payload) {
        return queue(OutgoingFrame.NO_SENDER, control, payload).start();
    }

    /** Queues a message of {@code sender}. */
    WrittenFrames queue(Object sender, Term control, Term payload) {
        writer.enqueue(format.encode(control, payload, sender));
        return this;
    }

    WrittenFrames start() {
        if (thread == null) {
            thread = Thread.ofPlatform().daemon().name("test writer").start(writer);
        }
        return this;
    }

    /** Waits until everything queued is on the channel, then stops the writer. {@return the bytes written} */
    byte[] drain() throws InterruptedException {
        start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        long seen = -1;
        while (writer.queuedBytes() > 0 || writer.bytesWritten() != seen) {
            seen = writer.bytesWritten();
            Thread.sleep(20);
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the writer did not drain: " + writer.queuedBytes() + " bytes queued");
            }
        }
        writer.close();
        thread.join();
        return channel.written();
    }

    /** {@return the frames the peer reads, lengths off} */
    List<ByteBuf> frames() throws Exception {
        return read(drain());
    }

    /** {@return the frames in {@code bytes} as a peer reads them (ticks as empty buffers), lengths off} */
    static List<ByteBuf> read(byte[] bytes) throws java.io.IOException {
        List<ByteBuf> frames = new ArrayList<>();
        try (FrameReader reader = new FrameReader(PeerBytes.seeded(bytes, 7), 1 << 20, 1 << 30,
                PooledByteBufAllocator.DEFAULT)) {
            while (true) {
                ByteBuf frame;
                try {
                    frame = reader.next();
                } catch (java.io.EOFException end) {
                    return frames;
                }
                frames.add(io.netty.buffer.Unpooled.copiedBuffer(frame));
            }
        }
    }

    /** {@return the messages the peer decodes with {@code receiver}} */
    List<DistMessage> decode(FrameFormat receiver) throws Exception {
        return decode(frames(), receiver);
    }

    /** {@return the messages {@code receiver} decodes from {@code frames}} */
    static List<DistMessage> decode(List<ByteBuf> frames, FrameFormat receiver) throws FrameException {
        List<DistMessage> messages = new ArrayList<>();
        for (ByteBuf frame : frames) {
            if (frame.isReadable()) {
                DistMessage message = receiver.decode(frame);
                if (message != null) {
                    messages.add(message);
                }
            }
        }
        return messages;
    }
}
