package dev.beamlink.bench.otp;

import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.ErlNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench/run otp}: gen_server call round trips per second, with 1 caller and with 100 concurrent callers, Java to
 * erl, erl to Java and Java to Java, each beside erl to erl in the same run.
 *
 * <p>Two erl nodes ({@code otp_a}, {@code otp_b}, running otp_bench from test-erlang) and two beamlink nodes
 * ({@code java_a}, {@code java_b}, each in a JVM of its own, {@link OtpPeer}), on loopback with one private epmd. Each
 * node runs an echo gen_server (otp_bench's, or its Java twin); a row's callers run on its first node and call the
 * server on its second, by {@code {Name, Node}}, each caller making its calls one after the other
 * ({@code gen_server:call/3}, infinity). A row runs once to warm up, then {@code bench.runs} times (default 3); the
 * table gives the median calls per second, the ratio to erl to erl, and the CPU time per call of the calling and the
 * serving node's OS process (all their threads) over the measured runs. Knobs: {@code -Dbench.calls} (calls of the
 * single caller, default 100,000; each of the 100 makes a hundredth of it, twice over), {@code -Dbench.runs}; for
 * profiling, {@code -Dbench.peerJvmArgs=...} adds options to both Java peers' JVMs ({@code %n} in them is the node's
 * name: {@code -XX:StartFlightRecording=filename=/tmp/%n.jfr}); arguments, if any, pick rows by label
 * ({@code "erl -> Java"}).
 */
public final class OtpBench {

    static final String COOKIE = "beamlink-otp-bench";
    private static final int CALLS = Integer.getInteger("bench.calls", 100_000);
    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    private static final long TIMEOUT_MS = 600_000;

    private OtpBench() {
    }

    /** A node of the bench: it starts the server and runs callers. */
    private interface Node extends AutoCloseable {
        String name();

        /** {@return the node's OS process id: its CPU time is read from the OS} */
        long osPid();

        void server(String name);

        long callers(String server, String node, int callers, int n);

        @Override
        void close();
    }

    public static void main(String[] args) throws Exception {
        try (Epmd epmd = Epmd.start();
             Node erlA = erl("otp_a", epmd);
             Node erlB = erl("otp_b", epmd);
             Node javaA = JavaNode.start("java_a@localhost", epmd.port());
             Node javaB = JavaNode.start("java_b@localhost", epmd.port())) {
            for (Node node : List.of(erlA, erlB, javaA, javaB)) {
                node.server("echo");
            }
            record Row(String label, Node caller, Node server) {
            }
            List<Row> rows = List.of(new Row("erl -> erl", erlA, erlB), new Row("Java -> erl", javaA, erlB),
                    new Row("erl -> Java", erlA, javaA), new Row("Java -> Java", javaA, javaB));
            List<String> only = List.of(args);
            Measure none = new Measure(Double.NaN, Double.NaN, Double.NaN);
            Measure[][] measures = new Measure[rows.size()][];
            for (int r = 0; r < rows.size(); r++) {
                Row row = rows.get(r);
                if (!only.isEmpty() && !only.contains(row.label())) {
                    measures[r] = new Measure[] {none, none};
                    continue;
                }
                measures[r] = new Measure[] {rate(row.caller(), row.server(), 1, CALLS),
                        rate(row.caller(), row.server(), 100, Math.max(1, CALLS / 50))};
                System.out.printf(Locale.ROOT, "%-14s 1 caller %,10.0f calls/s   100 callers %,10.0f calls/s%n",
                        row.label(), measures[r][0].rate(), measures[r][1].rate());
            }
            System.out.println();
            System.out.println("| gen_server:call, calls/s | 1 caller | ratio to erl -> erl | CPU us/call caller / server"
                    + " | 100 callers | ratio to erl -> erl | CPU us/call caller / server |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
            for (int r = 0; r < rows.size(); r++) {
                Measure one = measures[r][0];
                Measure hundred = measures[r][1];
                System.out.printf(Locale.ROOT, "| %s | %,.0f | %.2fx | %.1f / %.1f | %,.0f | %.2fx | %.1f / %.1f |%n",
                        rows.get(r).label(), one.rate(), one.rate() / measures[0][0].rate(), one.callerCpu(),
                        one.serverCpu(), hundred.rate(), hundred.rate() / measures[0][1].rate(), hundred.callerCpu(),
                        hundred.serverCpu());
            }
        }
    }

    /**
     * A row's figures: the median calls per second, and the CPU time per call of the caller's and the server's OS
     * process over all its measured runs (every thread: a BEAM's includes its schedulers' busy waiting).
     */
    private record Measure(double rate, double callerCpu, double serverCpu) {
    }

    /** Warms up, then {@link #RUNS} runs; {@return the median calls per second and the CPU per call} */
    private static Measure rate(Node caller, Node server, int callers, int n) {
        caller.callers("echo", server.name(), callers, Math.max(1, n / 4));
        double[] rates = new double[RUNS];
        long callerCpu = cpuNanos(caller);
        long serverCpu = cpuNanos(server);
        for (int i = 0; i < RUNS; i++) {
            long micros = caller.callers("echo", server.name(), callers, n);
            rates[i] = (double) callers * n * 1_000_000 / micros;
        }
        double calls = (double) RUNS * callers * n;
        double callerMicros = (cpuNanos(caller) - callerCpu) / 1e3 / calls;
        double serverMicros = (cpuNanos(server) - serverCpu) / 1e3 / calls;
        Arrays.sort(rates);
        return new Measure(rates[RUNS / 2], callerMicros, serverMicros);
    }

    private static long cpuNanos(Node node) {
        return ProcessHandle.of(node.osPid()).flatMap(p -> p.info().totalCpuDuration()).map(d -> d.toNanos()).orElse(0L);
    }

    private static Node erl(String name, Epmd epmd) {
        ErlNode erl = ErlNode.builder().name(name).cookie(COOKIE).epmd(epmd).evalTimeout(Duration.ofMillis(TIMEOUT_MS)).start();
        return new Node() {
            @Override
            public String name() {
                return erl.nodeName();
            }

            @Override
            public long osPid() {
                return erl.osPid();
            }

            @Override
            public void server(String server) {
                erl.eval("otp_bench:start_server(" + server + ").");
            }

            @Override
            public long callers(String server, String node, int callers, int n) {
                return Long.parseLong(erl.evalText("otp_bench:callers({" + server + ", '" + node + "'}, " + callers + ", " + n + ")."));
            }

            @Override
            public void close() {
                erl.close();
            }
        };
    }

    /** An {@link OtpPeer} JVM. */
    private static final class JavaNode implements Node {
        private final Process process;
        private final OutputStream input;
        private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
        private final String name;

        private JavaNode(Process process) throws InterruptedException {
            this.process = process;
            this.input = process.getOutputStream();
            Thread.ofPlatform().daemon().start(this::pump);
            String ready = replies.poll(60, TimeUnit.SECONDS);
            if (ready == null || !ready.startsWith("READY ")) {
                throw new IllegalStateException("the Java peer did not start: " + ready);
            }
            this.name = ready.substring("READY ".length());
        }

        static JavaNode start(String name, int epmdPort) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xss1m", "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch", "-XX:+UseParallelGC",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
            String extra = System.getProperty("bench.peerJvmArgs", "").trim();
            if (!extra.isEmpty()) {
                command.addAll(Arrays.asList(extra.replace("%n", name).split(" +")));
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), OtpPeer.class.getName(), name, COOKIE,
                    Integer.toString(epmdPort)));
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            return new JavaNode(process);
        }

        private void pump() {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith(OtpPeer.REPLY)) {
                        replies.add(line.substring(OtpPeer.REPLY.length()));
                    }
                }
            } catch (IOException closed) {
                // The peer ended.
            }
            replies.add("ERR the peer JVM ended");
        }

        private synchronized String call(String command) {
            try {
                input.write((command + "\n").getBytes(StandardCharsets.UTF_8));
                input.flush();
                String reply = replies.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                if (reply == null || !reply.startsWith("OK")) {
                    throw new IllegalStateException(name + ": `" + command + "` failed: " + reply);
                }
                return reply.substring(2).trim();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(name + " is gone", e);
            }
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long osPid() {
            return process.pid();
        }

        @Override
        public void server(String server) {
            call("server " + server);
        }

        @Override
        public long callers(String server, String node, int callers, int n) {
            return Long.parseLong(call("callers " + server + " " + node + " " + callers + " " + n));
        }

        @Override
        public void close() {
            try {
                input.close();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (IOException | InterruptedException e) {
                process.destroyForcibly();
            }
        }
    }
}
