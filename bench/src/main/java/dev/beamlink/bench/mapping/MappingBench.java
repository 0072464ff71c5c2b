package dev.beamlink.bench.mapping;

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
 * {@code bench/run mapping}: runs {@link MappingBenchmarks} (JMH, with the GC profiler for bytes allocated per
 * operation) and prints the mapper beside the same term built and read by hand, as a ratio of times: how many times
 * longer the mapper takes (the target: at most 1.5). Then the same ratios by {@link InterleavedRatios}, in CPU
 * time with the two sides taken in turn: the steadier figure where other work shares the machine.
 */
public final class MappingBench {

    private MappingBench() {
    }

    public static void main(String[] args) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(MappingBenchmarks.class.getName() + "\\.")
                .forks(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(8)
                .measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("-Xmx2g", "-XX:+UseParallelGC")
                .addProfiler(GCProfiler.class)
                .build();
        Collection<RunResult> results = new Runner(options).run();

        // operation (toTerm, fromTerm, roundTrip, matchOther, toTermByClass) -> "Mapper"/"ByHand"
        //   -> {mean ops/s, best iteration's ops/s, B/op}
        Map<String, Map<String, double[]>> table = new TreeMap<>();
        for (RunResult run : results) {
            String method = run.getParams().getBenchmark();
            method = method.substring(method.lastIndexOf('.') + 1);
            String side = method.contains("Mapper") ? "Mapper" : "ByHand";
            String operation = method.replace(side, "");
            Result<?> alloc = run.getSecondaryResults().get("gc.alloc.rate.norm");
            double best = run.getBenchmarkResults().stream().flatMap(b -> b.getIterationResults().stream())
                    .mapToDouble(i -> i.getPrimaryResult().getScore()).max().orElse(Double.NaN);
            table.computeIfAbsent(operation, k -> new TreeMap<>()).put(side, new double[] {
                    run.getPrimaryResult().getScore(), best, alloc == null ? Double.NaN : alloc.getScore()});
        }
        if (table.containsKey("toTerm") && table.containsKey("toTermByClass")) {
            table.get("toTermByClass").put("ByHand", table.get("toTerm").get("ByHand"));
        }
        System.out.println();
        System.out.println("Record of 8 components <-> {order_placed, ...}: mapper vs by hand (JMH throughput, 1 fork,"
                + " 3x1s warm-up, 8x1s measurement)");
        System.out.printf("%-15s %15s %15s %11s %11s %12s %12s%n", "op", "mapper ops/s", "by hand ops/s",
                "mean ratio", "best ratio", "mapper B/op", "by hand B/op");
        for (var row : table.entrySet()) {
            double[] mapper = row.getValue().get("Mapper");
            double[] byHand = row.getValue().get("ByHand");
            if (mapper == null || byHand == null) {
                continue;
            }
            System.out.printf("%-15s %15.0f %15.0f %10.2fx %10.2fx %12.0f %12.0f%n", row.getKey(), mapper[0], byHand[0],
                    byHand[0] / mapper[0], byHand[1] / mapper[1], mapper[2], byHand[2]);
        }
        System.out.println("ratio = by-hand ops/s / mapper ops/s: how many times longer the mapper takes (1.00x: as fast"
                + " as by hand); mean: of the means; best: of each side's best iteration, the least disturbed on a"
                + " shared machine. toTermByClass: mapper.toTerm(Object), looking up the value's class, beside the same"
                + " by-hand toTerm.");
        System.out.println("matchOther: tryFromTerm of {order_cancelled, ...} against OrderPlaced (empty), beside a"
                + " hand-written check.");

        MappingBenchmarks state = new MappingBenchmarks();
        state.setUp();
        System.out.println();
        System.out.println("Interleaved, in thread CPU time (rounds of mapper and by hand in turn; median and quartiles"
                + " of the rounds' mapper/by-hand ratios):");
        printInterleaved("toTerm", InterleavedRatios.ratio(state::toTermMapper, state::toTermByHand));
        printInterleaved("fromTerm", InterleavedRatios.ratio(state::fromTermMapper, state::fromTermByHand));
        printInterleaved("roundTrip", InterleavedRatios.ratio(state::roundTripMapper, state::roundTripByHand));
        printInterleaved("matchOther", InterleavedRatios.ratio(state::matchOtherMapper, state::matchOtherByHand));
    }

    private static void printInterleaved(String operation, double[] ratio) {
        System.out.printf("%-15s %6.2fx  (quartiles %.2fx .. %.2fx)%n", operation, ratio[0], ratio[1], ratio[2]);
    }
}
