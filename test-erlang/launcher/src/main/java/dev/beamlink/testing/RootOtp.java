package dev.beamlink.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Erlang/OTP (and Elixir) installed in a Debian root made by {@code test-erlang/otp-root}, run with {@code chroot}.
 *
 * <p>Each process runs in a private mount namespace with the root's {@code /proc} mounted, and nothing else: the mount
 * ends with the process, so the host never sees a mount under the root (see the script for why). Files the processes
 * read are copied into a workspace under the root's {@code /tmp}.
 */
final class RootOtp implements OtpInstallation {

    /** Mounts the root's /proc, then becomes the chroot'ed tool: the process started is the tool itself. */
    private static final String ENTER = "mount -t proc proc \"$0/proc\" && exec chroot \"$0\" \"$@\"";

    private final Path root;
    private final Map<String, String> stamp;
    private final int release;
    private Workspace workspace;

    /** @param stamp the root's {@code .beamlink-root}: {@code otp_release}, {@code elixir}, {@code suite} ... */
    RootOtp(Path root, Map<String, String> stamp) {
        this.root = root;
        this.stamp = Map.copyOf(stamp);
        this.release = Integer.parseInt(stamp.getOrDefault("otp_release", "0"));
    }

    /** {@return the root directory} */
    Path root() {
        return root;
    }

    @Override
    public int release() {
        return release;
    }

    @Override
    public Optional<String> elixirVersion() {
        return Optional.ofNullable(stamp.get("elixir"));
    }

    @Override
    public ProcessBuilder command(String tool, List<String> args) {
        if (!privileged()) {
            throw new IllegalStateException(this + " runs with chroot, which needs root privileges: run the tests as"
                    + " root (as `make test` does in CI)");
        }
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "--",
                "/bin/sh", "-c", ENTER, root.toString(), "/usr/bin/" + tool));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        // The root's C.UTF-8 locale: Elixir wants a UTF-8 one, and the host's locales need not exist in the root.
        builder.environment().put("LC_ALL", "C.UTF-8");
        return builder;
    }

    @Override
    public String pathFor(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path inside = absolute.startsWith(root) ? absolute : workspace().copy(absolute);
        return "/" + root.relativize(inside);
    }

    @Override
    public Path newDirectory(String name) {
        return workspace().newDirectory(name);
    }

    private synchronized Workspace workspace() {
        if (workspace == null) {
            workspace = Workspace.under(root.resolve("tmp"));
        }
        return workspace;
    }

    /** {@return whether this process runs with an effective user id of 0, which chroot and mount need} */
    private static boolean privileged() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Uid:"))
                    .map(l -> l.split("\\s+")[2]).anyMatch("0"::equals);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read this process's user id", e);
        }
    }

    @Override
    public String toString() {
        return "OTP " + release + elixirVersion().map(v -> " with Elixir " + v).orElse("") + " (Debian "
                + stamp.getOrDefault("suite", "") + " root " + root + ")";
    }
}
