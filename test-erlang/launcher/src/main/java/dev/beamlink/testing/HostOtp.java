package dev.beamlink.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The host's Erlang/OTP: the tools {@link ErlangTools} finds, and {@code elixir} if it is on PATH. */
final class HostOtp implements OtpInstallation {

    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(60);

    private final Path erl;
    private final Optional<Path> elixir;
    private Workspace workspace;
    private int release;
    private Optional<String> elixirVersion;

    HostOtp(Path erl) {
        this.erl = erl;
        this.elixir = ErlangTools.onPath("elixir");
    }

    /** {@inheritDoc} Asked of {@code erl} itself, once. */
    @Override
    public synchronized int release() {
        if (release == 0) {
            String output = OsProcess.run("erl (its release)", command("erl", List.of("-noshell", "-eval",
                    "io:put_chars([\"OTP \", erlang:system_info(otp_release), 10]), halt().")), ASK_TIMEOUT);
            release = output.lines().filter(l -> l.matches("OTP [0-9]+")).mapToInt(l -> Integer.parseInt(l.substring(4)))
                    .findFirst().orElseThrow(() -> new IllegalStateException(erl + " did not tell its release: " + output));
        }
        return release;
    }

    /** {@inheritDoc} Asked of the {@code elixir} on PATH, once. */
    @Override
    public synchronized Optional<String> elixirVersion() {
        if (elixirVersion == null) {
            elixirVersion = elixir.map(path -> {
                String output = OsProcess.run("elixir --version", new ProcessBuilder(path.toString(), "--version"), ASK_TIMEOUT);
                return output.lines().filter(l -> l.startsWith("Elixir ")).map(l -> l.split(" ")[1]).findFirst()
                        .orElseThrow(() -> new IllegalStateException(path + " did not tell its version: " + output));
            });
        }
        return elixirVersion;
    }

    @Override
    public ProcessBuilder command(String tool, List<String> args) {
        Path executable = switch (tool) {
            case "erl" -> erl;
            case "elixir" -> elixir.orElseThrow(() -> new IllegalStateException("there is no elixir on PATH"));
            default -> ErlangTools.sibling(tool);
        };
        List<String> command = new ArrayList<>(args.size() + 1);
        command.add(executable.toString());
        command.addAll(args);
        return new ProcessBuilder(command);
    }

    @Override
    public String pathFor(Path file) {
        return file.toAbsolutePath().toString();
    }

    @Override
    public synchronized Path newDirectory(String name) {
        if (workspace == null) {
            workspace = Workspace.under(Path.of(System.getProperty("java.io.tmpdir")));
        }
        return workspace.newDirectory(name);
    }

    @Override
    public synchronized String toString() {
        return (release == 0 ? "the host's Erlang/OTP" : "the host's OTP " + release) + " (" + erl + ")";
    }
}
