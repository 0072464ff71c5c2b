package dev.beamlink.bench.dist;

import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.ErlNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The many-connections rows of {@code bench/run dist} (issue 17, item 3): a fresh beamlink node ({@code java_hub}) and
 * a fresh erl node ({@code bench_hub}), and {@link #LEAVES} hidden erl nodes, each connected to both hubs. On each hub:
 * memory before the leaves connect, once they are connected and idle, while every leaf makes round trips to an
 * echo process on the hub, all at once, and once they are quiet again; the differences divided by the leaves are the
 * memory per connection. And the CPU time each hub's OS process used over {@link #IDLE_MILLIS} of quiet, before the
 * leaves connected and once they are quiet again (ticks only); with {@code -Dbench.threadCpu=true}, the threads that
 * used it in the second ({@link ThreadCpu}).
 */
final class ManyConnections {

    static final int LEAVES = Integer.getInteger("bench.leaves", 50);
    static final long IDLE_MILLIS = Long.getLong("bench.idleMillis", 15_000);
    private static final int LEAF_PINGS = Integer.getInteger("bench.leafPings", 4_000);

    /** A hub's figures: memory (the peer's own fields) at each stage, and idle CPU in ns before and after. */
    record Hub(long[] before, long[] idle, long[] busy, long[] quietAgain, long cpuBefore, long cpuAfter,
               double roundTripsPerSecond) {

        double perConnection(long[] stage, int field) {
            return (double) (stage[field] - before[field]) / LEAVES;
        }
    }

    /** The figures of both hubs. */
    record Result(Hub java, Hub erl) {
    }

    private ManyConnections() {
    }

    static Result measure(Epmd epmd, Consumer<String> log) throws Exception {
        try (ChildPeer java = ChildPeer.start("beamlink", "java_hub@localhost", ThroughputBench.COOKIE, epmd.port());
             ErlPeer erl = ThroughputBench.erl("bench_hub", epmd)) {
            List<ErlPeer> leaves = startLeaves(epmd);
            try {
                java.startEcho("echo");
                erl.startEcho("echo");
                long[] javaBefore = java.memory();
                long[] erlBefore = erl.memory();
                long javaCpu0 = java.cpuNanos();
                long erlCpu0 = erl.cpuNanos();
                Thread.sleep(IDLE_MILLIS);
                long javaCpuBefore = java.cpuNanos() - javaCpu0;
                long erlCpuBefore = erl.cpuNanos() - erlCpu0;
                log.accept("connecting " + LEAVES + " hidden erl nodes to " + java.nodeName() + " and " + erl.nodeName());
                parallel(leaves, leaf -> {
                    leaf.connect(java.nodeName());
                    leaf.connect(erl.nodeName());
                });
                Thread.sleep(3_000); // past Connection.READER_IDLE_NANOS: quiet readers have let their threads go
                long[] javaIdle = java.memory();
                long[] erlIdle = erl.memory();
                Busy javaBusy = busy(java, leaves);
                Busy erlBusy = busy(erl, leaves);
                // Quiet again, past FrameWriter.RELEASE_AFTER_NANOS and the JIT's work on the paths the traffic took: the
                // CPU of connections that only tick.
                Thread.sleep(5_000);
                long[] javaAfter = java.memory();
                long[] erlAfter = erl.memory();
                Map<String, Long> javaThreads = ThreadCpu.ENABLED ? ThreadCpu.snapshot(java.osPid()) : Map.of();
                Map<String, Long> erlThreads = ThreadCpu.ENABLED ? ThreadCpu.snapshot(erl.osPid()) : Map.of();
                javaCpu0 = java.cpuNanos();
                erlCpu0 = erl.cpuNanos();
                Thread.sleep(IDLE_MILLIS);
                long javaCpuAfter = java.cpuNanos() - javaCpu0;
                long erlCpuAfter = erl.cpuNanos() - erlCpu0;
                if (ThreadCpu.ENABLED) {
                    log.accept("idle CPU by thread, Java hub:" + ThreadCpu.used(javaThreads, ThreadCpu.snapshot(java.osPid())));
                    log.accept("idle CPU by thread, BEAM hub:" + ThreadCpu.used(erlThreads, ThreadCpu.snapshot(erl.osPid())));
                }
                return new Result(new Hub(javaBefore, javaIdle, javaBusy.memory(), javaAfter, javaCpuBefore, javaCpuAfter,
                        javaBusy.rate()),
                        new Hub(erlBefore, erlIdle, erlBusy.memory(), erlAfter, erlCpuBefore, erlCpuAfter, erlBusy.rate()));
            } finally {
                parallel(leaves, ErlPeer::close);
            }
        }
    }

    private record Busy(long[] memory, double rate) {
    }

    /** Every leaf makes round trips to the hub's echo at once; the hub's memory is taken while they run. */
    private static Busy busy(Peer hub, List<ErlPeer> leaves) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(leaves.size())) {
            long t0 = System.nanoTime();
            List<Future<long[]>> pings = new ArrayList<>();
            for (ErlPeer leaf : leaves) {
                pings.add(pool.submit(() -> leaf.ping("echo", hub.nodeName(), LEAF_PINGS)));
            }
            Thread.sleep(1_000);
            long[] memory = hub.memory();
            for (Future<long[]> ping : pings) {
                ping.get();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Busy(memory, (double) LEAF_PINGS * leaves.size() / seconds);
        }
    }

    private static List<ErlPeer> startLeaves(Epmd epmd) throws Exception {
        List<Future<ErlPeer>> started = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < LEAVES; i++) {
                started.add(pool.submit(() -> new ErlPeer(ErlNode.builder().name("leaf").cookie(ThroughputBench.COOKIE)
                        .epmd(epmd).hidden(true).args("+S", "1", "+A", "1", "+sbwt", "none")
                        .evalTimeout(Duration.ofMillis(ThroughputBench.ROW_TIMEOUT_MS)).start())));
            }
        }
        List<ErlPeer> leaves = new ArrayList<>();
        for (Future<ErlPeer> leaf : started) {
            leaves.add(leaf.get());
        }
        return leaves;
    }

    private interface LeafJob {
        void run(ErlPeer leaf) throws Exception;
    }

    private static void parallel(List<ErlPeer> leaves, LeafJob job) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (ErlPeer leaf : leaves) {
                done.add(pool.submit(() -> {
                    job.run(leaf);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
    }

    /** Prints the per-connection figures and the ratios. */
    static void print(Result r) {
        Hub j = r.java();
        Hub e = r.erl();
        System.out.printf(Locale.ROOT, "many connections: %d hidden erl nodes connected to each hub; per connection (KiB)"
                + " over the hub before they connected%n", LEAVES);
        System.out.printf(Locale.ROOT, "%-26s %10s %10s %10s %10s %12s%n", "", "heap", "direct", "threads", "RSS",
                "erl total");
        System.out.printf(Locale.ROOT, "%-26s %10.1f %10.1f %10.2f %10.1f %12s%n", "Java hub, idle",
                j.perConnection(j.idle(), 0) / 1024, j.perConnection(j.idle(), 1) / 1024, j.perConnection(j.idle(), 2),
                j.perConnection(j.idle(), 3) / 1024, "-");
        System.out.printf(Locale.ROOT, "%-26s %10.1f %10.1f %10.2f %10.1f %12s%n", "Java hub, all pinging",
                j.perConnection(j.busy(), 0) / 1024, j.perConnection(j.busy(), 1) / 1024, j.perConnection(j.busy(), 2),
                j.perConnection(j.busy(), 3) / 1024, "-");
        System.out.printf(Locale.ROOT, "%-26s %10.1f %10.1f %10.2f %10.1f %12s%n", "Java hub, quiet again",
                j.perConnection(j.quietAgain(), 0) / 1024, j.perConnection(j.quietAgain(), 1) / 1024,
                j.perConnection(j.quietAgain(), 2), j.perConnection(j.quietAgain(), 3) / 1024, "-");
        System.out.printf(Locale.ROOT, "%-26s %10s %10s %10s %10.1f %12.1f%n", "BEAM hub, idle", "-", "-", "-",
                e.perConnection(e.idle(), 1) / 1024, e.perConnection(e.idle(), 0) / 1024);
        System.out.printf(Locale.ROOT, "%-26s %10s %10s %10s %10.1f %12.1f%n", "BEAM hub, all pinging", "-", "-", "-",
                e.perConnection(e.busy(), 1) / 1024, e.perConnection(e.busy(), 0) / 1024);
        System.out.printf(Locale.ROOT, "%-26s %10s %10s %10s %10.1f %12.1f%n", "BEAM hub, quiet again", "-", "-", "-",
                e.perConnection(e.quietAgain(), 1) / 1024, e.perConnection(e.quietAgain(), 0) / 1024);
        System.out.printf(Locale.ROOT, "idle CPU over %,d ms (ms): Java hub %.1f before, %.1f with %d connections (quiet"
                        + " again); BEAM hub %.1f before, %.1f after%n", IDLE_MILLIS, j.cpuBefore() / 1e6, j.cpuAfter() / 1e6, LEAVES,
                e.cpuBefore() / 1e6, e.cpuAfter() / 1e6);
        System.out.printf(Locale.ROOT, "round trips from %d nodes at once (/s): Java hub %,.0f, BEAM hub %,.0f%n", LEAVES,
                j.roundTripsPerSecond(), e.roundTripsPerSecond());
        System.out.printf(Locale.ROOT, "the connections' buffer pool, per connection (KiB), its chunks (in the heap and"
                + " direct figures above) / the pages its live buffers take: idle heap %.1f / %.1f, direct %.1f / %.1f;"
                + " pinging heap %.1f / %.1f, direct %.1f / %.1f; quiet again heap %.1f / %.1f, direct %.1f / %.1f%n",
                j.perConnection(j.idle(), 4) / 1024, j.perConnection(j.idle(), 5) / 1024,
                j.perConnection(j.idle(), 6) / 1024, j.perConnection(j.idle(), 7) / 1024,
                j.perConnection(j.busy(), 4) / 1024, j.perConnection(j.busy(), 5) / 1024,
                j.perConnection(j.busy(), 6) / 1024, j.perConnection(j.busy(), 7) / 1024,
                j.perConnection(j.quietAgain(), 4) / 1024, j.perConnection(j.quietAgain(), 5) / 1024,
                j.perConnection(j.quietAgain(), 6) / 1024, j.perConnection(j.quietAgain(), 7) / 1024);
        double javaIdle = j.perConnection(j.idle(), 0) + j.perConnection(j.idle(), 1);
        double javaBusy = j.perConnection(j.busy(), 0) + j.perConnection(j.busy(), 1);
        System.out.printf(Locale.ROOT, "ratios (target <= 2): per connection, Java (heap + direct) / BEAM erlang:memory"
                        + " idle %.2f, pinging %.2f; RSS Java / BEAM idle %.2f, pinging %.2f; round trips Java / BEAM %.2f%n",
                javaIdle / e.perConnection(e.idle(), 0), javaBusy / e.perConnection(e.busy(), 0),
                j.perConnection(j.idle(), 3) / e.perConnection(e.idle(), 1),
                j.perConnection(j.busy(), 3) / e.perConnection(e.busy(), 1),
                j.roundTripsPerSecond() / e.roundTripsPerSecond());
    }
}
