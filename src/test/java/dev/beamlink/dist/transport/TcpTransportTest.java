package dev.beamlink.dist.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TcpTransportTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void readSpinOutsideItsBoundsIsRefusedWithTheNumbers() {
        var negative = assertThrows(IllegalArgumentException.class, () -> new TcpTransport(Duration.ofNanos(-1)));
        assertEquals("read spin: PT-0.000000001S (expected: 0 to PT0.001S)", negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TcpTransport(Duration.ofMillis(2)));
    }

    @Test
    void aNegativeReceiveBufferIsRefusedWithTheNumber() {
        var negative = assertThrows(IllegalArgumentException.class, () -> new TcpTransport(Duration.ZERO, -1));
        assertEquals("receive buffer: -1 (expected: >= 0)", negative.getMessage());
    }

    /** A receive buffer far below what is sent, or the kernel's autotuning: the bytes arrive all and in order. */
    @ParameterizedTest
    @ValueSource(ints = {0, 4 << 10, TcpTransport.DEFAULT_RECEIVE_BUFFER})
    void aMessageLargerThanTheReceiveBufferArrivesWhole(int receiveBuffer) throws Exception {
        try (Pair pair = Pair.open(new TcpTransport(TcpTransport.DEFAULT_READ_SPIN, receiveBuffer))) {
            byte[] sent = new byte[3 << 20];
            new java.util.Random(receiveBuffer).nextBytes(sent);
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> write(pair.client, sent));
            ByteBuffer target = ByteBuffer.allocate(sent.length);
            assertTimeoutPreemptively(TIMEOUT, () -> {
                while (target.hasRemaining()) {
                    assertTrue(pair.server.read(target) > 0);
                }
            });
            writing.get(10, TimeUnit.SECONDS);
            assertArrayEquals(sent, target.array());
        }
    }

    /** Data that comes long after the spin ended wakes the read from its selector; data within the spin is read too. */
    @ParameterizedTest
    @ValueSource(longs = {0, 20_000, 1_000_000})
    void aReadReturnsWhatArrivesDuringOrAfterTheSpin(long spinNanos) throws Exception {
        TcpTransport transport = new TcpTransport(Duration.ofNanos(spinNanos));
        try (Pair pair = Pair.open(transport)) {
            for (long delayMillis : new long[] {0, 50}) {
                byte[] sent = {1, 2, 3, (byte) delayMillis};
                CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                    sleep(delayMillis);
                    write(pair.client, sent);
                });
                ByteBuffer target = ByteBuffer.allocate(64);
                assertTimeoutPreemptively(TIMEOUT, () -> {
                    while (target.position() < sent.length) {
                        assertTrue(pair.server.read(target) > 0);
                    }
                });
                writing.get(10, TimeUnit.SECONDS);
                assertArrayEquals(sent, Arrays.copyOf(target.array(), target.position()));
            }
        }
    }

    /**
     * Waiting for input with a limit: false when the time passes with none (the reader of a quiet connection then lets
     * its thread go), true at once when input came; on a virtual thread as on a platform one.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void awaitingInputEndsWhenTheTimePassesOrInputComes(boolean virtual) throws Exception {
        try (Pair pair = Pair.open(new TcpTransport())) {
            CompletableFuture<Object> outcome = new CompletableFuture<>();
            (virtual ? Thread.ofVirtual() : Thread.ofPlatform()).start(() -> {
                try {
                    write(pair.client, new byte[] {6});
                    pair.server.read(ByteBuffer.allocate(8)); // took all there was
                    long start = System.nanoTime();
                    boolean early = pair.server.awaitInput(TimeUnit.MILLISECONDS.toNanos(50));
                    long waited = System.nanoTime() - start;
                    write(pair.client, new byte[] {7});
                    boolean came = pair.server.awaitInput(-1);
                    ByteBuffer target = ByteBuffer.allocate(8);
                    outcome.complete(List.of(early, waited >= TimeUnit.MILLISECONDS.toNanos(45), came,
                            pair.server.read(target), target.get(0)));
                } catch (IOException | RuntimeException e) {
                    outcome.complete(e);
                }
            });
            assertEquals(List.of(false, true, true, 1, (byte) 7), outcome.get(10, TimeUnit.SECONDS));
        }
    }

    /**
     * On a channel not read yet (a connection right after its handshake), or whose last read filled its buffer, a wait
     * for input with a limit still ends with the limit when none comes: the reader of a connection whose peer stays
     * quiet from the start lets its thread go, as it does later.
     */
    @Test
    void awaitingInputEndsWithTheLimitBeforeTheFirstReadAndAfterAFullOne() throws Exception {
        try (Pair pair = Pair.open(new TcpTransport())) {
            assertTimeoutPreemptively(TIMEOUT, () -> {
                assertEquals(false, pair.server.awaitInput(TimeUnit.MILLISECONDS.toNanos(50)), "before any read");
                write(pair.client, new byte[] {1, 2, 3, 4});
                ByteBuffer exactly = ByteBuffer.allocate(4);
                while (exactly.hasRemaining()) {
                    pair.server.read(exactly);
                }
                assertEquals(false, pair.server.awaitInput(TimeUnit.MILLISECONDS.toNanos(50)), "after a read that filled");
                write(pair.client, new byte[] {5});
                assertEquals(true, pair.server.awaitInput(-1), "input came");
            });
        }
    }

    @Test
    void closingTheChannelEndsAReadThatIsSpinningOrAsleep() throws Exception {
        TcpTransport transport = new TcpTransport(TcpTransport.MAX_READ_SPIN);
        try (Pair pair = Pair.open(transport)) {
            CompletableFuture<Object> reading = CompletableFuture.supplyAsync(() -> {
                try {
                    return pair.server.read(ByteBuffer.allocate(16));
                } catch (IOException e) {
                    return e;
                }
            });
            Thread.sleep(20); // past the spin: asleep on the selector
            pair.server.close();
            Object outcome = reading.get(10, TimeUnit.SECONDS);
            assertTrue(outcome instanceof IOException, "read ended with " + outcome);
        }
    }

    /**
     * A scattering read fills its target, then puts what follows into the second buffer, up to its room, in one read:
     * the end of a frame where it belongs, the start of the next one in the reader's buffer. What is left stays for the
     * next read; a read with room left in its target takes no byte into the second buffer.
     */
    @Test
    void aScatteringReadFillsTheTargetThenTheSecondBuffer() throws Exception {
        try (Pair pair = Pair.open(new TcpTransport())) {
            byte[] sent = new byte[1000];
            new java.util.Random(3).nextBytes(sent);
            write(pair.client, sent);
            ByteBuffer target = ByteBuffer.allocate(600);
            ByteBuffer then = ByteBuffer.allocate(22);
            assertTimeoutPreemptively(TIMEOUT, () -> {
                while (target.hasRemaining()) {
                    int before = then.position();
                    assertTrue(pair.server.read(target, then) > 0);
                    assertTrue(target.hasRemaining() ? then.position() == before : then.position() >= before);
                }
                while (then.hasRemaining()) {
                    assertTrue(pair.server.read(ByteBuffer.allocate(0), then) > 0);
                }
            });
            assertArrayEquals(Arrays.copyOf(sent, 600), target.array());
            assertArrayEquals(Arrays.copyOfRange(sent, 600, 622), then.array());
            ByteBuffer rest = ByteBuffer.allocate(378);
            assertTimeoutPreemptively(TIMEOUT, () -> {
                while (rest.hasRemaining()) {
                    assertTrue(pair.server.read(rest) > 0);
                }
            });
            assertArrayEquals(Arrays.copyOfRange(sent, 622, 1000), rest.array());
        }
    }

    @Test
    void theEndOfTheStreamIsMinusOne() throws Exception {
        try (Pair pair = Pair.open(new TcpTransport())) {
            pair.client.close();
            assertTimeoutPreemptively(TIMEOUT, () -> assertEquals(-1, pair.server.read(ByteBuffer.allocate(16))));
        }
    }

    private static void write(DistChannel channel, byte[] bytes) {
        try {
            channel.write(new ByteBuffer[] {ByteBuffer.wrap(bytes)});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Two connected channels of one transport over loopback. */
    private record Pair(DistListener listener, DistChannel client, DistChannel server) implements AutoCloseable {

        static Pair open(TcpTransport transport) throws IOException {
            DistListener listener = transport.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            DistChannel client = transport.connect(listener.localAddress(), Duration.ofSeconds(5));
            return new Pair(listener, client, listener.accept());
        }

        @Override
        public void close() {
            client.close();
            server.close();
            listener.close();
        }
    }
}
