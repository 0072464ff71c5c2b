package dev.beamlink.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Erlang modules of {@code test-erlang/src/main/erlang}, compiled once per JVM with {@code erlc}
 * into a temporary directory that every {@link ErlNode} puts on its code path.
 */
public final class ErlangModules {

    private static final String RESOURCE_DIR = "erlang";
    private static final Object LOCK = new Object();
    private static Path ebin;

    private ErlangModules() {
    }

    /** {@return the directory with the compiled {@code .beam} files, compiling them on first use} */
    public static Path ebin() {
        synchronized (LOCK) {
            if (ebin == null) {
                ebin = compile();
            }
            return ebin;
        }
    }

    /** {@return the directory with the Erlang sources, extracted from the class path} */
    public static Path sources() {
        return ebin().resolveSibling("src");
    }

    private static Path compile() {
        try {
            Path root = Files.createTempDirectory("beamlink-erlang-");
            Path src = Files.createDirectories(root.resolve("src"));
            Path out = Files.createDirectories(root.resolve("ebin"));
            List<Path> sources = extractSources(src);
            if (sources.isEmpty()) {
                throw new IllegalStateException("no Erlang sources under the class path resource /" + RESOURCE_DIR);
            }
            List<String> command = new ArrayList<>(List.of(ErlangTools.erlc().toString(), "-o", out.toString()));
            sources.forEach(s -> command.add(s.toString()));
            try (OsProcess erlc = OsProcess.start("erlc", new ProcessBuilder(command), null)) {
                Process process = erlc.process();
                if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    Thread.sleep(50);
                    throw new IllegalStateException("erlc failed: " + erlc.recentOutput());
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compile the test Erlang modules", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling the test Erlang modules", e);
        }
    }

    private static List<Path> extractSources(Path into) throws IOException {
        URL marker = ErlangModules.class.getResource("/" + RESOURCE_DIR + "/beamlink_ctl.erl");
        if (marker == null) {
            throw new IllegalStateException("the test-erlang resources are not on the class path");
        }
        List<Path> extracted = new ArrayList<>();
        try {
            if ("jar".equals(marker.getProtocol())) {
                // jar:file:/path/to.jar!/erlang/beamlink_ctl.erl: open the jar and list its erlang/ folder
                String jar = marker.toString().substring(0, marker.toString().indexOf("!/"));
                try (FileSystem zip = FileSystems.newFileSystem(URI.create(jar), Map.of())) {
                    copyErl(zip.getPath("/" + RESOURCE_DIR), into, extracted);
                }
            } else {
                copyErl(Path.of(marker.toURI()).getParent(), into, extracted);
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad resource location " + marker, e);
        }
        return extracted;
    }

    private static void copyErl(Path from, Path into, List<Path> extracted) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".erl")).sorted().toList()) {
                Path target = into.resolve(file.getFileName().toString());
                try (InputStream in = Files.newInputStream(file)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                extracted.add(target);
            }
        }
    }
}
