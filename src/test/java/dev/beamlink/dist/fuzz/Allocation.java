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

    private Allocation() {
    }

    /** Code under test, which may throw what its layer documents. */
    @FunctionalInterface
    public interface Run<E extends Exception> {
        void run() throws E;
    }

    /**
     * Runs {@code code} twice, and fails if the second run allocated, whether it returned or threw, more than
     * {@code fixed} bytes plus {@code perInputByte} for each of the {@code inputLength} bytes of the input. The first
     * run takes what the first use of a class or call site costs (class initialization, string concatenation's
     * bootstrap), which is not the input's doing: {@code code} must do the same on each run (its own channel, reader,
     * format).
     */
    public static <E extends Exception> void bounded(int inputLength, long fixed, int perInputByte, Run<E> code) throws E {
        try {
            code.run();
        } catch (Exception | AssertionError e) {
            // What the measured run does again, and reports.
        }
        long before = THREADS.getCurrentThreadAllocatedBytes();
        try {
            code.run();
        } finally {
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
            long bound = fixed + (long) perInputByte * inputLength;
            assertTrue(allocated <= bound, () -> "allocated " + allocated + " bytes for an input of " + inputLength
                    + " bytes (expected: <= " + bound + ")");
        }
    }
}
