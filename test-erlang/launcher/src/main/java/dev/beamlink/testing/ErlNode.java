package dev.beamlink.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A live, distributed {@code erl} or Elixir node started by a test, on loopback, with a name and cookie of its
 * own, registered with a test {@link Epmd}. The test drives it by evaluating Erlang expressions
 * ({@link #eval(String)}), or Elixir code on an Elixir node ({@link #evalElixir(String)}), and loads source files on
 * it ({@link #load(Path)}); the node has the modules of {@code test-erlang} on its code path.
 *
 * <pre>{@code
 * try (Epmd epmd = Epmd.start();
 *      ErlNode erl = ErlNode.builder().name("peer").epmd(epmd).start()) {
 *     erl.eval("register(sink, self()).");
 *     String node = erl.nodeName();  // "peer_8123_1@localhost"
 * }
 * }</pre>
 *
 * <p>Nodes run from an {@link OtpInstallation}: the run's by default ({@link OtpInstallation#ofRun()}: the host's unless
 * {@code -Dbeamlink.otp=27} names a release), or one of a release
 * ({@code installation(OtpInstallation.find(OtpRelease.exactly(27)))}). An Elixir node ({@link Builder#elixir(boolean)})
 * starts through Elixir's own {@code elixir} command, so that it boots as Elixir users' nodes do. A node runs its
 * distribution over TLS with {@link Builder#tlsDistribution(Path)}.
 *
 * <p>{@link #close()} halts the node; if the JVM dies first, the node halts when its standard input closes.
 */
public final class ErlNode implements AutoCloseable {

    private static final String REPLY_MARK = "\u0001BEAMLINK ";
    private static final HexFormat HEX = HexFormat.of();

    private final String nodeName;
    private final String cookie;
    private final OtpInstallation installation;
    private final boolean elixir;
    private final OsProcess process;
    private final BlockingQueue<String> replies;
    private final Duration evalTimeout;
    private final OutputStream input;

    private ErlNode(String nodeName, String cookie, OtpInstallation installation, boolean elixir, OsProcess process,
                    BlockingQueue<String> replies, Duration evalTimeout) {
        this.nodeName = nodeName;
        this.cookie = cookie;
        this.installation = installation;
        this.elixir = elixir;
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

    /** {@return the installation the node runs from} */
    public OtpInstallation installation() {
        return installation;
    }

    /** {@return whether this is an Elixir node} */
    public boolean isElixir() {
        return elixir;
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
        return request("E", expressions);
    }

    /** {@return the printed value ({@code ~tp}) of {@link #eval(String)}} */
    public String evalText(String expressions) {
        return eval(expressions).text();
    }

    /**
     * Evaluates Elixir code on an Elixir node ({@code Code.eval_string/2}), keeping its variable bindings for later
     * calls, and returns its value as {@code term_to_binary} bytes with its {@code inspect/1} form.
     *
     * @throws ErlangEvalException if the code raises an exception on the node
     * @throws IllegalStateException if this is not an Elixir node, or it does not answer within the evaluation time-out
     */
    public Result evalElixir(String code) {
        if (!elixir) {
            throw new IllegalStateException(nodeName + " is not an Elixir node: start it with ErlNode.builder().elixir(true)");
        }
        return request("L", code);
    }

    /**
     * Compiles a source file on the node and loads its modules: Erlang ({@code .erl}) on any node, Elixir ({@code .ex},
     * {@code .exs}) on an Elixir node. A node of a Debian root gets a copy of the file (headers it includes must sit in
     * OTP's include path, or the file must be inside the root).
     *
     * @return the names of the modules loaded, such as {@code [orders]} or {@code [Elixir.Greeter]}
     * @throws IllegalStateException with the compiler's messages if it does not compile
     */
    public List<String> load(Path source) {
        String name = source.getFileName().toString();
        if (!elixir && (name.endsWith(".ex") || name.endsWith(".exs"))) {
            throw new IllegalStateException(source + " is Elixir, and " + nodeName + " is not an Elixir node: start it"
                    + " with ErlNode.builder().elixir(true)");
        }
        try {
            return List.of(request("C", installation.pathFor(source)).text().split(" "));
        } catch (ErlangEvalException e) {
            throw new IllegalStateException("cannot load " + source + " on " + nodeName + ":\n" + e.printed(), e);
        }
    }

    private Result request(String kind, String text) {
        String reply;
        synchronized (this) {
            replies.clear();
            try {
                input.write((kind + " " + HEX.formatHex(text.getBytes(StandardCharsets.UTF_8)) + "\n")
                        .getBytes(StandardCharsets.US_ASCII));
                input.flush();
            } catch (IOException e) {
                throw new IllegalStateException("node " + nodeName + " is gone: " + process.recentOutput(), e);
            }
            reply = awaitReply(evalTimeout);
        }
        if (reply == null) {
            throw new IllegalStateException("node " + nodeName + " did not answer `" + text + "` within "
                    + evalTimeout + "; its output:\n" + process.recentOutput());
        }
        String[] parts = reply.split(" ");
        byte[] etf = HEX.parseHex(parts[1]);
        String printed = parts.length > 2 ? new String(HEX.parseHex(parts[2]), StandardCharsets.UTF_8) : "";
        if (parts[0].equals("X")) {
            throw new ErlangEvalException(text, printed, etf);
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
            throw new IllegalStateException("interrupted while waiting for " + nodeName, e);
        }
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

    /** {@return how many lines the node has printed so far: a mark for {@link #outputSince(long)}} */
    public long outputMark() {
        return process.linesPrinted();
    }

    /** {@return the lines the node printed after {@code mark} (as many of the last ones as are kept)} */
    public String outputSince(long mark) {
        return process.outputSince(mark);
    }

    /** Halts the node (closing its standard input) and waits for it to end. */
    @Override
    public void close() {
        process.closeInput();
        process.stop(5_000);
        process.close();
    }

    @Override
    public String toString() {
        return (elixir ? "Elixir " : "erl ") + nodeName + " (os pid " + process.pid() + ", " + installation + ")";
    }

    /**
     * The value of an evaluation.
     *
     * @param etf  {@code term_to_binary(Value)}: decode it with the ETF codec
     * @param text the value printed by {@code io_lib:format("~tp", [Value])}, or Elixir's {@code inspect(Value)}
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
        private OtpInstallation installation;
        private boolean elixir;
        private Path sslDistOptFile;
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

        /** The installation to run (else the host's, or for an Elixir node the first one with Elixir). */
        public Builder installation(OtpInstallation installation) {
            this.installation = installation;
            return this;
        }

        /** Starts an Elixir node: {@code elixir --sname ...}, which can also {@link ErlNode#evalElixir(String)}. */
        public Builder elixir(boolean elixir) {
            this.elixir = elixir;
            return this;
        }

        /** Adds a directory of {@code .beam} files to the code path (a root gets a copy). */
        public Builder codePath(Path ebin) {
            this.codePath.add(ebin);
            return this;
        }

        /**
         * Adds raw {@code erl} arguments. An Elixir node gets them through {@code elixir --erl}, which splits them at
         * spaces: there they may hold no white space.
         */
        public Builder args(String... args) {
            this.extraArgs.addAll(List.of(args));
            return this;
        }

        /**
         * Runs the node's distribution over TLS, as OTP's {@code inet_tls_dist} does: {@code -proto_dist inet_tls
         * -ssl_dist_optfile F}. The files the optfile names (absolute paths, as Erlang strings) are given to the
         * node's installation where it sees them: a Debian root gets copies, and a copy of the optfile that names them.
         * Null: plain TCP, as by default.
         */
        public Builder tlsDistribution(Path optFile) {
            this.sslDistOptFile = optFile;
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
            OtpInstallation otp = installation != null ? installation
                    : elixir ? OtpInstallation.findElixir(OtpRelease.ofRun().orElse(OtpRelease.ANY)) : OtpInstallation.ofRun();
            if (elixir && otp.elixirVersion().isEmpty()) {
                throw new IllegalStateException("an Elixir node needs an installation with Elixir, and " + otp + " has none");
            }
            String host = longNames ? "127.0.0.1" : "localhost";
            String fullName = NodeNames.unique(name) + "@" + host;
            List<String> flags = emulatorFlags(otp);
            ProcessBuilder builder = elixir ? elixirCommand(otp, fullName, flags) : erlCommand(otp, fullName, flags);
            builder.environment().put("ERL_EPMD_PORT", Integer.toString(epmdPort));
            builder.environment().put("ERL_EPMD_ADDRESS", "127.0.0.1");
            BlockingQueue<String> replies = new LinkedBlockingQueue<>();
            // Reply lines are the control loop's, not the node's output: only what the node printed before one is kept.
            OsProcess process = OsProcess.start((elixir ? "elixir " : "erl ") + fullName, builder, line -> {
                int mark = line.indexOf(REPLY_MARK);
                if (mark < 0) {
                    return line;
                }
                replies.add(line.substring(mark + REPLY_MARK.length()));
                return mark == 0 ? null : line.substring(0, mark);
            });
            ErlNode node = new ErlNode(fullName, cookie, otp, elixir, process, replies, evalTimeout);
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

        /** The flags of the emulator itself (for an Elixir node, what goes through {@code --erl}). */
        private List<String> emulatorFlags(OtpInstallation otp) {
            List<String> flags = new ArrayList<>(List.of("-start_epmd", "false"));
            if (sslDistOptFile != null) {
                flags.addAll(List.of("-proto_dist", "inet_tls", "-ssl_dist_optfile", SslDistOptFiles.pathFor(sslDistOptFile, otp)));
            }
            if (ticktimeSeconds != null) {
                flags.addAll(List.of("-kernel", "net_ticktime", ticktimeSeconds.toString()));
            }
            if (distPort != null) {
                flags.addAll(List.of("-kernel", "inet_dist_listen_min", distPort.toString(),
                        "inet_dist_listen_max", distPort.toString()));
            }
            flags.addAll(List.of("-kernel", "inet_dist_use_interface", "{127,0,0,1}"));
            flags.addAll(extraArgs);
            return flags;
        }

        private ProcessBuilder erlCommand(OtpInstallation otp, String fullName, List<String> flags) {
            List<String> args = new ArrayList<>(List.of("-noshell", longNames ? "-name" : "-sname", fullName,
                    "-setcookie", cookie, "-pa", otp.pathFor(ErlangModules.ebin(otp))));
            codePath.forEach(p -> args.addAll(List.of("-pa", otp.pathFor(p))));
            if (hidden) {
                args.add("-hidden");
            }
            args.addAll(flags);
            args.addAll(List.of("-run", "beamlink_ctl", "main"));
            return otp.command("erl", args);
        }

        private ProcessBuilder elixirCommand(OtpInstallation otp, String fullName, List<String> flags) {
            for (String flag : flags) {
                if (flag.isEmpty() || !flag.matches("[^\\s*?\\[]+")) {
                    throw new IllegalArgumentException("erl argument `" + flag + "`: an Elixir node gets its erl arguments"
                            + " through `elixir --erl`, which splits them at white space and expands * ? [");
                }
            }
            List<String> args = new ArrayList<>(List.of(longNames ? "--name" : "--sname", fullName, "--cookie", cookie,
                    "--erl", String.join(" ", flags), "-pa", otp.pathFor(ErlangModules.ebin(otp))));
            codePath.forEach(p -> args.addAll(List.of("-pa", otp.pathFor(p))));
            if (hidden) {
                args.add("--hidden");
            }
            args.addAll(List.of("--no-halt", "-e", ":beamlink_ctl.main()"));
            return otp.command("elixir", args);
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
                    throw new IllegalStateException(this + " did not start: " + process.recentOutput(), e);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(this + " started without distribution: " + process.recentOutput());
            }
        }
    }
}
