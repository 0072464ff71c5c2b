package dev.beamlink.testing;

import java.util.Optional;

/**
 * The Erlang/OTP release a node needs: one major release exactly ({@code exactly(27)}), or one at least as new
 * ({@code atLeast(26)}). {@link OtpInstallation#find(OtpRelease)} picks the installation that has it.
 *
 * <p>A run may name the release of the nodes whose tests name none with the system property {@value #RUN_PROPERTY}
 * ({@code -Dbeamlink.otp=27}, or {@code 26+} for at least 26): {@link #ofRun()}; the launcher's defaults and the test
 * kit's classes without {@code @Otp} follow it, so that a whole suite runs again on another release.
 *
 * @param major   the OTP major release, 21 or newer
 * @param orNewer whether a newer release will do
 */
public record OtpRelease(int major, boolean orNewer) {

    /** The oldest release this launcher drives ({@code erlang:halt/2} with options, {@code binary:encode_hex/1}: OTP 24). */
    private static final int OLDEST = 24;

    /** Any release this launcher drives. */
    public static final OtpRelease ANY = atLeast(OLDEST);

    /** The system property that names the release of a run's nodes: {@code 27}, or {@code 26+}. */
    public static final String RUN_PROPERTY = "beamlink.otp";

    public OtpRelease {
        if (major < OLDEST) {
            throw new IllegalArgumentException("OTP release: " + major + " (expected: >= " + OLDEST + ")");
        }
    }

    /** {@return the requirement of OTP {@code major} itself} */
    public static OtpRelease exactly(int major) {
        return new OtpRelease(major, false);
    }

    /** {@return the requirement of OTP {@code major} or newer} */
    public static OtpRelease atLeast(int major) {
        return new OtpRelease(major, true);
    }

    /**
     * {@return the release the run names with {@value #RUN_PROPERTY}, if it names one}
     *
     * @throws IllegalArgumentException if the property is not a release ({@code 27}) or a lower bound ({@code 26+})
     */
    public static Optional<OtpRelease> ofRun() {
        String value = System.getProperty(RUN_PROPERTY, "").strip();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!value.matches("[0-9]{1,4}\\+?")) {
            throw new IllegalArgumentException("-D" + RUN_PROPERTY + "=" + value + " (expected: a release such as 27, or"
                    + " 26+ for 26 or newer)");
        }
        boolean orNewer = value.endsWith("+");
        return Optional.of(new OtpRelease(Integer.parseInt(orNewer ? value.substring(0, value.length() - 1) : value),
                orNewer));
    }

    /** {@return whether OTP {@code release} meets this requirement} */
    public boolean acceptsRelease(int release) {
        return orNewer ? release >= major : release == major;
    }

    /** {@return "OTP 27" or "OTP 26 or newer"} */
    @Override
    public String toString() {
        return "OTP " + major + (orNewer ? " or newer" : "");
    }
}
