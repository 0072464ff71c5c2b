package dev.beamlink.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An Erlang/OTP installation that tests start epmd, erl and Elixir nodes from: the host's own (the {@code erl} on
 * {@code PATH}, OTP 25 on Debian bookworm), or one in a Debian root run with {@code chroot} (OTP 27 and Elixir 1.18
 * from trixie, made by {@code test-erlang/otp-root}). Both share the host's loopback network.
 *
 * <p>Files an installation's processes read (modules, sources, option files) must be where they can see them:
 * {@link #pathFor(Path)} gives the path they know a host file by, copying it into the root first when it lies outside.
 */
public sealed interface OtpInstallation permits HostOtp, RootOtp {

    /** {@return the host's installation} @throws IllegalStateException if the host has no {@code erl}, saying how to install it */
    static OtpInstallation host() {
        return OtpInstallations.host();
    }

    /**
     * {@return the installation of nodes that name none: the one with the release the run names
     * ({@link OtpRelease#ofRun()}, {@code -Dbeamlink.otp=27}), else the host's}
     *
     * @throws IllegalStateException if there is no such installation, saying how to get it
     */
    static OtpInstallation ofRun() {
        return OtpRelease.ofRun().map(OtpInstallation::find).orElseGet(OtpInstallation::host);
    }

    /**
     * {@return the first installation that has {@code release}: the host's, then the roots, oldest release first}
     *
     * @throws IllegalStateException if none has it, listing what there is and saying how to get it
     */
    static OtpInstallation find(OtpRelease release) {
        return OtpInstallations.find(release, false);
    }

    /**
     * {@return the first installation with Elixir that has {@code release} (the trixie root: Elixir 1.18 on OTP 27)}
     *
     * @throws IllegalStateException if none has it, saying how to get it
     */
    static OtpInstallation findElixir(OtpRelease release) {
        return OtpInstallations.find(release, true);
    }

    /** {@return every installation found here: the host's (if it has {@code erl}), then the roots} */
    static List<OtpInstallation> all() {
        return OtpInstallations.all();
    }

    /** {@return the OTP major release, 25 for OTP 25.3} */
    int release();

    /** {@return the Elixir version, such as {@code 1.18.3}, if this installation has Elixir} */
    Optional<String> elixirVersion();

    /**
     * {@return a process builder for {@code tool} ({@code erl}, {@code erlc}, {@code epmd}, {@code elixir}) of this
     * installation with {@code args}, with the environment it needs}
     *
     * @throws IllegalStateException if this installation cannot run here (a root needs root privileges for chroot)
     */
    ProcessBuilder command(String tool, List<String> args);

    /** {@return the path this installation's processes know {@code file} (a file or directory) by; a root gets a copy of a file outside it} */
    String pathFor(Path file);

    /** {@return a new, empty directory this installation's processes can read and write (a host path)} */
    Path newDirectory(String name);
}
