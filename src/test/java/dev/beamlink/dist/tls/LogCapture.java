package dev.beamlink.dist.tls;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What this JVM logs while it is open: slf4j-simple writes to whatever {@code System.err} is at the time, so the
 * capture puts a copying stream there, and puts the old one back on {@link #close()}.
 */
public final class LogCapture implements AutoCloseable {

    private final PrintStream original;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

    public LogCapture() {
        original = System.err;
        OutputStream both = new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                copy.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                original.write(bytes, offset, length);
                copy.write(bytes, offset, length);
            }
        };
        System.setErr(new PrintStream(both, true, StandardCharsets.UTF_8));
    }

    /** {@return the lines logged so far} */
    public List<String> lines() {
        return copy.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** {@return the first line logged within {@code wait} that holds every fragment, or null} */
    public String awaitLine(Duration wait, String... fragments) {
        long deadline = System.nanoTime() + wait.toNanos();
        do {
            for (String line : lines()) {
                if (Arrays.stream(fragments).allMatch(line::contains)) {
                    return line;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        } while (System.nanoTime() < deadline);
        return null;
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
