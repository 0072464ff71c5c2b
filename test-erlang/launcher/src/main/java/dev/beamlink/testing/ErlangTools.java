package dev.beamlink.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the Erlang/OTP executables ({@code erl}, {@code erlc}, {@code epmd}) that interop tests run.
 *
 * <p>The system property {@code beamlink.erl} may name the {@code erl} executable; otherwise each tool
 * is looked up on {@code PATH}. A missing tool is an error that says how to install it: interop tests
 * never skip themselves, because a skipped interop test would pass in CI without proving anything.
 */
public final class ErlangTools {

    private ErlangTools() {
    }

    /** {@return the {@code erl} executable} @throws IllegalStateException if there is none */
    public static Path erl() {
        String configured = System.getProperty("beamlink.erl", "");
        if (!configured.isBlank()) {
            Path path = Path.of(configured);
            if (Files.isExecutable(path)) {
                return path;
            }
            throw missing("erl", "the system property beamlink.erl names " + configured + ", which is not executable");
        }
        return find("erl");
    }

    /** {@return the {@code erlc} executable, next to {@code erl} or on PATH} */
    public static Path erlc() {
        return sibling("erlc");
    }

    /** {@return the {@code epmd} executable, next to {@code erl} or on PATH} */
    public static Path epmd() {
        return sibling("epmd");
    }

    /** {@return the executable {@code tool} next to {@code erl}, else on PATH} */
    static Path sibling(String tool) {
        Path next = erl().resolveSibling(tool);
        return Files.isExecutable(next) ? next : find(tool);
    }

    private static Path find(String tool) {
        return onPath(tool).orElseThrow(() -> missing(tool, "it is not on PATH (" + System.getenv("PATH") + ")"));
    }

    /** {@return the executable {@code tool} on PATH, if there is one} */
    static Optional<Path> onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, tool);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static IllegalStateException missing(String tool, String why) {
        return new IllegalStateException("Erlang/OTP's " + tool + " is needed by the interop tests, but " + why
                + ". Run `make test`, which installs Erlang/OTP from Debian's packages "
                + "(erlang-base erlang-dev erlang-eunit erlang-jinterface), or install them yourself.");
    }
}
