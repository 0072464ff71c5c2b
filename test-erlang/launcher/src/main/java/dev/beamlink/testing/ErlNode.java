package dev.beamlink.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A live, distributed {@code erl} node started by a test, on loopback, with a name and cookie of its
 * own, registered with a test {@link Epmd}. The test drives it by evaluating Erlang expressions
 * ({@link #eval(String)}); the node has the modules of {@code test-erlang} on its code path.
 *
 * <pre>{@code
 * try (Epmd epmd = Epmd.start();
 *      ErlNode erl = ErlNode.builder().name("peer").epmd(epmd).start()) {
 *     erl.eval("register(sink, self()).");
 *     String node = erl.nodeName();  // "peer_8123_1@localhost"
 * }
 * }</pre>
 *
 * <p>{@link #close()} halts the node; if the JVM dies first, the node halts when its standard input closes.
 */
public final class ErlNode implements AutoCloseable {

    private static final String REPLY_MARK = "\u0001BEAMLINK ";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final HexFormat HEX = HexFormat.of();

    private final String nodeName;
    private final String cookie;
    private final OsProcess process;
    private final BlockingQueue<String> replies;
    private final Duration evalTimeout;
    private final OutputStream input;

    private ErlNode(String nodeName, String cookie, OsProcess process, BlockingQueue<String> replies, Duration evalTimeout) {
        this.nodeName = nodeName;
        this.cookie = cookie;
        this.process = process;
        this.replies = replies;
        this.evalTimeout = evalTimeout;
        this.input = process.process().getOutputStream();
    }

    /** {@return a builder for a node; {@link Builder#start()} starts it} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the node's full name, {@code name@host}} */
    public String nodeName() {
        return nodeName;
    }

    /** {@return the node's cookie} */
    public String cookie() {
        return cookie;
    }

    /** {@return the operating-system pid of the emulator, for signals} */
    public long osPid() {
        return process.pid();
    }

    /** {@return whether the emulator process is running} */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Evaluates Erlang expressions (ending in a dot) on the node, keeping their variable bindings for
     * later calls, and returns the value of the last one as {@code term_to_binary} bytes with its printed form.
     *
     * @throws ErlangEvalException if the expressions raise an exception on the node
     * @throws IllegalStateException if the node does not answer within the evaluation time-out
     */
    public Result eval(String expressions) {
        String reply;
        synchronized (this) {
            replies.clear();
            try {
                input.write(("E " + HEX.formatHex(expressions.getBytes(StandardCharsets.UTF_8)) + "\n")
                        .getBytes(StandardCharsets.US_ASCII));
                input.flush();
            } catch (IOException e) {
                throw new IllegalStateException("erl node " + nodeName + " is gone: " + process.recentOutput(), e);
            }
            reply = awaitReply(evalTimeout);
        }
        if (reply == null) {
            throw new IllegalStateException("erl node " + nodeName + " did not answer `" + expressions + "` within "
                    + evalTimeout + "; its output:\n" + process.recentOutput());
        }
        String[] parts = reply.split(" ");
        byte[] etf = HEX.parseHex(parts[1]);
        String printed = parts.length > 2 ? new String(HEX.parseHex(parts[2]), StandardCharsets.UTF_8) : "";
        if (parts[0].equals("X")) {
            throw new ErlangEvalException(expressions, printed, etf);
        }
        return new Result(etf, printed);
    }

    /** Waits for the next reply line, giving up early if the emulator dies. */
    private String awaitReply(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                String reply = replies.poll(100, TimeUnit.MILLISECONDS);
                if (reply != null) {
                    return reply;
                }
                if (!process.isAlive()) {
                    Thread.sleep(50); // a reply written just before the end may still be in the pipe
                    return replies.poll();
                }
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for erl", e);
        }
    }

    /** {@return the printed value ({@code ~tp}) of {@link #eval(String)}} */
    public String evalText(String expressions) {
        return eval(expressions).text();
    }

    /** Kills the emulator with SIGKILL, as a crash would. */
    public void kill() {
        process.signal("KILL");
        process.stop(5_000);
    }

    /** Freezes the emulator with SIGSTOP: it neither answers nor ticks until {@link #resume()}. */
    public void freeze() {
        process.signal("STOP");
    }

    /** Resumes an emulator frozen by {@link #freeze()}. */
    public void resume() {
        process.signal("CONT");
    }

    /** {@return the last lines the node printed} */
    public String recentOutput() {
        return process.recentOutput();
    }

    /** Halts the node (closing its standard input) and waits for it to end. */
    @Override
    public void close() {
        try {
            input.close();
        } catch (IOException ignored) {
            // Already gone.
        }
        process.stop(5_000);
        process.close();
    }

    @Override
    public String toString() {
        return "erl " + nodeName + " (os pid " + process.pid() + ")";
    }

    /**
     * The value of an evaluation.
     *
     * @param etf  {@code term_to_binary(Value)}: decode it with the ETF codec
     * @param text the value printed by {@code io_lib:format("~tp", [Value])}
     */
    public record Result(byte[] etf, String text) {
    }

    /** Options of an {@link ErlNode}. */
    public static final class Builder {

        private String name = "erl";
        private boolean longNames;
        private String cookie = "beamlink-test-cookie";
        private int epmdPort;
        private boolean hidden;
        private Integer ticktimeSeconds;
        private Integer distPort;
        private final List<String> extraArgs = new ArrayList<>();
        private final List<Path> codePath = new ArrayList<>();
        private Duration evalTimeout = Duration.ofSeconds(30);
        private Duration startTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /** Name prefix; a suffix unique to this JVM is added (see {@link ErlNode#nodeName()}). */
        public Builder name(String prefix) {
            this.name = prefix;
            return this;
        }

        /** Long names ({@code -name n@127.0.0.1}) instead of short ones ({@code -sname n@localhost}). */
        public Builder longNames(boolean longNames) {
            this.longNames = longNames;
            return this;
        }

        public Builder cookie(String cookie) {
            this.cookie = cookie;
            return this;
        }

        /** The epmd to register with (this or {@link #epmdPort(int)} is required). */
        public Builder epmd(Epmd epmd) {
            return epmdPort(epmd.port());
        }

        /** The loopback port of the EPMD to register with: a test {@link Epmd}, or an EPMD server of beamlink's own. */
        public Builder epmdPort(int port) {
            this.epmdPort = port;
            return this;
        }

        /** Starts a hidden node ({@code -hidden}). */
        public Builder hidden(boolean hidden) {
            this.hidden = hidden;
            return this;
        }

        /** {@code -kernel net_ticktime Seconds}. */
        public Builder ticktimeSeconds(int seconds) {
            this.ticktimeSeconds = seconds;
            return this;
        }

        /** Fixes the distribution listen port ({@code inet_dist_listen_min/max}). */
        public Builder distPort(int port) {
            this.distPort = port;
            return this;
        }

        /** Adds a directory of {@code .beam} files to the code path. */
        public Builder codePath(Path ebin) {
            this.codePath.add(ebin);
            return this;
        }

        /** Adds raw {@code erl} arguments. */
        public Builder args(String... args) {
            this.extraArgs.addAll(List.of(args));
            return this;
        }

        public Builder evalTimeout(Duration timeout) {
            this.evalTimeout = timeout;
            return this;
        }

        /** {@return the started node, once it answers} */
        public ErlNode start() {
            if (epmdPort == 0) {
                throw new IllegalStateException("ErlNode needs an EPMD port: tests never use the machine's epmd on 4369");
            }
            String host = longNames ? "127.0.0.1" : "localhost";
            String fullName = name + "_" + ProcessHandle.current().pid() + "_" + SEQUENCE.incrementAndGet() + "@" + host;
            List<String> command = new ArrayList<>(List.of(
                    ErlangTools.erl().toString(), "-noshell", "-start_epmd", "false",
                    longNames ? "-name" : "-sname", fullName, "-setcookie", cookie,
                    "-pa", ErlangModules.ebin().toString()));
            codePath.forEach(p -> command.addAll(List.of("-pa", p.toString())));
            if (hidden) {
                command.add("-hidden");
            }
            if (ticktimeSeconds != null) {
                command.addAll(List.of("-kernel", "net_ticktime", ticktimeSeconds.toString()));
            }
            if (distPort != null) {
                command.addAll(List.of("-kernel", "inet_dist_listen_min", distPort.toString(),
                        "inet_dist_listen_max", distPort.toString()));
            }
            command.addAll(List.of("-kernel", "inet_dist_use_interface", "{127,0,0,1}"));
            command.addAll(extraArgs);
            command.addAll(List.of("-run", "beamlink_ctl", "main"));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("ERL_EPMD_PORT", Integer.toString(epmdPort));
            builder.environment().put("ERL_EPMD_ADDRESS", "127.0.0.1");
            BlockingQueue<String> replies = new LinkedBlockingQueue<>();
            OsProcess process = OsProcess.start("erl " + fullName, builder, line -> {
                int mark = line.indexOf(REPLY_MARK);
                if (mark >= 0) {
                    replies.add(line.substring(mark + REPLY_MARK.length()));
                }
            });
            ErlNode node = new ErlNode(fullName, cookie, process, replies, evalTimeout);
            ErlNode started = null;
            try {
                node.awaitReady(startTimeout);
                started = node;
                return node;
            } finally {
                if (started == null) {
                    node.close();
                }
            }
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                Result result = eval("node().");
                if (!result.text().equals("nonode@nohost")) {
                    return;
                }
            } catch (IllegalStateException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("erl " + nodeName + " did not start: " + process.recentOutput(), e);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("erl " + nodeName + " started without distribution: " + process.recentOutput());
            }
        }
    }
}
