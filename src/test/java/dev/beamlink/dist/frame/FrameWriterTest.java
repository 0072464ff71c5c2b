package dev.beamlink.dist.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.handshake.DistFlags;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Binary;
import dev.beamlink.etf.EtfDecoder;
import dev.beamlink.etf.EtfEncoder;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The writer: frames coalesced into few writes, large messages in fragments interleaved with other senders' messages
 * but never with the same sender's, the high-water mark, and a sender writing itself on a quiet connection.
 */
class FrameWriterTest {

    private static final DistFlags FLAGS = new DistFlags(DistFlags.DFLAG_DIST_HDR_ATOM_CACHE | DistFlags.DFLAG_FRAGMENTS);
    private static final Pid A = new Pid(Atom.of("java@localhost"), 1, 0, 1);
    private static final Pid B = new Pid(Atom.of("java@localhost"), 2, 0, 1);

    private static FrameFormat format() {
        return FrameFormat.negotiated(FLAGS, EtfEncoder.defaults(), EtfDecoder.defaults());
    }

    private static Tuple send(Pid from) {
        return Tuple.of(Int.of(22), from, new Pid(Atom.of("erl@localhost"), 9, 0, 1));
    }

    @Test
    void manySmallFramesGoOutInOneWrite() throws Exception {
        FrameFormat format = format();
        RecordingChannel channel = new RecordingChannel(false, false);
        FrameWriter writer = new FrameWriter(channel, format, PooledByteBufAllocator.DEFAULT, Long.MAX_VALUE, e -> { });
        for (int i = 0; i < 1000; i++) {
            writer.enqueue(format.encode(send(A), Tuple.of(Atom.of("n"), Int.of(i)), A));
        }
        Thread thread = Thread.ofPlatform().start(writer);
        assertTrue(JavaWaits.until(() -> writer.queuedBytes() == 0 && channel.writes.get() > 0));
        writer.close();
        thread.join();
        assertEquals(1, channel.writes.get(), "1,000 frames queued before the writer ran: one write");
        List<DistMessage> back = decodeAll(channel.bytes.toByteArray());
        assertEquals(1000, back.size());
        for (int i = 0; i < 1000; i++) {
            assertEquals(Tuple.of(Atom.of("n"), Int.of(i)), back.get(i).payload());
        }
    }

    @Test
    void aLargeMessageGoesInFragmentsBetweenWhichOtherSendersGoButNotItsOwnSender() throws Exception {
        FrameFormat format = format();
        WrittenFrames written = new WrittenFrames(format);
        byte[] big = new byte[1 << 20];
        new java.util.Random(5).nextBytes(big);
        written.queue(A, send(A), Binary.wrap(big));
        for (int i = 0; i < 10; i++) {
            written.queue(B, send(B), Tuple.of(Atom.of("b"), Int.of(i)));
        }
        written.queue(A, send(A), Atom.of("after_the_big_one"));
        List<ByteBuf> frames = written.frames();

        List<String> order = new ArrayList<>();
        FrameFormat peer = format();
        for (ByteBuf frame : frames) {
            int type = frame.getUnsignedByte(1);
            if (type != DistHeaderFormat.DIST_HEADER) {
                order.add(type == DistHeaderFormat.DIST_FRAG_HEADER ? "start" : "fragment " + frame.getLong(10));
            }
            DistMessage message = peer.decode(frame);
            if (message != null) {
                Term payload = message.payload();
                order.add(payload instanceof Binary b ? "big (" + b.size() + " bytes)"
                        : payload instanceof Tuple t ? "b" + t.get(1) : payload.toString());
                if (payload instanceof Binary b) {
                    assertEquals(Binary.wrap(big), b);
                }
            }
        }
        // 1 MiB in 64 KiB fragments: the start and 16 continuations (the start also holds the control message).
        assertEquals("start", order.getFirst());
        int lastFragment = order.indexOf("fragment 1");
        assertEquals(17, order.stream().filter(s -> s.startsWith("start") || s.startsWith("fragment")).count(), order.toString());
        assertTrue(order.indexOf("b9") < lastFragment, "B's messages went between A's fragments: " + order);
        assertEquals("big (1048576 bytes)", order.get(lastFragment + 1), order.toString());
        assertEquals("after_the_big_one", order.get(lastFragment + 2), "A's next message waited for its big one: " + order);
        for (int i = 1; i < 10; i++) {
            assertTrue(order.indexOf("b" + (i - 1)) < order.indexOf("b" + i), "B's messages in order: " + order);
        }
    }

    @Test
    void aboveTheHighWaterMarkSendersAreToldToWaitAndWaitUntilItDrains() throws Exception {
        FrameFormat format = format();
        RecordingChannel channel = new RecordingChannel(true, false);
        FrameWriter writer = new FrameWriter(channel, format, PooledByteBufAllocator.DEFAULT, 100_000, e -> { });
        Thread thread = Thread.ofPlatform().start(writer);
        Term payload = Binary.wrap(new byte[30_000]);
        int queued = 0;
        do { // until the writer is in its held write (for good) and the queue over the mark: nothing moves then
            while (writer.enqueue(format.encode(send(A), payload, A)) == FrameWriter.Wait.NONE) {
                queued++;
            }
            Thread.sleep(50);
        } while (writer.state() != FrameWriter.State.WRITING || !writer.overHighWater());
        // Taken before the mark: the staging buffer being written, the one the senders filled meanwhile, the mark, and the
        // frame that crossed it.
        assertTrue(queued * 30_000 <= 2 * FrameWriter.STAGING_SIZE + 100_000 + 30_000,
                queued + " frames queued before the mark");
        CountDownLatch drained = new CountDownLatch(1);
        Thread waiter = Thread.ofVirtual().start(() -> {
            writer.awaitDrained(FrameWriter.Wait.WHOLE);
            drained.countDown();
        });
        assertFalse(drained.await(300, TimeUnit.MILLISECONDS), "the sender waits while the peer does not read");
        channel.release.countDown();
        assertTrue(drained.await(10, TimeUnit.SECONDS), "and goes on once the queue drained to half the mark");
        assertTrue(writer.queuedBytes() <= 50_000);
        waiter.join();
        writer.close();
        thread.join();
    }

    @Test
    void aLargeMessageMakesItsOwnSenderWaitNotTheOthers() throws Exception {
        FrameFormat format = format();
        RecordingChannel channel = new RecordingChannel(true, false);
        FrameWriter writer = new FrameWriter(channel, format, PooledByteBufAllocator.DEFAULT, 100_000, e -> { });
        Thread thread = Thread.ofPlatform().start(writer);
        assertEquals(FrameWriter.Wait.ALL, writer.enqueue(format.encode(send(A), Binary.wrap(new byte[1 << 20]), A)),
                "1 MiB in fragments, over the mark: its sender waits until all is down to half the mark");
        for (int i = 0; i < 100; i++) {
            assertEquals(FrameWriter.Wait.NONE, writer.enqueue(format.encode(send(B), Tuple.of(Atom.of("b"), Int.of(i)), B)),
                    "others' small messages go on meanwhile");
        }
        CountDownLatch drained = new CountDownLatch(1);
        Thread.ofVirtual().start(() -> {
            writer.awaitDrained(FrameWriter.Wait.ALL);
            drained.countDown();
        });
        assertFalse(drained.await(200, TimeUnit.MILLISECONDS), "the large message's sender waits");
        channel.release.countDown();
        assertTrue(drained.await(10, TimeUnit.SECONDS), "until it is mostly written");
        writer.close();
        thread.join();
    }

    @Test
    void closingTheWriterReleasesWaitingSenders() throws Exception {
        FrameFormat format = format();
        RecordingChannel channel = new RecordingChannel(true, false);
        FrameWriter writer = new FrameWriter(channel, format, PooledByteBufAllocator.DEFAULT, 10_000, e -> { });
        Thread thread = Thread.ofPlatform().start(writer);
        do {
            while (writer.enqueue(format.encode(send(A), Binary.wrap(new byte[5_000]), A)) == FrameWriter.Wait.NONE) {
                // fill past the mark
            }
            Thread.sleep(50);
        } while (writer.state() != FrameWriter.State.WRITING || !writer.overHighWater());
        CountDownLatch returned = new CountDownLatch(1);
        Thread.ofVirtual().start(() -> {
            writer.awaitDrained(FrameWriter.Wait.WHOLE);
            returned.countDown();
        });
        assertFalse(returned.await(200, TimeUnit.MILLISECONDS));
        writer.close();
        assertTrue(returned.await(10, TimeUnit.SECONDS), "a closed connection never drains: waiters return");
        channel.release.countDown();
        thread.join();
        assertEquals(0, writer.queuedBytes(), "what was queued is released");
    }

    @Test
    void onAQuietConnectionTheSenderWritesItsFrameItself() throws Exception {
        FrameFormat format = format();
        RecordingChannel channel = new RecordingChannel(false, true);
        FrameWriter writer = new FrameWriter(channel, format, PooledByteBufAllocator.DEFAULT, Long.MAX_VALUE, e -> { });
        Thread thread = Thread.ofPlatform().start(writer);
        Thread.sleep(20); // the connection has been quiet for a while
        writer.enqueue(format.encode(send(A), Atom.of("ping"), A));
        assertEquals(1, channel.writes.get(), "written before enqueue returned");
        assertEquals(Thread.currentThread(), channel.writers.getFirst());
        writer.enqueueTick();
        assertTrue(JavaWaits.until(() -> channel.writes.get() == 2));
        writer.close();
        thread.join();
        byte[] all = channel.bytes.toByteArray();
        assertArrayEquals(new byte[4], java.util.Arrays.copyOfRange(all, all.length - 4, all.length), "a tick: length 0");
        assertEquals(Atom.of("ping"), decodeAll(all).getFirst().payload());
    }

    /**
     * A sender that wrote all it staged leaves the idle writer thread asleep: waking it would cost a context switch a
     * message, for nothing. A sender whose frame the socket did not take wakes it, and it writes the frame.
     */
    @Test
    void aSenderThatWroteItsFrameLeavesTheIdleWriterAsleep() throws Exception {
        FrameFormat format = format();
        RecordingChannel channel = new RecordingChannel(false, true);
        List<FrameWriter.State> moves = java.util.Collections.synchronizedList(new ArrayList<>());
        FrameWriter writer = new FrameWriter(channel, format, PooledByteBufAllocator.DEFAULT, Long.MAX_VALUE, e -> { },
                (from, to) -> moves.add(to));
        Thread thread = Thread.ofPlatform().start(writer);
        assertTrue(JavaWaits.until(() -> writer.state() == FrameWriter.State.IDLE));
        for (int i = 0; i < 5; i++) {
            Thread.sleep(2); // a quiet connection: each sender writes itself
            writer.enqueue(format.encode(send(A), Int.of(i), A));
        }
        assertEquals(5, channel.writes.get());
        Thread.sleep(20);
        assertEquals(List.of(FrameWriter.State.STAGING, FrameWriter.State.IDLE), moves, "the thread was not woken");
        writer.close();
        thread.join();
        assertEquals(5, decodeAll(channel.bytes.toByteArray()).size());
    }

    /**
     * After a quiet spell the senders of the next {@link FrameWriter#DIRECT_BURST} frames write them themselves (a call's
     * monitor and request go out without waking the writer thread); a frame past that, queued with no quiet spell
     * between, is a stream's, left to the writer thread; and after a quiet spell senders write again. (The quiet spell
     * is a minute here, so that no pause of a loaded machine ends a burst; an hour-long gap is made by a fresh writer's
     * first frame only: its last frame was queued at time zero.)
     */
    @Test
    void theFirstFramesAfterAQuietSpellAreWrittenByTheirSendersAndAStreamByTheWriterThread() throws Exception {
        FrameFormat format = format();
        RecordingChannel channel = new RecordingChannel(false, true);
        List<FrameWriter.State> moves = java.util.Collections.synchronizedList(new ArrayList<>());
        FrameWriter writer = new FrameWriter(channel, format, PooledByteBufAllocator.DEFAULT, Long.MAX_VALUE, e -> { },
                (from, to) -> moves.add(to), TimeUnit.MINUTES.toNanos(1));
        Thread thread = Thread.ofPlatform().start(writer);
        assertTrue(JavaWaits.until(() -> writer.state() == FrameWriter.State.IDLE));
        for (int i = 0; i < FrameWriter.DIRECT_BURST; i++) {
            writer.enqueue(format.encode(send(A), Int.of(i), A));
            assertEquals(i + 1, channel.writes.get(), "frame " + i + " of the burst: written before enqueue returned");
        }
        assertEquals(List.of(FrameWriter.State.STAGING, FrameWriter.State.IDLE), moves, "the thread was not woken");
        assertTrue(channel.writers.stream().allMatch(Thread.currentThread()::equals), "all by the sender");
        writer.enqueue(format.encode(send(A), Atom.of("stream"), A));
        assertTrue(JavaWaits.until(() -> channel.writes.get() == FrameWriter.DIRECT_BURST + 1));
        assertEquals(thread, channel.writers.getLast(), "past the burst: the writer thread wrote it");
        writer.close();
        thread.join();
        List<DistMessage> written = decodeAll(channel.bytes.toByteArray());
        assertEquals(FrameWriter.DIRECT_BURST + 1, written.size());
        assertEquals(Atom.of("stream"), written.getLast().payload(), "in the order queued");
    }

    @Test
    void aSenderWhoseFrameTheSocketDidNotTakeWakesTheWriter() throws Exception {
        FrameFormat format = format();
        RecordingChannel channel = new RecordingChannel(false, false); // tryWrite takes nothing
        FrameWriter writer = new FrameWriter(channel, format, PooledByteBufAllocator.DEFAULT, Long.MAX_VALUE, e -> { });
        Thread thread = Thread.ofPlatform().start(writer);
        assertTrue(JavaWaits.until(() -> writer.state() == FrameWriter.State.IDLE));
        Thread.sleep(2);
        writer.enqueue(format.encode(send(A), Atom.of("left"), A));
        assertTrue(JavaWaits.until(() -> channel.writes.get() == 1), "the writer thread wrote it");
        assertEquals(thread, channel.writers.getFirst());
        writer.close();
        thread.join();
    }

    /**
     * The staging buffers are taken from the pool for what is to be written and given back once the connection has been
     * quiet for {@link FrameWriter#RELEASE_AFTER_NANOS}: an idle connection holds none; a message after that is written
     * as before.
     */
    @Test
    void theStagingBuffersGoBackToThePoolWhenTheConnectionIsQuiet() throws Exception {
        PooledByteBufAllocator pool = new PooledByteBufAllocator(true, 0, 1, 8192, 9, 0, 0, false);
        FrameFormat format = format();
        RecordingChannel channel = new RecordingChannel(false, false);
        FrameWriter writer = new FrameWriter(channel, format, pool, Long.MAX_VALUE, e -> { });
        assertEquals(0, activeDirect(pool), "none before anything is written");
        Thread thread = Thread.ofPlatform().start(writer);
        for (int i = 0; i < 1000; i++) {
            writer.enqueue(format.encode(send(A), Binary.wrap(new byte[300]), A));
        }
        assertTrue(JavaWaits.until(() -> writer.queuedBytes() == 0 && writer.state() == FrameWriter.State.IDLE));
        assertTrue(activeDirect(pool) > 0, "held while busy");
        assertTrue(JavaWaits.until(() -> activeDirect(pool) == 0), "given back when quiet");
        writer.enqueue(format.encode(send(A), Atom.of("after"), A));
        assertTrue(JavaWaits.until(() -> decodeAll(channel.bytes.toByteArray()).size() == 1001));
        writer.close();
        thread.join();
        assertEquals(0, activeDirect(pool));
    }

    private static long activeDirect(PooledByteBufAllocator pool) {
        return pool.metric().directArenas().stream().mapToLong(io.netty.buffer.PoolArenaMetric::numActiveAllocations).sum();
    }

    private static List<DistMessage> decodeAll(byte[] bytes) throws Exception {
        return WrittenFrames.decode(WrittenFrames.read(bytes), format());
    }

    /** Polling waits for tests. */
    private static final class JavaWaits {
        interface Condition {
            boolean holds() throws Exception;
        }

        static boolean until(Condition condition) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!condition.holds()) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(5);
            }
            return true;
        }
    }
}
