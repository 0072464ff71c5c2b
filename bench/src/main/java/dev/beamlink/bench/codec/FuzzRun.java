package dev.beamlink.bench.codec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code bench/run fuzz}: coverage-guided fuzzing (Jazzer, libFuzzer underneath) of each fuzz target for a set
 * time, one after the other, and a report of each: executions, coverage (edges and features of the code under
 * test that inputs reached), corpus, and findings. A finding (an input that makes the target throw anything but
 * what it accepts, or fail an assertion) is saved beside the target's corpus as {@code crash-<sha1>}, replayed
 * by {@code make test} from then on, and makes the run exit with status 1.
 *
 * <p>A fuzz target is a JUnit method annotated {@code @FuzzTest} (com.code-intelligence:jazzer-junit) in a
 * module's test sources, with its corpus in {@code src/test/resources/<package>/<Class>Inputs/<method>/}; the
 * module writes its test class path to {@code target/test-classpath.txt} (maven-dependency-plugin, as
 * etf-codec's pom does). {@code make test} replays the corpus as ordinary tests. To add a target, add it to
 * {@link #TARGETS}. Jazzer keeps what it generates in {@code <module>/.cifuzz-corpus/} (not in git);
 * {@code merge} folds it into the corpus in the repository, keeping only inputs that add coverage.
 *
 * <p>Usage: {@code FuzzRun [DURATION [TARGET...]]} or {@code FuzzRun merge [TARGET...]}, where DURATION is
 * how long each target runs ({@code 90s}, {@code 10m}, {@code 1h}; default the environment's
 * {@code FUZZ_DURATION}, else 10m) and TARGET is {@code module:class#method} (default: all of
 * {@link #TARGETS}). {@code bench/run fuzz} passes no arguments: {@code FUZZ_DURATION=1h bench/run fuzz}.
 */
public final class FuzzRun {

    /** A fuzz target: a {@code @FuzzTest} method of a module's test classes. */
    record Target(String module, String testClass, String method) {

        static Target parse(String text) {
            Matcher m = Pattern.compile("([^:]+):([\\w.$]+)#(\\w+)").matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("target " + text + " (expected: module:class#method)");
            }
            return new Target(m.group(1), m.group(2), m.group(3));
        }

        /**
         * {@return the corpus kept in the repository}: under the module's test resources, {@code src/test/resources},
         * or {@code test/resources} in the node module, whose directory is the repository's {@code src/}
         */
        Path inputs() {
            String pkg = testClass.substring(0, testClass.lastIndexOf('.')).replace('.', '/');
            String simple = testClass.substring(testClass.lastIndexOf('.') + 1);
            Path resources = Path.of(module, "src/test/resources");
            if (!Files.isDirectory(resources)) {
                resources = Path.of(module, "test/resources");
            }
            return resources.resolve(Path.of(pkg, simple + "Inputs", method));
        }

        /** {@return what Jazzer generated while fuzzing} */
        Path generated() {
            return Path.of(module, ".cifuzz-corpus", testClass, method);
        }

        @Override
        public String toString() {
            return module + ":" + testClass + "#" + method;
        }
    }

    /** The fuzz targets {@code bench/run fuzz} runs. */
    static final List<Target> TARGETS = List.of(
            new Target("etf-codec", "dev.beamlink.etf.EtfDecoderFuzzTest", "decode"),
            new Target("src", "dev.beamlink.dist.frame.FrameReaderFuzzTest", "frames"),
            new Target("src", "dev.beamlink.dist.frame.DistHeaderFuzzTest", "frames"),
            new Target("src", "dev.beamlink.dist.handshake.HandshakeFuzzTest", "accept"),
            new Target("src", "dev.beamlink.dist.handshake.HandshakeFuzzTest", "initiate"),
            new Target("src", "dev.beamlink.dist.ControlFuzzTest", "decode"));

    /** Seconds one input may take before libFuzzer reports it as a finding (a hang). */
    private static final int INPUT_TIMEOUT_SECONDS = 10;
    /** The largest input libFuzzer makes. */
    private static final int MAX_INPUT_LENGTH = 8192;
    /** Sanitizer hooks into JDK classes that Jazzer 0.24 cannot instrument on JDK 25 (nor do they apply here). */
    private static final String DISABLED_HOOKS = "com.code_intelligence.jazzer.sanitizers.RegexRoadblocks"
            + ":com.code_intelligence.jazzer.sanitizers.OsCommandInjection";

    private static final Pattern STATS = Pattern.compile(
            "^#(\\d+)\\s+(\\w+)\\s+(?:cov: (\\d+) )?ft: (\\d+) (?:corp: (\\d+)/(\\S+) )?.*?exec/s: (\\d+)");
    private static final Pattern DONE = Pattern.compile("^Done (\\d+) runs in (\\d+) second");

    private FuzzRun() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        boolean merge = args.length > 0 && args[0].equals("merge");
        int next = merge ? 1 : 0;
        Duration duration = parseDuration(!merge && args.length > 0 ? args[next++]
                : System.getenv().getOrDefault("FUZZ_DURATION", "10m"));
        List<Target> targets = new ArrayList<>();
        for (int i = next; i < args.length; i++) {
            targets.add(Target.parse(args[i]));
        }
        if (targets.isEmpty()) {
            targets.addAll(TARGETS);
        }
        int findings = 0;
        List<String> report = new ArrayList<>();
        for (Target target : targets) {
            if (merge) {
                merge(target);
            } else {
                Result result = fuzz(target, duration);
                findings += result.findings();
                report.add(result.line(target));
            }
        }
        if (!merge) {
            System.out.println();
            System.out.printf("Fuzzing (Jazzer %s, libFuzzer, coverage-guided), %s a target, on JDK %s%n",
                    jazzerVersion(targets.get(0)), format(duration), Runtime.version());
            System.out.printf("%-50s %12s %8s %8s %8s %14s %9s%n",
                    "target", "executions", "exec/s", "edges", "features", "corpus", "findings");
            report.forEach(System.out::println);
            System.out.println("edges, features: libFuzzer's cov and ft, of the instrumented code under test (dev.beamlink.**);"
                    + " corpus: inputs kept / their bytes; findings: inputs that failed the target (crash-* files).");
            if (findings > 0) {
                System.out.println("fuzz: FAILED, " + findings + " finding(s): see the logs under bench/target/fuzz/");
                System.exit(1);
            }
        }
    }

    /** What one fuzzing run gave. */
    record Result(long executions, long seconds, long edges, long features, long corpus, String corpusBytes, int findings) {

        String line(Target target) {
            return String.format("%-50s %,12d %,8d %,8d %,8d %8d/%-5s %9d", target.testClass() + "#" + target.method(),
                    executions, seconds == 0 ? 0 : executions / seconds, edges, features, corpus, corpusBytes, findings);
        }
    }

    private static Result fuzz(Target target, Duration duration) throws IOException, InterruptedException {
        Path log = Path.of("bench/target/fuzz", target.testClass() + "." + target.method() + ".log");
        Files.createDirectories(log.getParent());
        Set<String> crashesBefore = crashes(target);
        List<String> command = new ArrayList<>(javaCommand(target));
        command.addAll(List.of(
                "--target_class=" + target.testClass(),
                "--target_method=" + target.method(),
                "--instrumentation_includes=dev.beamlink.**",
                "--disabled_hooks=" + DISABLED_HOOKS,
                "-max_total_time=" + duration.toSeconds(),
                "-timeout=" + INPUT_TIMEOUT_SECONDS,
                "-max_len=" + MAX_INPUT_LENGTH,
                "-print_final_stats=1"));
        System.out.println("== fuzz " + target + " for " + format(duration) + " (log: " + log + ")");
        Process process = new ProcessBuilder(command).directory(Path.of(target.module()).toFile())
                .redirectErrorStream(true).start();
        long executions = 0;
        long seconds = 0;
        Matcher last = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter file = new PrintWriter(Files.newBufferedWriter(log))) {
            long nextShown = 0;
            for (String line; (line = out.readLine()) != null; ) {
                file.println(line);
                Matcher stats = STATS.matcher(line);
                if (stats.find() && stats.group(3) != null) {
                    last = stats;
                    long now = System.nanoTime();
                    if (now >= nextShown) { // a progress line a minute
                        System.out.println("   " + line);
                        nextShown = now + 60_000_000_000L;
                    }
                }
                Matcher done = DONE.matcher(line);
                if (done.find()) {
                    executions = Long.parseLong(done.group(1));
                    seconds = Long.parseLong(done.group(2));
                }
                if (line.startsWith("== Java Exception") || line.startsWith("==") && line.contains("ERROR: libFuzzer")) {
                    System.out.println("   " + line);
                }
            }
        }
        int exit = process.waitFor();
        keepFindings(target);
        Set<String> crashesAfter = crashes(target);
        crashesAfter.removeAll(crashesBefore);
        int findings = crashesAfter.size() + (exit != 0 && crashesAfter.isEmpty() ? 1 : 0);
        if (last == null) {
            if (findings == 0) {
                throw new IllegalStateException("no libFuzzer statistics in " + log + " (exit status " + exit + ")");
            }
            return new Result(executions, seconds, 0, 0, 0, "-", findings); // a finding while it read the corpus
        }
        if (executions == 0) {
            executions = Long.parseLong(last.group(1));
        }
        return new Result(executions, seconds, Long.parseLong(last.group(3)), Long.parseLong(last.group(4)),
                last.group(5) == null ? 0 : Long.parseLong(last.group(5)), last.group(6) == null ? "-" : last.group(6),
                findings);
    }

    /**
     * Folds the generated corpus into the one in the repository: libFuzzer's merge keeps, of both, the inputs that
     * reach edges no smaller input reaches (edges only, not hit counts: a corpus of a reasonable size); those the
     * repository lacks are added under their SHA-1, none is removed.
     */
    private static void merge(Target target) throws IOException, InterruptedException {
        Path merged = Files.createTempDirectory("fuzz-merge");
        List<String> command = new ArrayList<>(javaCommand(target));
        command.addAll(List.of("--target_class=" + target.testClass(), "--target_method=" + target.method(),
                "--instrumentation_includes=dev.beamlink.**", "--disabled_hooks=" + DISABLED_HOOKS,
                "-merge=1", "-use_counters=0", "-timeout=" + INPUT_TIMEOUT_SECONDS, merged.toString(),
                Path.of(target.module()).relativize(target.generated()).toString()));
        Path log = Path.of("bench/target/fuzz", target.testClass() + "." + target.method() + ".merge.log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).directory(Path.of(target.module()).toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("merge failed: see " + log);
        }
        Set<String> kept = new HashSet<>();
        try (Stream<Path> files = Files.list(target.inputs())) {
            for (Path file : files.toList()) {
                kept.add(sha1(Files.readAllBytes(file)));
            }
        }
        int added = 0;
        try (Stream<Path> files = Files.list(merged)) {
            for (Path file : files.toList()) {
                byte[] bytes = Files.readAllBytes(file);
                if (kept.add(sha1(bytes))) {
                    Files.write(target.inputs().resolve(sha1(bytes)), bytes);
                    added++;
                }
                Files.delete(file);
            }
        }
        Files.delete(merged);
        System.out.println("merge " + target + ": " + added + " inputs added to " + target.inputs() + " (" + kept.size()
                + " now; log: " + log + ")");
    }

    /** The JVM to run a target's fuzz test in: its module's test class path, the flags Jazzer's agent needs. */
    private static List<String> javaCommand(Target target) throws IOException {
        Path module = Path.of(target.module());
        Path classpathFile = module.resolve("target/test-classpath.txt");
        if (!Files.exists(classpathFile)) {
            throw new IllegalStateException(classpathFile + " is missing: build first (make build)");
        }
        String classpath = String.join(java.io.File.pathSeparator, "target/test-classes", "target/classes",
                Files.readString(classpathFile).strip());
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx2g", "-XX:+UseParallelGC",
                "-XX:+EnableDynamicAgentLoading", "-Xshare:off", "-XX:-OmitStackTraceInFastThrow"));
        if (Runtime.version().feature() >= 23) {
            command.addAll(List.of("--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"));
        }
        command.addAll(List.of("-cp", classpath, "com.code_intelligence.jazzer.Jazzer"));
        return command;
    }

    /**
     * Moves what Jazzer saved in the module's directory (where it puts a finding when the module has no
     * {@code src/test/resources}, as the node module) beside the corpus, where {@code make test} replays it.
     */
    private static void keepFindings(Target target) throws IOException {
        try (Stream<Path> files = Files.list(Path.of(target.module()))) {
            for (Path file : files.filter(p -> isFinding(p.getFileName().toString())).toList()) {
                Files.createDirectories(target.inputs());
                Files.move(file, target.inputs().resolve(file.getFileName()));
            }
        }
    }

    private static boolean isFinding(String name) {
        return name.startsWith("crash-") || name.startsWith("timeout-");
    }

    private static Set<String> crashes(Target target) throws IOException {
        Set<String> names = new HashSet<>();
        if (Files.isDirectory(target.inputs())) {
            try (Stream<Path> files = Files.list(target.inputs())) {
                files.map(p -> p.getFileName().toString()).filter(FuzzRun::isFinding).forEach(names::add);
            }
        }
        return names;
    }

    private static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@return the version of the Jazzer jar on a target's class path} */
    private static String jazzerVersion(Target target) throws IOException {
        Matcher m = Pattern.compile("jazzer-(\\d[\\w.]*)\\.jar").matcher(
                Files.readString(Path.of(target.module(), "target/test-classpath.txt")));
        return m.find() ? m.group(1) : "?";
    }

    public static Duration parseDuration(String text) {
        Matcher m = Pattern.compile("(\\d+)(s|m|h)").matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("duration " + text + " (expected: a number and s, m or h, as 90s, 10m, 1h)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    private static String format(Duration duration) {
        long s = duration.toSeconds();
        return s % 3600 == 0 ? s / 3600 + " h" : s % 60 == 0 ? s / 60 + " min" : s + " s";
    }
}
