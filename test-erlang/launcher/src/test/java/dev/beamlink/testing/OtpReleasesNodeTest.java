package dev.beamlink.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** OTP 27 nodes from the trixie root beside OTP 25 nodes from the host: they start, load modules and talk. */
@Tag("interop")
class OtpReleasesNodeTest {

    private static final OtpInstallation OTP_27 = OtpInstallation.find(OtpRelease.exactly(27));

    @Test
    void anOtp27NodeAndAnOtp25NodePingEachOtherThroughTheRootsEpmd() {
        try (Epmd epmd = Epmd.start(OTP_27);
             ErlNode otp27 = ErlNode.builder().name("otp27").installation(OTP_27).epmd(epmd).start();
             ErlNode otp25 = ErlNode.builder().name("otp25").installation(OtpInstallation.host()).epmd(epmd).start()) {
            assertEquals("\"27\"", otp27.evalText("erlang:system_info(otp_release)."));
            assertEquals("\"25\"", otp25.evalText("erlang:system_info(otp_release)."));
            assertEquals("pong", otp25.evalText("net_adm:ping('" + otp27.nodeName() + "')."));
            otp27.eval("register(box, self()).");
            otp25.eval("{box, '" + otp27.nodeName() + "'} ! {hello, self()}.");
            assertEquals("{hello,true}", otp27.evalText("receive {hello, P} -> {hello, is_pid(P)} after 5000 -> timeout end."));
            assertTrue(epmd.names().contains(otp27.nodeName().substring(0, otp27.nodeName().indexOf('@'))), epmd.names());
        }
    }

    @Test
    void sourcesLoadOnEitherReleaseAndCompilerErrorsComeBackReadable() {
        try (Epmd epmd = Epmd.start(OtpInstallation.host());
             ErlNode otp27 = ErlNode.builder().name("load27").installation(OTP_27).epmd(epmd).start();
             ErlNode otp25 = ErlNode.builder().name("load25").installation(OtpInstallation.host()).epmd(epmd).start()) {
            for (ErlNode node : List.of(otp25, otp27)) {
                assertEquals(List.of("adder"), node.load(Resources.file("erlang-samples/adder.erl")));
                assertEquals("42", node.evalText("adder:add(40, 2)."));
                assertEquals(List.of("adder"), node.load(Resources.file("erlang-samples/adder.erl")), "loads again");
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> node.load(Resources.file("erlang-samples/broken.erl")));
                assertTrue(e.getMessage().contains("broken.erl:{6,4}: syntax error before: '->'")
                        || e.getMessage().contains("broken.erl:6: syntax error before: '->'"), e.getMessage());
            }
            assertEquals("\"27\"", otp27.evalText("adder:release()."));
        }
    }
}
