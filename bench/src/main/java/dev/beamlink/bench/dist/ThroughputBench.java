package dev.beamlink.bench.dist;

import dev.beamlink.testing.tls.TlsKit;
import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.ErlNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code bench/run dist}: node-to-node throughput and round-trip latency of beamlink beside BEAM-to-BEAM and
 * jinterface, every row measured in the same run on this machine.
 *
 * <h2>The peers</h2>
 * Two erl nodes ({@code bench_a}, {@code bench_b}, running {@code dist_bench} from test-erlang), two beamlink nodes
 * ({@code java_a}, {@code java_b}) and a jinterface node ({@code jint}, Debian's erlang-jinterface), each in an OS
 * process of its own (the Java ones in JVMs with the same options, {@link ChildPeer#JVM_OPTIONS}), all on loopback
 * with one private epmd. This JVM only drives them. For the TLS rows, two more erl nodes ({@code bench_tls_a},
 * {@code bench_tls_b}, {@code -proto_dist inet_tls}) and a beamlink node ({@code java_tls}) on a TLS transport, with
 * the certificates the tests' {@code TlsKit} makes at run time (mutual TLS; TLS 1.2, as OTP 25 offers it).
 *
 * <h2>What each row measures</h2>
 * Throughput {@code X -> Y}: a process on X sends N messages, one after the other, to a process registered as a
 * sink on Y ({@code {Sink, Node} ! Msg}: REG_SEND); the sink takes them out of its mailbox one by one (whatever they
 * are) and times from the first message to the last: the rate is (N-1) over that time. Rows: Java -> BEAM is
 * java_a to bench_b; BEAM -> Java is bench_a to java_a; Java -> Java is java_a to java_b; BEAM -> BEAM is
 * bench_a to bench_b; jinterface -> BEAM is jint to bench_b; BEAM -> jinterface is bench_a to jint; the TLS rows,
 * java_tls to bench_tls_b, bench_tls_a to java_tls and bench_tls_a to bench_tls_b. Messages:
 * {@code {hello,<<"payload-0123456789">>,42,[1,2,3]}} (N = 1,000,000) and binaries of 1 MiB (N = 1,024; MB/s,
 * MB = 10^6 bytes). Each row runs once to warm up (N small messages, N/4 binaries: the JIT compilers' work is done
 * before the measured runs), then {@code bench.runs} times (default 3); the TLS rows {@code bench.freshRuns} times
 * (default 5), each over a fresh connection that the sending node makes after closing the last one (OTP 25's ssl
 * draws a receiving erl's {@code active_n} from 1 to 100 per TLS connection, which sets how fast it reads: one
 * connection is one draw; each run prints the erl receiver's); the table gives the median and the spread of those
 * runs, and the CPU time per message that the sending and the receiving node's OS process used in the median run
 * (all their threads: a BEAM's figure includes its schedulers' busy waiting).
 *
 * <p>Round trip {@code X <-> Y}: a process on X sends {@code {self(), Small}} to an echo process registered on Y
 * and waits for {@code Small} back, 100,000 times after 20,000 to warm up, each round trip timed alone; p50 and p99
 * (nearest rank). Java <-> BEAM is java_a and bench_b; BEAM <-> BEAM is bench_a and bench_b; jinterface <-> BEAM
 * is jint and bench_b; BEAM <-> Java, bench_a pinging an echo process on java_a, is there for symmetry; over TLS,
 * java_tls and bench_tls_b, and bench_tls_a and bench_tls_b.
 *
 * <p>Fan-in and fan-out ({@link FanRows}), head-of-line latency under a flood of 1 MiB binaries
 * ({@link HeadOfLineRows}), and 50 connections to one node ({@link ManyConnections}): the second round of issue 17.
 *
 * <p>Sections: {@code throughput latency fan hol connections}; arguments that name sections run those alone (all by
 * default), e.g. {@code bench/run-java dev.beamlink.bench.dist.ThroughputBench fan hol connections}.
 *
 * <p>Knobs, for profiling (the defaults are the benchmark): {@code -Dbench.runs}, {@code -Dbench.freshRuns},
 * {@code -Dbench.smallMessages}, {@code -Dbench.mibMessages}, {@code -Dbench.pings}, {@code -Dbench.latencyOnly=true},
 * {@code -Dbench.peerJvmArgs=...} (e.g. a JFR recording, {@code %n} the peer's name); arguments, if any, pick
 * throughput rows by label.
 */
public final class ThroughputBench {

    static final long ROW_TIMEOUT_MS = 300_000;
    private static final String JAVA_BEAM_TLS = "Java -> BEAM (TLS)";
    private static final String BEAM_JAVA_TLS = "BEAM -> Java (TLS)";
    private static final String BEAM_BEAM_TLS = "BEAM -> BEAM (TLS)";
    static final String COOKIE = "beamlink-dist-bench";

    private static final int SMALL_N = Integer.getInteger("bench.smallMessages", 1_000_000);
    private static final int MIB_N = Integer.getInteger("bench.mibMessages", 1_024);
    private static final int PINGS = Integer.getInteger("bench.pings", 100_000);
    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    /**
     * Runs of the TLS rows, each over a fresh connection: OTP 25's ssl draws a receiving erl's {@code active_n} per
     * connection (see {@link ErlPeer#tlsActiveN}), which sets how fast it reads, so that one connection is one draw.
     */
    private static final int FRESH_RUNS = Integer.getInteger("bench.freshRuns", 5);
    /**
     * The TLS erl nodes' global does not answer a connection we close between runs by asking the other nodes to drop
     * theirs (prevent_overlapping_partitions, on by default in OTP 25), which could close a row's connection mid-run.
     */
    private static final String[] NO_OVERLAP_GUARD = {"-kernel", "prevent_overlapping_partitions", "false"};
    private static final boolean LATENCY_ONLY = Boolean.getBoolean("bench.latencyOnly");
    private static int sinks;
    /** The sections, in the order they run; arguments that name some run those alone. */
    private static final List<String> SECTIONS = List.of("throughput", "latency", "fan", "hol", "connections");

    /** The median and the extremes of a row's runs, and the CPU time per message of each side (median run). */
    record Measure(double median, double min, double max, double senderCpu, double receiverCpu) {
        static Measure of(double[] values, double[] senderCpu, double[] receiverCpu) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int median = 0;
            for (int i = 0; i < values.length; i++) {
                if (values[i] == sorted[sorted.length / 2]) {
                    median = i;
                }
            }
            return new Measure(sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], senderCpu[median],
                    receiverCpu[median]);
        }
    }

    private ThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> sections = Stream.of(args).filter(SECTIONS::contains).toList();
        List<String> only = Stream.of(args).filter(arg -> !SECTIONS.contains(arg)).toList();
        Set<String> run = new HashSet<>(sections.isEmpty() ? SECTIONS : sections);
        Path tlsFiles = Files.createTempDirectory("beamlink-bench-tls");
        TlsKit tls = TlsKit.create(tlsFiles);
        try (Epmd epmd = Epmd.start();
             ErlPeer beamA = erl("bench_a", epmd, null);
             ErlPeer beamB = erl("bench_b", epmd, null);
             ChildPeer javaA = ChildPeer.start("beamlink", "java_a@localhost", COOKIE, epmd.port());
             ChildPeer javaB = ChildPeer.start("beamlink", "java_b@localhost", COOKIE, epmd.port());
             ChildPeer jint = ChildPeer.start("jinterface", "jint@localhost", COOKIE, epmd.port());
             ErlPeer tlsBeamA = erl("bench_tls_a", epmd, tls.optFile(), NO_OVERLAP_GUARD);
             ErlPeer tlsBeamB = erl("bench_tls_b", epmd, tls.optFile(), NO_OVERLAP_GUARD);
             ChildPeer tlsJava = ChildPeer.start("beamlink-tls", "java_tls@localhost", COOKIE, epmd.port(),
                     tlsFiles.toString())) {
            record Row(String label, Peer from, Peer to, boolean fresh) {
                Row(String label, Peer from, Peer to) {
                    this(label, from, to, false);
                }
            }
            List<Row> rows = List.of(
                    new Row("Java -> BEAM", javaA, beamB),
                    new Row("BEAM -> Java", beamA, javaA),
                    new Row("Java -> Java", javaA, javaB),
                    new Row("BEAM -> BEAM", beamA, beamB),
                    new Row("jinterface -> BEAM", jint, beamB),
                    new Row("BEAM -> jinterface", beamA, jint),
                    new Row(JAVA_BEAM_TLS, tlsJava, tlsBeamB, true),
                    new Row(BEAM_JAVA_TLS, tlsBeamA, tlsJava, true),
                    new Row(BEAM_BEAM_TLS, tlsBeamA, tlsBeamB, true));
            Map<String, Measure> small = new LinkedHashMap<>();
            Map<String, Measure> mib = new LinkedHashMap<>();
            for (Row row : rows) {
                if (!only.isEmpty() && !only.contains(row.label()) || LATENCY_ONLY || !run.contains("throughput")) {
                    continue;
                }
                small.put(row.label(),
                        throughput(row.label(), row.from(), row.to(), Peer.Kind.SMALL, SMALL_N, row.fresh()));
                mib.put(row.label(), throughput(row.label(), row.from(), row.to(), Peer.Kind.MIB, MIB_N, row.fresh()));
            }
            Map<String, long[]> latencies = new LinkedHashMap<>();
            if (run.contains("latency")) {
                beamB.startEcho("echo");
                javaA.startEcho("echo");
                tlsBeamB.startEcho("echo");
                latencies.put("Java <-> BEAM", latency("Java <-> BEAM", javaA, beamB));
                latencies.put("BEAM <-> BEAM", latency("BEAM <-> BEAM", beamA, beamB));
                latencies.put("jinterface <-> BEAM", latency("jinterface <-> BEAM", jint, beamB));
                latencies.put("BEAM <-> Java", latency("BEAM <-> Java", beamA, javaA));
                latencies.put("Java <-> BEAM (TLS)", latency("Java <-> BEAM (TLS)", tlsJava, tlsBeamB));
                latencies.put("BEAM <-> BEAM (TLS)", latency("BEAM <-> BEAM (TLS)", tlsBeamA, tlsBeamB));
            }
            if (run.contains("throughput") || run.contains("latency")) {
                print(rows.stream().map(Row::label).toList(), small, mib, latencies);
            }
            if (run.contains("fan")) {
                double javaOut = FanRows.rate("100 Java -> 100 BEAM", javaA, beamB);
                double javaIn = FanRows.rate("100 BEAM -> 100 Java", beamA, javaA);
                double beam = FanRows.rate("100 BEAM -> 100 BEAM", beamA, beamB);
                System.out.printf(Locale.ROOT, "fan: %d processes each sending %,d small messages to a process of its own"
                        + " over one connection; msg/s (median of %d runs)%n", FanRows.COUNT, FanRows.PER_PROCESS, RUNS);
                System.out.printf(Locale.ROOT, "  Java -> BEAM %,.0f, BEAM -> Java %,.0f, BEAM -> BEAM %,.0f; ratios (target"
                        + " >= 1.0): fan-out Java->BEAM / BEAM->BEAM %.2f, fan-in BEAM->Java / BEAM->BEAM %.2f%n",
                        javaOut, javaIn, beam, javaOut / beam, javaIn / beam);
            }
            if (run.contains("hol")) {
                beamB.startDrain("hol_drain");
                beamB.startEcho("hol_echo");
                javaA.startDrain("hol_drain");
                javaA.startEcho("hol_echo");
                HeadOfLineRows.Result javaBeam = HeadOfLineRows.measure("Java <-> BEAM, 1 MiB flood", javaA, beamB);
                HeadOfLineRows.Result beamJava = HeadOfLineRows.measure("BEAM <-> Java, 1 MiB flood", beamA, javaA);
                HeadOfLineRows.Result beamBeam = HeadOfLineRows.measure("BEAM <-> BEAM, 1 MiB flood", beamA, beamB);
                System.out.printf(Locale.ROOT, "head of line: %,d round trips of the small message while the pinging side"
                        + " sends binaries of 1 MiB on the same connection%n", HeadOfLineRows.PINGS);
                System.out.printf(Locale.ROOT, "%-28s %10s %10s %14s%n", "", "p50 (us)", "p99 (us)", "flood (MB/s)");
                for (var row : List.of(Map.entry("Java <-> BEAM", javaBeam), Map.entry("BEAM <-> Java", beamJava),
                        Map.entry("BEAM <-> BEAM", beamBeam))) {
                    System.out.printf(Locale.ROOT, "%-28s %10.1f %10.1f %14.0f%n", row.getKey(), row.getValue().p50() / 1e3,
                            row.getValue().p99() / 1e3, row.getValue().floodMbPerSecond());
                }
                System.out.printf(Locale.ROOT, "  ratios: p99 Java<->BEAM / BEAM<->BEAM %.2f (target <= 1.0), BEAM<->Java /"
                                + " BEAM<->BEAM %.2f; p50 %.2f, %.2f%n", (double) javaBeam.p99() / beamBeam.p99(),
                        (double) beamJava.p99() / beamBeam.p99(), (double) javaBeam.p50() / beamBeam.p50(),
                        (double) beamJava.p50() / beamBeam.p50());
            }
            if (run.contains("connections")) {
                ManyConnections.print(ManyConnections.measure(epmd, line -> System.err.println("  " + line)));
            }
        } finally {
            try (Stream<Path> files = Files.walk(tlsFiles)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    /** {@return an erl peer over plain TCP} */
    static ErlPeer erl(String name, Epmd epmd) {
        return erl(name, epmd, null);
    }

    /** {@return an erl peer; over TLS with {@code sslDistOptFile}, plain TCP when it is null} */
    static ErlPeer erl(String name, Epmd epmd, Path sslDistOptFile, String... args) {
        return new ErlPeer(ErlNode.builder().name(name).cookie(COOKIE).epmd(epmd).tlsDistribution(sslDistOptFile)
                .args(args).evalTimeout(Duration.ofMillis(ROW_TIMEOUT_MS + 10_000)).start());
    }

    /**
     * Warms up, then runs {@link #RUNS} times ({@link #FRESH_RUNS} times, each over a fresh connection, when
     * {@code fresh}); {@return messages per second, or MB/s for 1 MiB binaries}
     */
    private static Measure throughput(String label, Peer from, Peer to, Peer.Kind kind, int n, boolean fresh) {
        once(from, to, kind, kind == Peer.Kind.SMALL ? n : Math.max(2, n / 4)); // the JIT's work done before the runs
        int runs = fresh ? FRESH_RUNS : RUNS;
        double[] rates = new double[runs];
        double[] senderCpu = new double[runs];
        double[] receiverCpu = new double[runs];
        for (int run = 0; run < runs; run++) {
            if (fresh) {
                from.reconnect(to.nodeName());
            }
            long fromCpu = from.cpuNanos();
            long toCpu = to.cpuNanos();
            long micros = once(from, to, kind, n);
            senderCpu[run] = (from.cpuNanos() - fromCpu) / 1e3 / n;
            receiverCpu[run] = (to.cpuNanos() - toCpu) / 1e3 / n;
            double perSecond = (n - 1) * 1e6 / Math.max(1, micros);
            rates[run] = kind == Peer.Kind.SMALL ? perSecond : perSecond * (1 << 20) / 1e6;
            String activeN = fresh && to instanceof ErlPeer erl
                    ? ", erl receiver's active_n " + erl.tlsActiveN(from.nodeName()) : "";
            System.err.printf(Locale.ROOT, "  %-20s %-5s run %d%s: %,.0f %s; CPU per message: sender %.2f us,"
                            + " receiver %.2f us%s%n",
                    label, kind, run + 1, fresh ? " (fresh connection)" : "", rates[run],
                    kind == Peer.Kind.SMALL ? "msg/s" : "MB/s", senderCpu[run], receiverCpu[run], activeN);
        }
        return Measure.of(rates, senderCpu, receiverCpu);
    }

    /** One run: a fresh sink on {@code to}, {@code n} messages from {@code from}; {@return the sink's microseconds} */
    private static long once(Peer from, Peer to, Peer.Kind kind, int n) {
        String sink = "sink" + (++sinks);
        to.startSink(sink, n);
        from.blast(sink, to.nodeName(), n, kind);
        return to.awaitSink(sink);
    }

    private static long[] latency(String label, Peer from, Peer echo) {
        from.ping("echo", echo.nodeName(), PINGS / 5);
        long[] p = from.ping("echo", echo.nodeName(), PINGS);
        System.err.printf(Locale.ROOT, "  %-20s p50 %,d ns, p99 %,d ns%n", label, p[0], p[1]);
        return p;
    }

    private static void print(List<String> labels, Map<String, Measure> small, Map<String, Measure> mib,
                              Map<String, long[]> latencies) {
        System.out.printf(Locale.ROOT, "dist: %,d small messages / %,d binaries of 1 MiB to a registered sink, median of %d runs"
                + " (TLS rows: %d, each over a fresh connection) [min - max]; %,d round trips%n", SMALL_N, MIB_N, RUNS,
                FRESH_RUNS, PINGS);
        System.out.printf(Locale.ROOT, "%-22s %28s %16s %28s %16s%n", "throughput", "small (msg/s)", "CPU us/msg",
                "1 MiB binaries (MB/s)", "CPU us/msg");
        for (String label : labels) {
            System.out.printf(Locale.ROOT, "%-22s %28s %16s %28s %16s%n", label, cell(small.get(label)),
                    cpu(small.get(label)), cell(mib.get(label)), cpu(mib.get(label)));
        }
        System.out.printf(Locale.ROOT, "%-22s %14s %14s%n", "round trip (small)", "p50 (us)", "p99 (us)");
        latencies.forEach(ThroughputBench::latencyRow);
        double javaToBeam = median(small.get("Java -> BEAM"));
        double beamToBeam = median(small.get("BEAM -> BEAM"));
        System.out.printf(Locale.ROOT, "ratios: Java->BEAM / BEAM->BEAM %.2f (target >= 1.0); Java->BEAM / jinterface->BEAM %.2f"
                        + " (>= 4); BEAM->Java / BEAM->BEAM %.2f (>= 1.0); p50 Java<->BEAM / BEAM<->BEAM %.2f (<= 1.1);"
                        + " 1 MiB Java->BEAM %.0f, BEAM->Java %.0f, Java->Java %.0f MB/s (>= 1000)%n",
                javaToBeam / beamToBeam, javaToBeam / median(small.get("jinterface -> BEAM")),
                median(small.get("BEAM -> Java")) / beamToBeam,
                p50Ratio(latencies, "Java <-> BEAM", "BEAM <-> BEAM"),
                median(mib.get("Java -> BEAM")), median(mib.get("BEAM -> Java")), median(mib.get("Java -> Java")));
        System.out.printf(Locale.ROOT, "TLS ratios (target >= 1.0): small Java->BEAM / BEAM->BEAM %.2f, BEAM->Java / BEAM->BEAM"
                        + " %.2f; 1 MiB Java->BEAM / BEAM->BEAM %.2f, BEAM->Java / BEAM->BEAM %.2f; p50 Java<->BEAM /"
                        + " BEAM<->BEAM %.2f (<= 1.0)%n",
                median(small.get(JAVA_BEAM_TLS)) / median(small.get(BEAM_BEAM_TLS)),
                median(small.get(BEAM_JAVA_TLS)) / median(small.get(BEAM_BEAM_TLS)),
                median(mib.get(JAVA_BEAM_TLS)) / median(mib.get(BEAM_BEAM_TLS)),
                median(mib.get(BEAM_JAVA_TLS)) / median(mib.get(BEAM_BEAM_TLS)),
                p50Ratio(latencies, "Java <-> BEAM (TLS)", "BEAM <-> BEAM (TLS)"));
    }

    /** {@return the ratio of two rows' p50 round trips, NaN when the latency section did not run} */
    private static double p50Ratio(Map<String, long[]> latencies, String row, String against) {
        long[] ours = latencies.get(row);
        long[] theirs = latencies.get(against);
        return ours == null || theirs == null ? Double.NaN : (double) ours[0] / theirs[0];
    }

    private static double median(Measure m) {
        return m == null ? Double.NaN : m.median();
    }

    private static String cell(Measure m) {
        if (m == null) {
            return "-";
        }
        return String.format(Locale.ROOT, "%,.0f [%,.0f - %,.0f]", m.median(), m.min(), m.max());
    }

    /** The CPU time per message of the sending and the receiving OS process, as "sender/receiver". */
    private static String cpu(Measure m) {
        return m == null ? "-" : String.format(Locale.ROOT, "%.2f / %.2f", m.senderCpu(), m.receiverCpu());
    }

    private static void latencyRow(String label, long[] p) {
        System.out.printf(Locale.ROOT, "%-22s %14.1f %14.1f%n", label, p[0] / 1e3, p[1] / 1e3);
    }
}
