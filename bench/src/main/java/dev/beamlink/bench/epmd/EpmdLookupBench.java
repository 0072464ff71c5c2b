package dev.beamlink.bench.epmd;

import dev.beamlink.epmd.EpmdClient;
import dev.beamlink.epmd.EpmdException;
import dev.beamlink.epmd.EpmdRegistration;
import dev.beamlink.epmd.EpmdServer;
import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.ErlangTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Look-ups per second ({@code PORT_PLEASE2_REQ}, one TCP connection each, as EPMD wants) against OTP's
 * {@code epmd} and against beamlink's embedded {@link EpmdServer}, in one run: each on its own loopback
 * port, the same client, the same name registered, the same number of look-ups, a warm-up first. Measured
 * with one client thread (latency-bound) and with several at once (how each server takes concurrency);
 * the rounds alternate between the two servers so that a busy moment on the machine hits both.
 *
 * <p>Usage: {@code bench/run epmd} or {@code bench/run-java dev.beamlink.bench.epmd.EpmdLookupBench [LOOKUPS [THREADS]]}.
 */
public final class EpmdLookupBench {

    private static final String NAME = "bench";
    private static final int REGISTERED_PORT = 40_000;
    private static final int ROUNDS = 3;

    private EpmdLookupBench() {
    }

    /** One server under test. */
    private record Target(String label, EpmdClient client) {
    }

    /** The best of the rounds of one target in one mode. */
    private record Result(String label, String mode, int lookups, double seconds) {
        double perSecond() {
            return lookups / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        int lookups = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int warmUp = Math.max(1_000, lookups / 5);
        try (Epmd real = Epmd.start();
             EpmdServer embedded = EpmdServer.builder().port(0).start()) {
            List<Target> targets = List.of(
                    new Target("epmd (OTP " + otpRelease() + ")", EpmdClient.builder().port(real.port()).build()),
                    new Target("beamlink EpmdServer", EpmdClient.builder().port(embedded.port()).build()));
            List<EpmdRegistration> registrations = new ArrayList<>();
            try {
                for (Target target : targets) {
                    registrations.add(target.client().register(NAME, REGISTERED_PORT));
                }
                for (Target target : targets) {
                    run(target, warmUp, 1);
                    run(target, warmUp, threads);
                }
                List<Result> results = new ArrayList<>();
                for (String mode : List.of("1 thread", threads + " threads")) {
                    int width = mode.equals("1 thread") ? 1 : threads;
                    double[] best = new double[targets.size()];
                    for (int round = 0; round < ROUNDS; round++) {
                        for (int t = 0; t < targets.size(); t++) {
                            double seconds = run(targets.get(t), lookups, width);
                            best[t] = round == 0 ? seconds : Math.min(best[t], seconds);
                        }
                    }
                    for (int t = 0; t < targets.size(); t++) {
                        results.add(new Result(targets.get(t).label(), mode, lookups, best[t]));
                    }
                }
                print(results, warmUp);
            } finally {
                registrations.forEach(EpmdRegistration::close);
            }
        }
    }

    /** {@return the seconds {@code lookups} look-ups took, spread over {@code threads} virtual threads} */
    private static double run(Target target, int lookups, int threads) throws Exception {
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Void>> workers = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                int share = lookups / threads + (w < lookups % threads ? 1 : 0);
                workers.add(pool.submit(() -> {
                    for (int i = 0; i < share; i++) {
                        lookUp(target.client());
                    }
                    return null;
                }));
            }
            for (Future<Void> worker : workers) {
                worker.get();
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void lookUp(EpmdClient client) throws EpmdException {
        if (client.lookup(NAME).orElseThrow(() -> new IllegalStateException(NAME + " is not registered")).port() != REGISTERED_PORT) {
            throw new IllegalStateException("wrong port for " + NAME);
        }
    }

    private static void print(List<Result> results, int warmUp) {
        System.out.printf(Locale.ROOT, "EPMD look-ups (PORT_PLEASE2_REQ, a connection each), loopback, %d look-ups a round,"
                + " best of %d rounds, %d warm-up look-ups per mode%n", results.getFirst().lookups(), ROUNDS, warmUp);
        System.out.printf(Locale.ROOT, "%-22s %-11s %10s %10s %12s %14s%n", "server", "clients", "look-ups", "seconds", "look-ups/s", "embedded/real");
        for (int i = 0; i < results.size(); i += 2) {
            Result real = results.get(i);
            Result embedded = results.get(i + 1);
            for (Result result : List.of(real, embedded)) {
                String ratio = result == embedded ? String.format(Locale.ROOT, "%.2f", embedded.perSecond() / real.perSecond()) : "";
                System.out.printf(Locale.ROOT, "%-22s %-11s %10d %10.3f %12.0f %14s%n",
                        result.label(), result.mode(), result.lookups(), result.seconds(), result.perSecond(), ratio);
            }
        }
    }

    private static String otpRelease() throws IOException, InterruptedException {
        Process erl = new ProcessBuilder(ErlangTools.erl().toString(), "-noshell", "-eval", "io:put_chars(erlang:system_info(otp_release)), halt().")
                .redirectErrorStream(true).start();
        String release = new String(erl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        erl.waitFor();
        return release.isEmpty() ? "?" : release;
    }
}
