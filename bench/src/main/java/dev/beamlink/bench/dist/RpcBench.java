package dev.beamlink.bench.dist;

import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.ErlNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench/run rpc}: {@code erpc:call} round trips per second, Java to erl and erl to Java, beside erl to erl, every
 * row measured in the same run on this machine.
 *
 * <h2>The peers</h2>
 * Two erl nodes ({@code bench_a}, {@code bench_b}, running {@code rpc_bench} from test-erlang) and a beamlink node
 * ({@code java_a}), each in an OS process of its own (the Java one in a JVM with {@link ChildPeer#JVM_OPTIONS}), on
 * loopback with one private epmd. This JVM only drives them.
 *
 * <h2>What each row measures</h2>
 * A caller on X makes {@code erpc:call(Y, erlang, node, [])}, N times one after the other, and the rate is N over the
 * time from the first call to the last answer: each call is a spawn request with a monitor on Y, a process there that
 * runs the function ({@code erpc:execute_call/4}; on the Java node, its built-in {@code erlang:node/0}), and its end
 * coming back as the monitor's DOWN. Rows: erl -> erl is bench_a to bench_b; Java -> erl is java_a to bench_b; erl ->
 * Java is bench_a to java_a. Then the same with 8 callers at once on X (N/8 calls each). Each row runs once to warm up, then
 * {@code bench.runs} times (default 3); the table gives the median and the spread, and the CPU time per call of the
 * calling and the called node's OS process in the median run.
 *
 * <p>Knobs, for profiling (the defaults are the benchmark): {@code -Dbench.runs}, {@code -Dbench.calls} (N, default
 * 100,000), {@code -Dbench.peerJvmArgs=...}; arguments, if any, pick rows by label ({@code "erl -> Java"}).
 */
public final class RpcBench {

    private static final int CALLS = Integer.getInteger("bench.calls", 100_000);
    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    private static final int PARALLEL = 8;

    private RpcBench() {
    }

    public static void main(String[] args) throws Exception {
        try (Epmd epmd = Epmd.start();
             ErlPeer beamA = erl("bench_a", epmd);
             ErlPeer beamB = erl("bench_b", epmd);
             ChildPeer javaA = ChildPeer.start("beamlink", "java_a@localhost", ThroughputBench.COOKIE, epmd.port())) {
            record Row(String label, Peer from, Peer to, int callers) {
            }
            List<Row> rows = new ArrayList<>();
            for (int callers : new int[] {1, PARALLEL}) {
                rows.add(new Row("erl -> erl", beamA, beamB, callers));
                rows.add(new Row("Java -> erl", javaA, beamB, callers));
                rows.add(new Row("erl -> Java", beamA, javaA, callers));
            }
            List<String> only = List.of(args);
            List<ThroughputBench.Measure> measures = new ArrayList<>();
            for (Row row : rows) {
                measures.add(only.isEmpty() || only.contains(row.label())
                        ? measure(row.label() + " x" + row.callers(), row.from(), row.to(), row.callers())
                        : new ThroughputBench.Measure(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
            }
            System.out.printf(Locale.ROOT, "rpc: %,d erpc:call(Node, erlang, node, []) round trips, each caller's one after the"
                    + " other, median of %d runs [min - max]%n", CALLS, RUNS);
            System.out.printf(Locale.ROOT, "%-16s %8s %30s %18s%n", "", "callers", "calls/s", "CPU us/call");
            for (int i = 0; i < rows.size(); i++) {
                ThroughputBench.Measure m = measures.get(i);
                System.out.printf(Locale.ROOT, "%-16s %8d %30s %18s%n", rows.get(i).label(), rows.get(i).callers(),
                        String.format(Locale.ROOT, "%,.0f [%,.0f - %,.0f]", m.median(), m.min(), m.max()),
                        String.format(Locale.ROOT, "%.1f / %.1f", m.senderCpu(), m.receiverCpu()));
            }
            System.out.printf(Locale.ROOT, "ratios (target >= 1.0): Java->erl / erl->erl %.2f, erl->Java / erl->erl %.2f;"
                            + " with %d callers %.2f and %.2f%n",
                    measures.get(1).median() / measures.get(0).median(), measures.get(2).median() / measures.get(0).median(),
                    PARALLEL, measures.get(4).median() / measures.get(3).median(),
                    measures.get(5).median() / measures.get(3).median());
        }
    }

    private static ErlPeer erl(String name, Epmd epmd) {
        return new ErlPeer(ErlNode.builder().name(name).cookie(ThroughputBench.COOKIE).epmd(epmd)
                .evalTimeout(Duration.ofMillis(ThroughputBench.ROW_TIMEOUT_MS + 10_000)).start());
    }

    /** Warms up, then runs {@link #RUNS} times; {@return calls per second} */
    private static ThroughputBench.Measure measure(String label, Peer from, Peer to, int callers) {
        int perCaller = CALLS / callers;
        long total = (long) perCaller * callers;
        from.erpcCalls(to.nodeName(), perCaller, callers);
        double[] rates = new double[RUNS];
        double[] callerCpu = new double[RUNS];
        double[] calleeCpu = new double[RUNS];
        for (int run = 0; run < RUNS; run++) {
            long fromCpu = from.cpuNanos();
            long toCpu = to.cpuNanos();
            long micros = from.erpcCalls(to.nodeName(), perCaller, callers);
            callerCpu[run] = (from.cpuNanos() - fromCpu) / 1e3 / total;
            calleeCpu[run] = (to.cpuNanos() - toCpu) / 1e3 / total;
            rates[run] = total * 1e6 / Math.max(1, micros);
            System.err.printf(Locale.ROOT, "  %-20s run %d: %,.0f calls/s; CPU per call: caller %.1f us, called %.1f us%n",
                    label, run + 1, rates[run], callerCpu[run], calleeCpu[run]);
        }
        return ThroughputBench.Measure.of(rates, callerCpu, calleeCpu);
    }
}
