package dev.beamlink.bench.dist;

import java.util.Locale;

/**
 * The head-of-line rows of {@code bench/run dist} (issue 17, item 2): round trips of the small message between a
 * process on X and an echo process on Y while another process on X sends binaries of 1 MiB to a drain on Y, one after
 * the other, on the same connection. Each round trip is timed alone; p50 and p99, and the flood's rate meanwhile.
 */
final class HeadOfLineRows {

    static final int PINGS = Integer.getInteger("bench.holPings", 10_000);

    /** p50 and p99 in nanoseconds, and the flood's MB/s while the round trips ran. */
    record Result(long p50, long p99, double floodMbPerSecond) {
    }

    private HeadOfLineRows() {
    }

    /** Drain and echo are registered on {@code to} as {@code hol_drain} and {@code hol_echo} by the caller. */
    static Result measure(String label, Peer from, Peer to) {
        from.floodStart("hol_drain", to.nodeName());
        long t0 = System.nanoTime();
        long[] p;
        long binaries;
        try {
            from.ping("hol_echo", to.nodeName(), PINGS / 5);
            p = from.ping("hol_echo", to.nodeName(), PINGS);
        } finally {
            binaries = from.floodStop();
        }
        double mbPerSecond = binaries * (1 << 20) / 1e6 / ((System.nanoTime() - t0) / 1e9);
        System.err.printf(Locale.ROOT, "  %-26s p50 %,d ns, p99 %,d ns, flood %,.0f MB/s%n", label, p[0], p[1], mbPerSecond);
        return new Result(p[0], p[1], mbPerSecond);
    }
}
