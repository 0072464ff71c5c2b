package dev.beamlink.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one way tests wait: bounded polling for what another thread, process or node does a little later, by an amount
 * no test should guess. A test waits for a condition, never for a time, except to watch that something does
 * <em>not</em> happen ({@link #quietPeriod()}).
 */
public final class Await {

    /** How long a test waits for something that must happen: long, as the machine may be shared and loaded. */
    public static final Duration PATIENCE = Duration.ofSeconds(20);
    /** How long a test watches for something that must not happen (signals in flight land well within it). */
    public static final Duration QUIET = Duration.ofMillis(400);

    private static final long POLL_NANOS = 5_000_000;

    private Await() {
    }

    /** {@return whether {@code condition} held within {@link #PATIENCE}} */
    public static boolean eventually(BooleanSupplier condition) {
        return eventually(PATIENCE, condition);
    }

    /** {@return whether {@code condition} held within {@code limit}} */
    public static boolean eventually(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            pause(POLL_NANOS);
        }
        return true;
    }

    /** Waits until {@code condition} holds. @throws AssertionError naming {@code what} after {@link #PATIENCE} */
    public static void until(String what, BooleanSupplier condition) {
        until(what, PATIENCE, condition);
    }

    /** Waits until {@code condition} holds. @throws AssertionError naming {@code what} after {@code limit} */
    public static void until(String what, Duration limit, BooleanSupplier condition) {
        if (!eventually(limit, condition)) {
            throw new AssertionError("not within " + limit + ": " + what);
        }
    }

    /** Waits until {@code condition} holds. @throws AssertionError with {@code what}'s text after {@link #PATIENCE} */
    public static void until(Supplier<String> what, BooleanSupplier condition) {
        if (!eventually(PATIENCE, condition)) {
            throw new AssertionError("not within " + PATIENCE + ": " + what.get());
        }
    }

    /**
     * {@return the first value of {@code probe} that is not null, polling for at most {@code limit}}
     *
     * @throws AssertionError naming {@code what} if none comes
     */
    public static <T> T value(String what, Duration limit, Callable<T> probe) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            T value = probe.call();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            pause(POLL_NANOS);
        }
    }

    /** Lets {@link #QUIET} pass: for a test that then asserts something did not happen. */
    public static void quietPeriod() {
        pause(QUIET.toNanos());
    }

    private static void pause(long nanos) {
        try {
            Thread.sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
