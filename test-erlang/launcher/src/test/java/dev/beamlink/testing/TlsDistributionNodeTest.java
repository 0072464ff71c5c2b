package dev.beamlink.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.testing.tls.TlsKit;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes whose distribution runs over TLS ({@link ErlNode.Builder#tlsDistribution}), with the certificates of a
 * {@link TlsKit} made in a host directory: an OTP 25 node of the host and an OTP 27 node of the trixie root (which reads
 * copies of the files, named by a copy of the optfile) connect to each other over mutual TLS; a plain node cannot.
 */
@Tag("interop")
class TlsDistributionNodeTest {

    @Test
    void anOtp25AndAnOtp27NodeConnectOverTlsWithTheKitsCertificates(@TempDir Path directory) throws Exception {
        TlsKit tls = TlsKit.create(directory);
        OtpInstallation otp27 = OtpInstallation.find(OtpRelease.exactly(27));
        try (Epmd epmd = Epmd.start(OtpInstallation.host());
             ErlNode tls25 = ErlNode.builder().name("tls25").installation(OtpInstallation.host()).epmd(epmd)
                     .tlsDistribution(tls.optFile()).start();
             ErlNode tls27 = ErlNode.builder().name("tls27").installation(otp27).epmd(epmd)
                     .tlsDistribution(tls.optFile()).start();
             ErlNode plain = ErlNode.builder().name("plain").installation(OtpInstallation.host()).epmd(epmd).start()) {
            assertEquals("pong", tls25.evalText("net_adm:ping('" + tls27.nodeName() + "')."));
            assertEquals("{ok,[[\"inet_tls\"]]}", tls27.evalText("init:get_argument(proto_dist)."));
            assertTrue(tls27.evalText("[N || {N, _} <- erlang:system_info(dist_ctrl)].").contains(tls25.nodeName()),
                    "OTP 27 reads its certificates from the copies in its root");
            assertEquals("pang", plain.evalText("net_adm:ping('" + tls25.nodeName() + "')."), "plain TCP meets TLS");
            assertEquals(tls.optFile().toString(), SslDistOptFiles.pathFor(tls.optFile(), OtpInstallation.host()),
                    "the host reads the optfile as it is");
            String seen = SslDistOptFiles.pathFor(tls.optFile(), otp27);
            assertTrue(seen.startsWith("/tmp/beamlink-"), seen);
            assertTrue(!Files.readString(tls.optFile()).contains("\"/tmp/beamlink-"), "the kit's own optfile is left alone");
        }
    }
}
