package dev.beamlink.testing;

import java.time.Duration;
import java.util.List;

/**
 * A real {@code epmd} on a loopback port of its own, for one test class or test: started by
 * {@link #start()}, stopped by {@link #close()}. Erlang nodes started with {@link ErlNode.Builder#epmd(Epmd)}
 * register with it through {@code ERL_EPMD_PORT}.
 */
public final class Epmd implements AutoCloseable {

    private final int port;
    private final OsProcess process;

    private Epmd(int port, OsProcess process) {
        this.port = port;
        this.process = process;
    }

    /** {@return a running epmd on a free loopback port} @throws IllegalStateException if none starts */
    public static Epmd start() {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = FreePorts.pick();
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    ErlangTools.epmd().toString(), "-port", Integer.toString(port), "-address", "127.0.0.1"));
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

    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return "epmd on 127.0.0.1:" + port;
    }
}
