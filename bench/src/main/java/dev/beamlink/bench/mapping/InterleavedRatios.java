package dev.beamlink.bench.mapping;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The mapper beside the hand-written code in short rounds taken in turn, each timed by the CPU time of the thread
 * (the time it ran, not the time it waited for a core): on a machine shared with other work, load that comes and
 * goes falls on both sides alike, where JMH measures one side after the other in wall-clock time. Reports the median
 * of the rounds' ratios, and its quartiles. Both sides are called through the same kind of {@link Supplier} and their
 * results stored to a volatile field, so both pay the same small overhead.
 */
final class InterleavedRatios {

    private static final int ROUNDS = 201;
    private static final int CALLS_PER_ROUND = 20_000;

    private static volatile Object sink;

    private InterleavedRatios() {
    }

    /** {@return the median, lower and upper quartile of the rounds' mapper CPU time / by-hand CPU time} */
    static double[] ratio(Supplier<?> mapper, Supplier<?> byHand) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20; i++) { // warm-up: both compiled before any round counts
            run(threads, mapper);
            run(threads, byHand);
        }
        double[] ratios = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            long mapperTime = run(threads, mapper);
            long byHandTime = run(threads, byHand);
            ratios[round] = (double) mapperTime / byHandTime;
        }
        Arrays.sort(ratios);
        return new double[] {ratios[ROUNDS / 2], ratios[ROUNDS / 4], ratios[3 * ROUNDS / 4]};
    }

    private static long run(ThreadMXBean threads, Supplier<?> operation) {
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < CALLS_PER_ROUND; i++) {
            sink = operation.get();
        }
        return threads.getCurrentThreadCpuTime() - start;
    }
}
