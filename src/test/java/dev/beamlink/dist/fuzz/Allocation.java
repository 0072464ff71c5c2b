package dev.beamlink.dist.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

/**
 * What a fuzz target may make the code under test allocate for one input: memory in proportion to the bytes the peer
 * actually sent, never sized by a length or count field it wrote. Measured on the current thread
 * ({@link com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes()}).
 */
public final class Allocation {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    /** How many runs may exceed the bound before it fails: what a run allocates apart from the input repeats rarely. */
    private static final int RUNS = 3;

    private Allocation() {
    }

    /** Code under test, which may throw what its layer documents. */
    @FunctionalInterface
    public interface Run<E extends Exception> {
        void run() throws E;
    }

    /**
     * Runs {@code code} once, then again until a run allocates, whether it returns or throws, at most {@code fixed}
     * bytes plus {@code perInputByte} for each of the {@code inputLength} bytes of the input; fails if {@value #RUNS}
     * runs in a row allocate more. The first run takes what the first use of a class or call site costs (class
     * initialization, string concatenation's bootstrap), and a later one may meet what the fuzzer or a buffer pool
     * does now and then on the same thread: neither is the input's doing, and neither repeats, while what the input
     * makes the code allocate does. {@code code} must do the same on each run (its own channel, reader, format).
     */
    public static <E extends Exception> void bounded(int inputLength, long fixed, int perInputByte, Run<E> code) throws E {
        try {
            code.run();
        } catch (Exception | AssertionError e) {
            // What the measured runs do again, and report.
        }
        long bound = fixed + (long) perInputByte * inputLength;
        for (int run = 1; ; run++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            long allocated;
            try {
                code.run();
            } finally {
                allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
                long measured = allocated;
                if (run == RUNS) {
                    assertTrue(measured <= bound, () -> "allocated " + measured + " bytes for an input of " + inputLength
                            + " bytes, " + RUNS + " times (expected: <= " + bound + ")");
                }
            }
            if (allocated <= bound) {
                return;
            }
        }
    }
}
