package dev.beamlink.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Nothing a test JVM started outlives it, even when it dies by SIGKILL and no shutdown hook runs. */
@Tag("interop")
class JvmDeathTest {

    @Test
    void epmdErlAndElixirEndWhenTheirJvmIsKilled() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process jvm = new ProcessBuilder(java, "-cp", classpath, NodesOfAJvmThatDies.class.getName())
                .redirectErrorStream(true).start();
        List<ProcessHandle> started;
        try (BufferedReader output = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            StringBuilder seen = new StringBuilder();
            String line;
            while ((line = output.readLine()) != null && !line.equals("started")) {
                seen.append(line).append('\n');
            }
            assertEquals("started", line, "the JVM did not start its nodes:\n" + seen);
            started = jvm.descendants().toList();
            List<String> commands = started.stream().map(p -> p.info().command().orElse("?")).toList();
            assertTrue(commands.stream().filter(c -> c.endsWith("beam.smp")).count() == 3, commands.toString());
            assertTrue(commands.stream().filter(c -> c.endsWith("/epmd")).count() == 2, commands.toString());
            jvm.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertTrue(jvm.waitFor(10, TimeUnit.SECONDS));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (started.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(List.of(), started.stream().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList(), "still running after their JVM died");
    }
}
