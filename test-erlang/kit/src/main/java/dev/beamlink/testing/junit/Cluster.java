package dev.beamlink.testing.junit;

import dev.beamlink.testing.Distribution;
import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.OtpInstallation;
import dev.beamlink.testing.OtpRelease;
import dev.beamlink.testing.tls.TlsKit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the nodes of one test class share: its own epmd (started at the first node, stopped after the class), its
 * cookie (made at random, so that no other class's node connects by accident), its release ({@link Otp}, else the run's:
 * {@code -Dbeamlink.otp}), its distribution (the run's: {@code -Dbeamlink.dist}), and its TLS certificates (made at
 * first use, removed after the class).
 */
final class Cluster implements AutoCloseable {

    private final String cookie;
    private final Optional<OtpRelease> release;
    private final Distribution distribution;
    private Epmd epmd;
    private TlsKit tls;

    Cluster(Class<?> testClass) {
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        this.cookie = "kit-" + HexFormat.of().formatHex(random);
        this.release = Optional.ofNullable(testClass.getAnnotation(Otp.class)).map(otp -> {
            if ((otp.value() == 0) == (otp.min() == 0)) {
                throw new IllegalStateException("@Otp on " + testClass.getName() + ": say either the release or min");
            }
            return otp.value() != 0 ? OtpRelease.exactly(otp.value()) : OtpRelease.atLeast(otp.min());
        }).or(OtpRelease::ofRun);
        this.distribution = Distribution.ofRun();
    }

    String cookie() {
        return cookie;
    }

    /** {@return the class's release, if it or the run states one} */
    Optional<OtpRelease> release() {
        return release;
    }

    /** {@return the installation of the class's release, else the host's} */
    OtpInstallation installation() {
        return release.map(OtpInstallation::find).orElseGet(OtpInstallation::host);
    }

    Distribution distribution() {
        return distribution;
    }

    /** {@return the class's epmd, of the class's installation, started at the first call} */
    synchronized Epmd epmd() {
        if (epmd == null) {
            epmd = Epmd.start(installation());
        }
        return epmd;
    }

    /** {@return the class's TLS certificates and optfile, made at the first call} */
    synchronized TlsKit tls() {
        if (tls == null) {
            try {
                tls = TlsKit.create(Files.createTempDirectory("beamlink-kit-tls-"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make a directory for the TLS certificates", e);
            }
        }
        return tls;
    }

    @Override
    public synchronized void close() {
        try {
            if (epmd != null) {
                epmd.close();
            }
        } finally {
            if (tls != null) {
                delete(tls.directory());
            }
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the TLS certificates in " + directory, e);
        }
    }
}
