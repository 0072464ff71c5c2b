package dev.beamlink.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The installations of this machine, found once per JVM: the host's, and the complete roots of
 * {@code test-erlang/otp-root} (a directory with a {@value #STAMP} file) in the roots directory: the system property
 * {@value #ROOTS_PROPERTY}, else the environment variable {@value #ROOTS_ENV} (which the script reads too), else
 * {@value #DEFAULT_ROOTS}.
 */
final class OtpInstallations {

    static final String ROOTS_PROPERTY = "beamlink.otp.roots";
    static final String ROOTS_ENV = "BEAMLINK_ROOT_CACHE";
    static final String DEFAULT_ROOTS = "/var/cache/beamlink/otp-roots";
    static final String STAMP = ".beamlink-root";

    private OtpInstallations() {
    }

    /** What was found, once per JVM (the holder idiom: made at first use, never changed). */
    private static final class Found {
        static final Path ROOTS_DIR = rootsDirectory();
        static final List<RootOtp> ROOTS = roots(ROOTS_DIR);
        static final HostLookup HOST = HostLookup.find();
    }

    /** The host's installation, or why there is none. */
    private record HostLookup(Optional<HostOtp> host, IllegalStateException missing) {
        static HostLookup find() {
            try {
                return new HostLookup(Optional.of(new HostOtp(ErlangTools.erl())), null);
            } catch (IllegalStateException missing) {
                return new HostLookup(Optional.empty(), missing);
            }
        }
    }

    static OtpInstallation host() {
        return Found.HOST.host().orElseThrow(() -> Found.HOST.missing());
    }

    static List<OtpInstallation> all() {
        List<OtpInstallation> all = new ArrayList<>();
        Found.HOST.host().ifPresent(all::add);
        all.addAll(Found.ROOTS);
        return List.copyOf(all);
    }

    static OtpInstallation find(OtpRelease release, boolean elixir) {
        for (OtpInstallation installation : all()) {
            if (release.acceptsRelease(installation.release()) && (!elixir || installation.elixirVersion().isPresent())) {
                return installation;
            }
        }
        List<String> found = new ArrayList<>(all().stream().map(OtpInstallation::toString).toList());
        if (Found.HOST.host().isEmpty()) {
            found.add(0, "no erl on the host (" + Found.HOST.missing().getMessage() + ")");
        }
        if (Found.ROOTS.isEmpty()) {
            found.add("no Debian root in " + Found.ROOTS_DIR);
        }
        throw new IllegalStateException("No Erlang/OTP installation here has " + release + (elixir ? " with Elixir" : "")
                + ". Found: " + String.join("; ", found) + ". OTP 27 and Elixir 1.18 come from a Debian trixie root:"
                + " build it with `make otp-root` (test-erlang/otp-root build, as root; half a minute, then cached), or"
                + " name the directory of roots with -D" + ROOTS_PROPERTY + " or " + ROOTS_ENV + ". For another release,"
                + " install that Erlang/OTP" + (elixir ? " and Elixir" : "") + " on the host and put its erl on PATH"
                + " (or name it with -Dbeamlink.erl).");
    }

    private static Path rootsDirectory() {
        String property = System.getProperty(ROOTS_PROPERTY, "");
        String environment = System.getenv().getOrDefault(ROOTS_ENV, "");
        return Path.of(!property.isBlank() ? property : !environment.isBlank() ? environment : DEFAULT_ROOTS);
    }

    private static List<RootOtp> roots(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            List<RootOtp> roots = new ArrayList<>();
            for (Path entry : entries.filter(e -> Files.isRegularFile(e.resolve(STAMP))).sorted().toList()) {
                roots.add(new RootOtp(entry.toRealPath(), readStamp(entry.resolve(STAMP))));
            }
            roots.sort(Comparator.comparingInt(RootOtp::release));
            return List.copyOf(roots);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the Debian roots in " + directory, e);
        }
    }

    /** {@return the {@code key=value} lines of a root's stamp} */
    private static Map<String, String> readStamp(Path stamp) throws IOException {
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(stamp)) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                values.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return values;
    }
}
