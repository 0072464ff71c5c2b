package dev.beamlink.testing.junit;

import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.OtpInstallation;
import dev.beamlink.testing.OtpRelease;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What the nodes of one test class share: its own epmd (started at the first node, stopped after the class), its
 * cookie (made at random, so that no other class's node connects by accident), and its {@link Otp} release.
 */
final class Cluster implements AutoCloseable {

    private final String cookie;
    private final Optional<OtpRelease> release;
    private Epmd epmd;

    Cluster(Class<?> testClass) {
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        this.cookie = "kit-" + HexFormat.of().formatHex(random);
        this.release = Optional.ofNullable(testClass.getAnnotation(Otp.class)).map(otp -> {
            if ((otp.value() == 0) == (otp.min() == 0)) {
                throw new IllegalStateException("@Otp on " + testClass.getName() + ": say either the release or min");
            }
            return otp.value() != 0 ? OtpRelease.exactly(otp.value()) : OtpRelease.atLeast(otp.min());
        });
    }

    String cookie() {
        return cookie;
    }

    /** {@return the class's release, if it states one} */
    Optional<OtpRelease> release() {
        return release;
    }

    /** {@return the class's epmd, of the class's release (else the host's), started at the first call} */
    synchronized Epmd epmd() {
        if (epmd == null) {
            epmd = Epmd.start(release.map(OtpInstallation::find).orElseGet(OtpInstallation::host));
        }
        return epmd;
    }

    @Override
    public synchronized void close() {
        if (epmd != null) {
            epmd.close();
        }
    }
}
