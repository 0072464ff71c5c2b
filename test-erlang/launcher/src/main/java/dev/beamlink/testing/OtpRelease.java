package dev.beamlink.testing;

/**
 * The Erlang/OTP release a node needs: one major release exactly ({@code exactly(27)}), or one at least as new
 * ({@code atLeast(26)}). {@link OtpInstallation#find(OtpRelease)} picks the installation that has it.
 *
 * @param major   the OTP major release, 21 or newer
 * @param orNewer whether a newer release will do
 */
public record OtpRelease(int major, boolean orNewer) {

    /** The oldest release this launcher drives ({@code erlang:halt/2} with options, {@code binary:encode_hex/1}: OTP 24). */
    private static final int OLDEST = 24;

    /** Any release this launcher drives. */
    public static final OtpRelease ANY = atLeast(OLDEST);

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
