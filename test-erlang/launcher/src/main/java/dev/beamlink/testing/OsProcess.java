package dev.beamlink.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

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
    private Thread outputPump;
    private long linesSeen;

    private OsProcess(String label, Process process) {
        this.label = label;
        this.process = process;
        this.shutdownHook = new Thread(() -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }, "stop " + label);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts {@code builder}'s command. Standard error is merged into standard output; each output line
     * goes through {@code lineHandler} (which may be null), on a daemon thread, and what it returns of the line (all,
     * part, or null for nothing) is kept as the process's output.
     */
    static OsProcess start(String label, ProcessBuilder builder, UnaryOperator<String> lineHandler) {
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
        started.outputPump = reader;
        reader.start();
        return started;
    }

    /**
     * Runs {@code builder}'s command to its end; {@return what it printed}
     *
     * @throws IllegalStateException if it does not end within {@code timeout} or ends with a status other than 0
     */
    static String run(String label, ProcessBuilder builder, Duration timeout) {
        try (OsProcess run = start(label, builder, null)) {
            if (!run.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(label + " did not end within " + timeout + ": " + run.recentOutput());
            }
            run.outputPump.join(timeout.toMillis());
            if (run.process.exitValue() != 0) {
                throw new IllegalStateException(label + " failed (exit status " + run.process.exitValue() + "): "
                        + String.join(" ", builder.command()) + "\n" + run.recentOutput());
            }
            return run.recentOutput();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + label, e);
        }
    }

    private void pump(InputStream output, UnaryOperator<String> lineHandler) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
            String read;
            while ((read = reader.readLine()) != null) {
                String line = lineHandler == null ? read : lineHandler.apply(read);
                if (line == null) {
                    continue;
                }
                synchronized (lastLines) {
                    if (lastLines.size() == KEPT_LINES) {
                        lastLines.removeFirst();
                    }
                    lastLines.addLast(line);
                    linesSeen++;
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
        return outputSince(0);
    }

    /** {@return how many lines the process has printed so far} */
    long linesPrinted() {
        synchronized (lastLines) {
            return linesSeen;
        }
    }

    /** {@return the lines printed after the first {@code line} lines, as many of them as are kept} */
    String outputSince(long line) {
        synchronized (lastLines) {
            long skip = Math.max(0, line - (linesSeen - lastLines.size()));
            String lines = String.join("\n", lastLines.stream().skip(skip).toList());
            return lines.isEmpty() ? "(no output)" : lines;
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

    /** Closes the process's standard input: erl and the epmd guard end when it closes. */
    void closeInput() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // Already gone.
        }
    }

    /** Ends the process, and whatever it started that is still running, unless it has ended by itself. */
    @Override
    public void close() {
        if (process.isAlive()) {
            List<ProcessHandle> descendants = process.descendants().toList();
            process.destroy();
            stop(2_000);
            descendants.forEach(ProcessHandle::destroyForcibly);
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
