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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The Erlang modules of {@code test-erlang/src/main/erlang} ({@code beamlink_ctl}, which drives every node, and the
 * helpers of the project's own tests), compiled once per JVM and installation with that installation's {@code erlc},
 * into a directory that every {@link ErlNode} of the installation has on its code path.
 */
public final class ErlangModules {

    private static final String RESOURCE_DIR = "erlang";
    private static final Duration COMPILE_TIMEOUT = Duration.ofSeconds(120);
    /** The compiled modules of each installation: a cache filled once per installation. */
    private static final Map<OtpInstallation, Path> COMPILED = new ConcurrentHashMap<>();

    private ErlangModules() {
    }

    /** {@return the directory with the host's compiled {@code .beam} files, compiling them on first use} */
    public static Path ebin() {
        return ebin(OtpInstallation.host());
    }

    /** {@return the directory (a host path) with the {@code .beam} files compiled by {@code installation}, compiling them on first use} */
    public static Path ebin(OtpInstallation installation) {
        return COMPILED.computeIfAbsent(installation, ErlangModules::compile);
    }

    private static Path compile(OtpInstallation installation) {
        Path root = installation.newDirectory("erlang");
        try {
            Path src = Files.createDirectories(root.resolve("src"));
            Path out = Files.createDirectories(root.resolve("ebin"));
            List<Path> sources = extractSources(src);
            if (sources.isEmpty()) {
                throw new IllegalStateException("no Erlang sources under the class path resource /" + RESOURCE_DIR);
            }
            List<String> args = new ArrayList<>(List.of("-o", installation.pathFor(out)));
            sources.forEach(s -> args.add(installation.pathFor(s)));
            OsProcess.run("erlc of " + installation, installation.command("erlc", args), COMPILE_TIMEOUT);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compile the test Erlang modules", e);
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
                // jar:file:/path/to.jar!/erlang/beamlink_ctl.erl: open the jar (a file system of this call's own, as
                // several installations may extract at once) and list its erlang/ folder
                String jar = marker.toString().substring("jar:".length(), marker.toString().indexOf("!/"));
                try (FileSystem zip = FileSystems.newFileSystem(Path.of(URI.create(jar)))) {
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
