package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.beamlink.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The tick clock outlives a connection whose tick throws (issue 14, item 9): a runtime exception and an {@link Error}
 * are each reported to their connection, and the connections after them go on being ticked.
 */
class TickerTest {

    /** Counts its ticks, and throws from each when told to. */
    private static final class Probe implements Ticker.Ticked {
        private final RuntimeException exception;
        private final Error error;
        final AtomicInteger ticks = new AtomicInteger();
        final List<Throwable> failures = new CopyOnWriteArrayList<>();

        Probe(RuntimeException exception, Error error) {
            this.exception = exception;
            this.error = error;
        }

        @Override
        public void tick() {
            ticks.incrementAndGet();
            if (exception != null) {
                throw exception;
            }
            if (error != null) {
                throw error;
            }
        }

        @Override
        public void tickFailed(Throwable failure) {
            failures.add(failure);
            throw new IllegalStateException("and its handler fails too");
        }
    }

    @Test
    void connectionsWhoseTicksThrowStopNeitherTheClockNorTheOthersTicks() throws InterruptedException {
        Probe throwing = new Probe(new IllegalStateException("a broken tick"), null);
        Probe erring = new Probe(null, new StackOverflowError("a tick too deep"));
        Probe healthy = new Probe(null, null);
        Thread clock = Thread.ofVirtual().start(new Ticker(() -> List.of(throwing, erring, healthy), Duration.ofMillis(40)));
        try {
            Await.until("ticks go on after the failing ones", () -> healthy.ticks.get() >= 5);
        } finally {
            clock.interrupt();
            clock.join();
        }
        assertInstanceOf(IllegalStateException.class, throwing.failures.getFirst());
        assertInstanceOf(StackOverflowError.class, erring.failures.getFirst());
        assertEquals(throwing.ticks.get(), throwing.failures.size(), "each failed tick reported");
    }
}
