package dev.beamlink.bench.dist;

import java.util.Arrays;
import java.util.Locale;

/**
 * The fan-in and fan-out rows of {@code bench/run dist} (issue 17, item 1): {@link #COUNT} processes on one node, each
 * sending {@link #PER_PROCESS} small messages to a process of its own on the other node, all over the one connection
 * between them; the rate is all the messages over the time from the first message any receiver took to the last.
 * Each run also prints the CPU time per message of the sending and the receiving node's OS process (all their threads,
 * from the start of the sinks to the end of the last one), for profiling.
 */
final class FanRows {

    static final int COUNT = Integer.getInteger("bench.fanProcesses", 100);
    static final int PER_PROCESS = Integer.getInteger("bench.fanMessages", 10_000);
    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    private static int prefixes;

    private FanRows() {
    }

    /** Warms up, then runs {@code bench.runs} times; {@return the median rate, in messages per second} */
    static double rate(String label, Peer from, Peer to) {
        once(from, to, Math.max(1, PER_PROCESS / 2));
        double[] rates = new double[RUNS];
        for (int run = 0; run < RUNS; run++) {
            long fromCpu = from.cpuNanos();
            long toCpu = to.cpuNanos();
            long micros = once(from, to, PER_PROCESS);
            double messages = (double) COUNT * PER_PROCESS;
            rates[run] = messages * 1e6 / Math.max(1, micros);
            System.err.printf(Locale.ROOT, "  %-26s run %d: %,.0f msg/s, CPU us/msg sender %.2f / receiver %.2f%n",
                    label, run + 1, rates[run], (from.cpuNanos() - fromCpu) / 1e3 / messages,
                    (to.cpuNanos() - toCpu) / 1e3 / messages);
        }
        Arrays.sort(rates);
        return rates[RUNS / 2];
    }

    private static long once(Peer from, Peer to, int n) {
        String prefix = "fan" + (++prefixes);
        to.startFanSinks(prefix, COUNT, n);
        from.fanBlast(prefix, to.nodeName(), COUNT, n);
        return to.awaitFan(prefix);
    }
}
