package dev.beamlink.bench.codec;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code bench/run codec}: runs {@link CodecBenchmarks} and {@link CompositeEncodeBenchmarks} (JMH, with
 * the GC profiler for bytes allocated per operation) and prints a table of beamlink against jinterface
 * per case and operation. The composite row of (c) is set beside jinterface's reused-buffer encode. Then
 * {@link HashFloodBenchmarks}: decoding maps of 200,000 colliding keys against 200,000 random ones.
 * Usage: {@code CodecBench [codec|flood] [INCLUDE [FORKS]]} (default: both, every case, 3 forks): INCLUDE, a
 * regular expression over the benchmark method names (JMH's include, for instance
 * {@code 'encode(Beamlink|Jinterface)$'}), and FORKS narrow the codec part for a quicker look; the table
 * then shows only the pairs that ran.
 */
public final class CodecBench {

    private CodecBench() {
    }

    public static void main(String[] args) throws RunnerException {
        String part = args.length > 0 ? args[0] : "all";
        String include = args.length > 1 ? args[1] : null;
        int forks = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        if (!part.equals("flood")) {
            codec(include, forks);
        }
        if (!part.equals("codec")) {
            flood();
        }
    }

    private static void codec(String include, int forks) throws RunnerException {
        OptionsBuilder builder = new OptionsBuilder();
        if (include == null) {
            builder.include(CodecBenchmarks.class.getName() + "\\.")
                    .include(CompositeEncodeBenchmarks.class.getName() + "\\.");
        } else {
            builder.include("(" + CodecBenchmarks.class.getName() + "|" + CompositeEncodeBenchmarks.class.getName()
                    + ")\\..*" + include);
        }
        Options options = builder
                // Three forks of five measured seconds each: on a shared machine one fork can land on a busy spell.
                .forks(forks)
                .warmupIterations(5)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("-Xmx2g", "-XX:+UseParallelGC")
                .addProfiler(GCProfiler.class)
                .build();
        Collection<RunResult> results = new Runner(options).run();

        // case -> operation (decode, encode, encodeReused, encodeComposite) -> library -> {ops/s, B/op}
        Map<String, Map<String, Map<String, double[]>>> table = new TreeMap<>();
        for (RunResult run : results) {
            String method = run.getParams().getBenchmark();
            method = method.substring(method.lastIndexOf('.') + 1);
            String library = method.endsWith("Beamlink") ? "beamlink" : "jinterface";
            String operation = method.substring(0, method.length() - (library.equals("beamlink") ? 8 : 10));
            String shape = run.getParams().getParam("shape");
            if (shape == null) {
                shape = CodecCases.BINARY_64K; // CompositeEncodeBenchmarks
            }
            double opsPerSecond = run.getPrimaryResult().getScore();
            Result<?> alloc = run.getSecondaryResults().get("gc.alloc.rate.norm");
            double bytesPerOp = alloc == null ? Double.NaN : alloc.getScore();
            table.computeIfAbsent(shape, k -> new TreeMap<>()).computeIfAbsent(operation, k -> new TreeMap<>())
                    .put(library, new double[] {opsPerSecond, bytesPerOp});
        }
        System.out.println();
        System.out.println("ETF codec: beamlink vs jinterface (JMH throughput, " + forks
                + " forks, each 5x1s warm-up, 5x1s measurement)");
        System.out.printf("%-10s %-15s %15s %15s %8s %14s %14s%n",
                "case", "op", "beamlink ops/s", "jinterf. ops/s", "ratio", "beamlink B/op", "jinterf. B/op");
        for (var byShape : table.entrySet()) {
            for (var byOperation : byShape.getValue().entrySet()) {
                double[] beamlink = byOperation.getValue().get("beamlink");
                double[] jinterface = byOperation.getKey().equals("encodeComposite")
                        ? byShape.getValue().getOrDefault("encodeReused", Map.of()).get("jinterface")
                        : byOperation.getValue().get("jinterface");
                if (beamlink == null || jinterface == null) {
                    continue;
                }
                System.out.printf("%-10s %-15s %15.0f %15.0f %7.2fx %14.0f %14.0f%n", byShape.getKey(), byOperation.getKey(),
                        beamlink[0], jinterface[0], beamlink[0] / jinterface[0], beamlink[1], jinterface[1]);
            }
        }
        System.out.println("(a) message = {hello,<<\"payload-0123456789\">>,42,[1,2,3]}; (b) list1000 = 1,000 mixed terms;"
                + " (c) binary64k = a 65,536-byte binary, decoded by beamlink from a heap ByteBuf with shareBinaries:"
                + " B/op far below 65,536 shows the payload is not copied; (d) map1000 = 1,000 keys.");
        System.out.println("encode: both make a new byte[] of the whole term (jinterface: new OtpOutputStream, then"
                + " toByteArray()); encodeReused: both write the whole term into one buffer cleared before each call"
                + " (a heap ByteBuf; a reset() OtpOutputStream); encodeComposite: beamlink into a new CompositeByteBuf,"
                + " the binary a component without a copy, beside jinterface's encodeReused.");
    }

    private static void flood() throws RunnerException {
        Options options = new OptionsBuilder()
                .include(HashFloodBenchmarks.class.getName() + "\\.")
                .forks(1)
                .warmupIterations(5)
                .measurementIterations(10)
                .jvmArgsAppend("-Xmx2g", "-XX:+UseParallelGC")
                .build();
        Map<String, Map<String, Double>> table = new TreeMap<>(); // key type -> colliding/random -> ms
        for (RunResult run : new Runner(options).run()) {
            table.computeIfAbsent(run.getParams().getParam("keyType"), k -> new TreeMap<>())
                    .put(run.getParams().getParam("keys"), run.getPrimaryResult().getScore());
        }
        System.out.println();
        System.out.println("Hash flooding: decode of a map of 200,000 keys (JMH single shot, 1 fork, 5 warm-up, 10 measured)");
        System.out.printf("%-10s %15s %15s %8s%n", "keys", "random ms", "colliding ms", "ratio");
        table.forEach((type, times) -> System.out.printf("%-10s %15.1f %15.1f %7.2fx%n", type,
                times.get("random"), times.get("colliding"), times.get("colliding") / times.get("random")));
        System.out.println("colliding: binaries and atoms of 18 \"Aa\"/\"BB\" blocks (one String hash, one polynomial"
                + " byte hash), integers whose 32-bit halves are equal (Long.hashCode 0); random: 36 random letters,"
                + " random 63-bit integers.");
    }
}
