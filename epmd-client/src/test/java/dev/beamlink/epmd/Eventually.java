package dev.beamlink.epmd;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Bounded polling for tests: what another process does takes effect a little later, by an amount no test should guess. */
final class Eventually {

    private Eventually() {
    }

    /** {@return the first value of {@code probe} that is not null, polling for at most {@code limit}} @throws AssertionError if none comes */
    static <T> T await(String what, Duration limit, Callable<T> probe) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            T value = probe.call();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            Thread.sleep(20);
        }
    }
}
