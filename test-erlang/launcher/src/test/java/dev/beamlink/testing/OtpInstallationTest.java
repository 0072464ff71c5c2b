package dev.beamlink.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The installations of this machine: the host's OTP 25, and OTP 27 with Elixir 1.18 in the trixie root (make otp-root). */
@Tag("interop")
class OtpInstallationTest {

    @Test
    void theHostHasOtp25AndTheRootOtp27WithElixir118() {
        assertEquals(25, OtpInstallation.host().release());
        assertEquals(OtpInstallation.host(), OtpInstallation.find(OtpRelease.exactly(25)));
        OtpInstallation otp27 = OtpInstallation.find(OtpRelease.exactly(27));
        assertEquals(27, otp27.release());
        assertTrue(otp27.elixirVersion().orElseThrow().startsWith("1.18."), otp27.toString());
        assertEquals(otp27, OtpInstallation.find(OtpRelease.atLeast(26)));
        assertEquals(otp27, OtpInstallation.findElixir(OtpRelease.atLeast(24)));
        assertEquals(OtpInstallation.host(), OtpInstallation.find(OtpRelease.atLeast(24)), "the host comes first");
        assertEquals(Optional.empty(), OtpInstallation.host().elixirVersion());
    }

    @Test
    void aReleaseNobodyHasFailsSayingHowToGetOne() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> OtpInstallation.find(OtpRelease.atLeast(28)));
        assertTrue(e.getMessage().contains("No Erlang/OTP installation here has OTP 28 or newer"), e.getMessage());
        assertTrue(e.getMessage().contains("the host's OTP 25"), e.getMessage());
        assertTrue(e.getMessage().contains("make otp-root"), e.getMessage());
        IllegalStateException elixir = assertThrows(IllegalStateException.class,
                () -> OtpInstallation.findElixir(OtpRelease.exactly(25)));
        assertTrue(elixir.getMessage().contains("has OTP 25 with Elixir"), elixir.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OtpRelease.exactly(17));
    }

    /** -Dbeamlink.otp names the release of the nodes whose tests name none: a suite runs again on another release. */
    @Test
    void theRunsReleaseIsTheOneTheSystemPropertyNamesElseTheHosts() {
        String before = System.getProperty(OtpRelease.RUN_PROPERTY);
        try {
            System.clearProperty(OtpRelease.RUN_PROPERTY);
            assertEquals(Optional.empty(), OtpRelease.ofRun());
            assertEquals(OtpInstallation.host(), OtpInstallation.ofRun());
            System.setProperty(OtpRelease.RUN_PROPERTY, "27");
            assertEquals(Optional.of(OtpRelease.exactly(27)), OtpRelease.ofRun());
            assertEquals(27, OtpInstallation.ofRun().release());
            System.setProperty(OtpRelease.RUN_PROPERTY, "26+");
            assertEquals(Optional.of(OtpRelease.atLeast(26)), OtpRelease.ofRun());
            System.setProperty(OtpRelease.RUN_PROPERTY, "twenty-seven");
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, OtpRelease::ofRun);
            assertEquals("-Dbeamlink.otp=twenty-seven (expected: a release such as 27, or 26+ for 26 or newer)",
                    bad.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty(OtpRelease.RUN_PROPERTY);
            } else {
                System.setProperty(OtpRelease.RUN_PROPERTY, before);
            }
        }
    }

    @Test
    void aRootSeesAHostFileThroughACopyInsideIt() throws Exception {
        OtpInstallation otp27 = OtpInstallation.find(OtpRelease.exactly(27));
        String seen = otp27.pathFor(Resources.file("erlang-samples/adder.erl"));
        assertTrue(seen.startsWith("/tmp/beamlink-" + ProcessHandle.current().pid() + "-"), seen);
        assertTrue(seen.endsWith("/adder.erl"), seen);
        String listed = OsProcess.run("ls in the root", otp27.command("erl", java.util.List.of("-noshell", "-eval",
                "{ok, B} = file:read_file(\"" + seen + "\"), io:put_chars(integer_to_list(byte_size(B))), halt().")),
                java.time.Duration.ofSeconds(30));
        assertEquals(java.nio.file.Files.size(Resources.file("erlang-samples/adder.erl")), Long.parseLong(listed.strip()));
    }
}
