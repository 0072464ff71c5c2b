package dev.beamlink.bench.dist;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A peer in a JVM of its own ({@link PeerMain}), driven over its standard input and output: each Java node of the
 * bench runs in its own OS process, with the same JVM options, as each erl node does.
 */
final class ChildPeer implements Peer {

    /**
     * The options of every peer JVM; {@code -Dbench.peerJvmArgs="..."} adds more (a JFR recording, say). The heap is
     * fixed and touched at start: a heap that grows during the runs costs page faults that land in whichever row runs
     * first, measured at a third of the sending JVM's CPU.
     */
    static final List<String> JVM_OPTIONS = List.of("-Xss1m", "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch",
            "-XX:+UseParallelGC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");

    private final String label;
    private final Process process;
    private final OutputStream input;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final String nodeName;

    private ChildPeer(String label, Process process) {
        this.label = label;
        this.process = process;
        this.input = process.getOutputStream();
        Thread pump = new Thread(this::pump, label + " output");
        pump.setDaemon(true);
        pump.start();
        String ready = reply(60_000);
        if (!ready.startsWith("READY ")) {
            throw new IllegalStateException(label + " did not start: " + ready);
        }
        this.nodeName = ready.substring("READY ".length());
    }

    /** Starts a peer JVM: {@code kind} is beamlink, beamlink-tls or jinterface; {@code more}, the peer's further args. */
    static ChildPeer start(String kind, String name, String cookie, int epmdPort, String... more) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        String extra = System.getProperty("bench.peerJvmArgs", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(Arrays.asList(extra.replace("%n", name).split(" +")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PeerMain.class.getName(),
                kind, name, cookie, Integer.toString(epmdPort)));
        command.addAll(List.of(more));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        try {
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            return new ChildPeer(kind + " " + name, process);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the " + kind + " peer JVM", e);
        }
    }

    private void pump() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(PeerMain.REPLY)) {
                    replies.add(line.substring(PeerMain.REPLY.length()));
                } else {
                    System.err.println("[" + label + "] " + line);
                }
            }
        } catch (IOException closed) {
            // The peer ended.
        }
        replies.add("ERR the peer JVM ended");
    }

    private String reply(long timeoutMs) {
        try {
            String reply = replies.poll(timeoutMs, TimeUnit.MILLISECONDS);
            if (reply == null) {
                throw new IllegalStateException(label + " did not answer within " + timeoutMs + " ms");
            }
            return reply;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private synchronized String call(String command) {
        try {
            input.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            input.flush();
        } catch (IOException e) {
            throw new IllegalStateException(label + " is gone", e);
        }
        String reply = reply(ThroughputBench.ROW_TIMEOUT_MS + 10_000);
        if (!reply.startsWith("OK")) {
            throw new IllegalStateException(label + ": `" + command + "` failed: " + reply);
        }
        return reply.substring(2).trim();
    }

    @Override
    public String nodeName() {
        return nodeName;
    }

    @Override
    public long osPid() {
        return process.pid();
    }

    @Override
    public void startSink(String name, int n) {
        call("sink " + name + " " + n);
    }

    @Override
    public long awaitSink(String name) {
        return Long.parseLong(call("await " + name));
    }

    @Override
    public long blast(String name, String node, int n, Kind kind) {
        return Long.parseLong(call("blast " + name + " " + node + " " + n + " " + kind.erlang()));
    }

    @Override
    public void reconnect(String node) {
        call("reconnect " + node);
    }

    @Override
    public void startEcho(String name) {
        call("echo " + name);
    }

    @Override
    public long[] ping(String name, String node, int n) {
        return Arrays.stream(call("ping " + name + " " + node + " " + n).split(" ")).mapToLong(Long::parseLong).toArray();
    }

    @Override
    public long erpcCalls(String node, int n, int callers) {
        return Long.parseLong(call("erpc " + node + " " + n + " " + callers));
    }

    @Override
    public void startFanSinks(String prefix, int count, int n) {
        call("fansinks " + prefix + " " + count + " " + n);
    }

    @Override
    public long awaitFan(String prefix) {
        return Long.parseLong(call("awaitfan " + prefix));
    }

    @Override
    public long fanBlast(String prefix, String node, int count, int n) {
        return Long.parseLong(call("fanblast " + prefix + " " + node + " " + count + " " + n));
    }

    @Override
    public void startDrain(String name) {
        call("drain " + name);
    }

    @Override
    public void floodStart(String name, String node) {
        call("flood " + name + " " + node);
    }

    @Override
    public long floodStop() {
        return Long.parseLong(call("floodstop"));
    }

    @Override
    public long[] memory() {
        return Arrays.stream(call("memory").split(" ")).mapToLong(Long::parseLong).toArray();
    }

    @Override
    public void close() {
        try {
            input.close();
        } catch (IOException ignored) {
            // Gone already.
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
