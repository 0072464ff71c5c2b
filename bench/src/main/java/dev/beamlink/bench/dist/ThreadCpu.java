package dev.beamlink.bench.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A diagnostic of the many-connections rows ({@code -Dbench.threadCpu=true}): the CPU time of each thread of an OS
 * process, from {@code /proc/PID/task/TID/stat} (utime + stime, in clock ticks of 10 ms), so that the idle CPU of a hub
 * can be put down to its threads.
 */
final class ThreadCpu {

    static final boolean ENABLED = Boolean.getBoolean("bench.threadCpu");
    private static final long NANOS_PER_TICK = 10_000_000;

    private ThreadCpu() {
    }

    /** {@return each thread's CPU time in ns, by "name/tid"} (empty if /proc cannot be read) */
    static Map<String, Long> snapshot(long pid) {
        Map<String, Long> cpu = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String[] fields = stat.substring(close + 2).split(" ");
                    // fields[0] is the state (stat's field 3): utime and stime are stat's fields 14 and 15
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    cpu.put(stat.substring(open + 1, close) + "/" + task.getFileName(), ticks * NANOS_PER_TICK);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            });
        } catch (IOException e) {
            return Map.of();
        }
        return cpu;
    }

    /** {@return the threads that used CPU between the two snapshots, with the milliseconds each used} */
    static String used(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> used = new TreeMap<>();
        after.forEach((thread, ns) -> {
            long delta = ns - before.getOrDefault(thread, 0L);
            if (delta > 0) {
                used.put(thread, delta);
            }
        });
        StringBuilder text = new StringBuilder();
        used.forEach((thread, ns) -> text.append(String.format(Locale.ROOT, " %s %.0f ms;", thread, ns / 1e6)));
        return used.isEmpty() ? " none" : text.toString();
    }
}
