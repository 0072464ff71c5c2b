package dev.beamlink.dist.frame;

import static dev.beamlink.dist.frame.FrameWriter.State.BATCHING;
import static dev.beamlink.dist.frame.FrameWriter.State.CLOSED;
import static dev.beamlink.dist.frame.FrameWriter.State.EXITED;
import static dev.beamlink.dist.frame.FrameWriter.State.IDLE;
import static dev.beamlink.dist.frame.FrameWriter.State.NEW;
import static dev.beamlink.dist.frame.FrameWriter.State.STAGING;
import static dev.beamlink.dist.frame.FrameWriter.State.WRITING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.frame.FrameWriter.State;
import dev.beamlink.dist.handshake.DistFlags;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.EtfDecoder;
import dev.beamlink.etf.EtfEncoder;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Tuple;
import io.netty.buffer.PoolArenaMetric;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The writer's state machine: the moves it allows, and each of them made by a real writer on its own thread. Closing
 * in each state is done from the writer thread the moment it entered it (the listener runs there), which is the
 * interleaving of a {@code close()} from another thread at that moment. After every scenario, every pooled buffer the
 * writer took is back in its pool (an allocator without thread caches, so its count of active allocations is exact)
 * and every frame it was given is released.
 */
class FrameWriterStateTest {

    private static final DistFlags FLAGS = new DistFlags(DistFlags.DFLAG_DIST_HDR_ATOM_CACHE | DistFlags.DFLAG_FRAGMENTS);
    private static final Pid A = new Pid(Atom.of("java@localhost"), 1, 0, 1);
    private static final Tuple CONTROL = Tuple.of(Int.of(22), A, new Pid(Atom.of("erl@localhost"), 9, 0, 1));

    record Move(State from, State to) {
        @Override
        public String toString() {
            return from + "->" + to;
        }
    }

    /** The machine, as a table: every move it allows. */
    private static final Set<Move> ALLOWED = Set.of(
            new Move(NEW, STAGING), new Move(NEW, CLOSED),
            new Move(STAGING, WRITING), new Move(STAGING, BATCHING), new Move(STAGING, IDLE), new Move(STAGING, CLOSED),
            new Move(WRITING, STAGING), new Move(WRITING, CLOSED),
            new Move(BATCHING, STAGING), new Move(BATCHING, CLOSED),
            new Move(IDLE, STAGING), new Move(IDLE, CLOSED),
            new Move(CLOSED, EXITED));

    @Test
    void theMachineAllowsTheseMovesAndNoOthers() {
        for (State from : State.values()) {
            for (State to : State.values()) {
                assertEquals(ALLOWED.contains(new Move(from, to)), from.leadsTo(to), from + " -> " + to);
            }
        }
    }

    @Test
    void everyAllowedMoveIsMadeByAScenario() throws Exception {
        Set<Move> made = new HashSet<>();
        made.addAll(closedBeforeItRuns());
        made.addAll(aMessageOnAQuietConnection());
        made.addAll(framesStreamingIn());
        for (State state : EnumSet.of(STAGING, WRITING, BATCHING, IDLE)) {
            made.addAll(closedAsItEnters(state));
        }
        assertEquals(ALLOWED, made);
    }

    /** NEW -> CLOSED -> EXITED: the queue is released at once, and what is queued later too. */
    @Test
    void closedBeforeItRunsReleasesAtOnce() throws Exception {
        assertEquals(List.of(new Move(NEW, CLOSED), new Move(CLOSED, EXITED)), closedBeforeItRuns());
    }

    /** IDLE -> STAGING -> WRITING -> STAGING -> IDLE: a sender wakes the idle thread, which writes its frame. */
    @Test
    void aMessageWakesTheIdleThreadWhichWritesIt() throws Exception {
        List<Move> moves = aMessageOnAQuietConnection();
        assertEquals(List.of(new Move(NEW, STAGING), new Move(STAGING, IDLE), new Move(IDLE, STAGING)), moves.subList(0, 3));
        assertTrue(containsInOrder(moves, new Move(STAGING, WRITING), new Move(WRITING, STAGING), new Move(STAGING, IDLE),
                new Move(IDLE, CLOSED), new Move(CLOSED, EXITED)), shortly(moves));
    }

    /** STAGING -> BATCHING -> STAGING: while frames stream in, the thread waits for its batch to grow. */
    @Test
    void whileFramesStreamInTheBatchGrows() throws Exception {
        List<Move> moves = framesStreamingIn();
        assertTrue(containsInOrder(moves, new Move(STAGING, BATCHING), new Move(BATCHING, STAGING)), shortly(moves));
    }

    @Test
    void closedAsItStartsStaging() throws Exception {
        assertEquals(List.of(new Move(NEW, STAGING), new Move(STAGING, CLOSED), new Move(CLOSED, EXITED)),
                closedAsItEnters(STAGING));
    }

    @Test
    void closedWhileWriting() throws Exception {
        assertEndsWith(closedAsItEnters(WRITING), new Move(STAGING, WRITING), new Move(WRITING, CLOSED), new Move(CLOSED, EXITED));
    }

    @Test
    void closedWhileBatching() throws Exception {
        assertEndsWith(closedAsItEnters(BATCHING), new Move(STAGING, BATCHING), new Move(BATCHING, CLOSED),
                new Move(CLOSED, EXITED));
    }

    @Test
    void closedWhileIdle() throws Exception {
        assertEquals(List.of(new Move(NEW, STAGING), new Move(STAGING, IDLE), new Move(IDLE, CLOSED), new Move(CLOSED, EXITED)),
                closedAsItEnters(IDLE));
    }

    // ---------------------------------------------------------------- the scenarios, each returning the moves made

    private List<Move> closedBeforeItRuns() throws Exception {
        try (Scenario scenario = new Scenario(null, false)) {
            scenario.enqueue(3);
            scenario.writer.close();
            assertEquals(EXITED, scenario.writer.state());
            assertEquals(0, scenario.writer.queuedBytes());
            scenario.start(); // returns at once: it was closed before it ran
            scenario.enqueue(1); // released by its sender
            return scenario.finish();
        }
    }

    private List<Move> aMessageOnAQuietConnection() throws Exception {
        try (Scenario scenario = new Scenario(null, true)) {
            scenario.start();
            scenario.await(() -> scenario.writer.state() == IDLE, "idle");
            scenario.enqueue(1);
            scenario.await(() -> scenario.writer.state() == WRITING, "writing, the write held by the channel");
            scenario.channel.release.countDown();
            scenario.await(() -> scenario.writer.state() == IDLE && scenario.channel.writes.get() == 1, "idle again");
            scenario.writer.close();
            return scenario.finish();
        }
    }

    private List<Move> framesStreamingIn() throws Exception {
        try (Scenario scenario = new Scenario(null, false)) {
            scenario.start();
            scenario.streamUntil(() -> scenario.made(new Move(BATCHING, STAGING)));
            scenario.writer.close();
            return scenario.finish();
        }
    }

    /** The writer closes the moment it enters {@code state}: from its own thread, as if another had closed it then. */
    private List<Move> closedAsItEnters(State state) throws Exception {
        try (Scenario scenario = new Scenario(state, false)) {
            if (state == WRITING) {
                scenario.enqueue(1);
                Thread.sleep(1); // queued a while ago: written at once, not batched
            }
            scenario.start();
            if (state == BATCHING) {
                scenario.streamUntil(() -> scenario.writer.state().closed());
            }
            return scenario.finish();
        }
    }

    // ---------------------------------------------------------------- helpers

    private static boolean containsInOrder(List<Move> moves, Move... expected) {
        int i = 0;
        for (Move move : moves) {
            if (i < expected.length && move.equals(expected[i])) {
                i++;
            }
        }
        return i == expected.length;
    }

    private static void assertEndsWith(List<Move> moves, Move... expected) {
        assertTrue(moves.size() >= expected.length, shortly(moves));
        assertEquals(List.of(expected), moves.subList(moves.size() - expected.length, moves.size()), shortly(moves));
    }

    private static String shortly(List<Move> moves) {
        return moves.size() <= 12 ? moves.toString()
                : moves.size() + " moves: " + moves.subList(0, 6) + " ... " + moves.subList(moves.size() - 6, moves.size());
    }

    /** A writer on its own thread with a recording listener, its own pool, and the frames given to it. */
    private static final class Scenario implements AutoCloseable {
        final PooledByteBufAllocator pool = new PooledByteBufAllocator(true, 0, 1, 8192, 9, 0, 0, false);
        final FrameFormat format = FrameFormat.negotiated(FLAGS, EtfEncoder.defaults(), EtfDecoder.defaults());
        final List<Move> moves = Collections.synchronizedList(new ArrayList<>());
        final Set<Move> made = ConcurrentHashMap.newKeySet();
        final List<OutgoingFrame> frames = new ArrayList<>(); // the test thread's own
        final RecordingChannel channel;
        final FrameWriter writer;
        Thread thread;

        /**
         * @param closeIn the state the writer closes in as it enters it, or null
         * @param held    whether the channel holds each write until released
         */
        Scenario(State closeIn, boolean held) {
            channel = new RecordingChannel(held, false);
            AtomicReference<FrameWriter> self = new AtomicReference<>();
            AtomicBoolean closing = new AtomicBoolean();
            writer = new FrameWriter(channel, format, pool, Long.MAX_VALUE, e -> { }, (from, to) -> {
                assertTrue(from.leadsTo(to), from + " -> " + to);
                moves.add(new Move(from, to));
                made.add(new Move(from, to));
                if (to == closeIn && closing.compareAndSet(false, true)) {
                    self.get().close();
                }
            });
            self.set(writer);
        }

        void start() {
            thread = Thread.ofPlatform().name("writer-under-test").start(writer);
        }

        void enqueue(int count) {
            for (int i = 0; i < count; i++) {
                OutgoingFrame frame = format.encode(CONTROL, Tuple.of(Atom.of("n"), Int.of(i)), A);
                frames.add(frame);
                writer.enqueue(frame);
            }
        }

        /** Queues small frames back to back, as a busy sender does, until {@code done}. */
        void streamUntil(BooleanSupplier done) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!done.getAsBoolean()) {
                assertTrue(System.nanoTime() < deadline, "not seen while streaming: " + recent());
                enqueue(1);
            }
        }

        boolean made(Move move) {
            return made.contains(move);
        }

        /** The moves for a failure message: how many, and the last few. */
        String recent() {
            synchronized (moves) {
                int n = moves.size();
                return n + " moves, the last: " + moves.subList(Math.max(0, n - 12), n);
            }
        }

        void await(BooleanSupplier condition, String what) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!condition.getAsBoolean()) {
                assertTrue(System.nanoTime() < deadline, "not " + what + ": " + recent());
                Thread.sleep(1);
            }
        }

        /** Waits for the writer's end; checks that it released everything. {@return the moves it made} */
        List<Move> finish() throws InterruptedException {
            if (thread != null) {
                thread.join(TimeUnit.SECONDS.toMillis(20));
                assertTrue(!thread.isAlive(), "the writer thread ended: " + recent());
            }
            assertEquals(EXITED, writer.state(), recent());
            long active = pool.metric().directArenas().stream().mapToLong(PoolArenaMetric::numActiveAllocations).sum();
            assertEquals(0, active, "pooled buffers not released: " + recent());
            for (OutgoingFrame frame : frames) {
                assertEquals(0, frame.body.refCnt(), "a frame not released: " + recent());
            }
            assertEquals(0, writer.queuedBytes());
            synchronized (moves) {
                return new ArrayList<>(moves);
            }
        }

        @Override
        public void close() {
            channel.release.countDown();
            writer.close();
        }
    }
}
