package dev.beamlink.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An operating-system process started by a test: keeps the last lines of its output for failure
 * messages, and is stopped on {@link #close()} or, failing that, when the JVM exits.
 */
final class OsProcess implements AutoCloseable {

    private static final int KEPT_LINES = 200;

    private final String label;
    private final Process process;
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final Thread shutdownHook;

    private OsProcess(String label, Process process) {
        this.label = label;
        this.process = process;
        this.shutdownHook = new Thread(process::destroyForcibly, "stop " + label);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts {@code builder}'s command. Standard error is merged into standard output; each output line
     * is kept and also handed to {@code lineHandler} (which may be null), on a daemon thread.
     */
    static OsProcess start(String label, ProcessBuilder builder, Consumer<String> lineHandler) {
        builder.redirectErrorStream(true);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + label + ": " + String.join(" ", builder.command()), e);
        }
        OsProcess started = new OsProcess(label, process);
        Thread reader = new Thread(() -> started.pump(process.getInputStream(), lineHandler), label + " output");
        reader.setDaemon(true);
        reader.start();
        return started;
    }

    private void pump(InputStream output, Consumer<String> lineHandler) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (lineHandler != null) {
                    lineHandler.accept(line);
                }
                synchronized (lastLines) {
                    if (lastLines.size() == KEPT_LINES) {
                        lastLines.removeFirst();
                    }
                    lastLines.addLast(line);
                }
            }
        } catch (IOException closed) {
            // The process ended: nothing more to read.
        }
    }

    Process process() {
        return process;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** {@return the last lines the process printed, for a failure message} */
    String recentOutput() {
        synchronized (lastLines) {
            return lastLines.isEmpty() ? "(no output)" : String.join("\n", lastLines);
        }
    }

    /** Sends a signal ({@code KILL}, {@code STOP}, {@code CONT}, ...) to the process. */
    void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot signal " + label, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling " + label, e);
        }
    }

    /** Waits up to {@code millis} for the process to end by itself, then kills it. */
    void stop(long millis) {
        try {
            if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            stop(2_000);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting; the hook runs anyway.
        }
    }

    @Override
    public String toString() {
        return label + " (os pid " + process.pid() + ")";
    }
}
