package dev.beamlink.bench.dist;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** The sinks of a Java peer that are still counting, by name: each completes with its microseconds. */
final class SinkResults {

    private final Map<String, CompletableFuture<Long>> sinks = new ConcurrentHashMap<>();

    /** {@return the result the sink {@code name} completes} */
    CompletableFuture<Long> open(String name) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        sinks.put(name, done);
        return done;
    }

    /** {@return the microseconds of the sink {@code name}}, once it took every message */
    long await(String name, String node) {
        try {
            return sinks.remove(name).get(ThroughputBench.ROW_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the sink " + name + " on " + node + " did not finish", e);
        }
    }
}
