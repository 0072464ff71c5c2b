package dev.beamlink.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@code epmd} on a loopback port of its own, for one test class or test: started by
 * {@link #start()}, stopped by {@link #close()}. Erlang nodes started with {@link ErlNode.Builder#epmd(Epmd)}
 * register with it through {@code ERL_EPMD_PORT}.
 *
 * <p>epmd runs under a shell that ends it when its standard input closes: when this is closed, and also when the
 * JVM dies without closing it (epmd would otherwise outlive it, as it never reads its input).
 */
public final class Epmd implements AutoCloseable {

    /**
     * Runs "$@" (epmd) and waits for it; a reader of the shell's standard input (kept as fd 3, since a background job's
     * own standard input is /dev/null) kills it when that input ends.
     */
    private static final String GUARD = "exec 3<&0; \"$@\" 3<&- </dev/null & pid=$!; "
            + "{ read -r _ <&3; kill \"$pid\" 2>/dev/null; } & wait \"$pid\"";

    private final int port;
    private final OsProcess process;

    private Epmd(int port, OsProcess process) {
        this.port = port;
        this.process = process;
    }

    /**
     * {@return a running epmd on a free loopback port, of the run's installation ({@link OtpInstallation#ofRun()}: the
     * host's unless {@code -Dbeamlink.otp} names a release)} @throws IllegalStateException if none starts
     */
    public static Epmd start() {
        return start(OtpInstallation.ofRun());
    }

    /** {@return a running epmd of {@code installation} on a free loopback port} @throws IllegalStateException if none starts */
    public static Epmd start(OtpInstallation installation) {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = FreePorts.pick();
            ProcessBuilder builder = installation.command("epmd", List.of("-port", Integer.toString(port), "-address", "127.0.0.1"));
            List<String> guarded = new ArrayList<>(List.of("/bin/sh", "-c", GUARD, "epmd"));
            guarded.addAll(builder.command());
            builder.command(guarded);
            OsProcess process = OsProcess.start("epmd:" + port, builder, null);
            if (FreePorts.awaitListening(port, Duration.ofSeconds(5)) && process.isAlive()) {
                return new Epmd(port, process);
            }
            last = new IllegalStateException("epmd did not start on port " + port + ": " + process.recentOutput());
            process.close();
        }
        throw last;
    }

    /** {@return the TCP port epmd listens on (loopback)} */
    public int port() {
        return port;
    }

    /** {@return whether the epmd process is still running} */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** {@return what {@code epmd -names} prints for this epmd} */
    public String names() {
        return names(port);
    }

    /** {@return what {@code epmd -port P -names} prints: works against any EPMD server on loopback port P} */
    public static String names(int port) {
        ProcessBuilder builder = new ProcessBuilder(List.of(ErlangTools.epmd().toString(), "-port", Integer.toString(port), "-names"));
        try (OsProcess query = OsProcess.start("epmd -names", builder, null)) {
            query.stop(5_000);
            query.process().waitFor();
            Thread.sleep(50); // let the output pump read the last line
            return query.recentOutput();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Stops epmd (closing the guard's standard input ends it) and waits for it to end. */
    @Override
    public void close() {
        process.closeInput();
        process.stop(5_000);
        process.close();
    }

    @Override
    public String toString() {
        return "epmd on 127.0.0.1:" + port;
    }
}
