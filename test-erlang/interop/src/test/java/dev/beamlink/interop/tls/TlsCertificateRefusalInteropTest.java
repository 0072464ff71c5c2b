package dev.beamlink.interop.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.dist.tls.LogCapture;
import dev.beamlink.dist.transport.tls.TlsOptions;
import dev.beamlink.dist.transport.tls.TlsTransport;
import dev.beamlink.testing.ErlNode;
import dev.beamlink.testing.junit.BeamlinkTls;
import dev.beamlink.testing.junit.ErlangExtension;
import dev.beamlink.testing.junit.Nodes;
import dev.beamlink.testing.tls.TestPki;
import dev.beamlink.testing.tls.TlsKit;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Certificates that TLS refuses, each way, against live erl nodes ({@code -proto_dist inet_tls}, mutual TLS): a
 * certificate from a CA the other side does not trust, an expired one, and a server's for another host. Each refusal
 * leaves no connection on either side, and a log line that says why on the Java side (its own refusal, or the alert
 * erl sent); the server side does not check its client's host name, as in OTP.
 */
@Tag("interop")
@OwnDistribution
@ExtendWith(ErlangExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsCertificateRefusalInteropTest {

    private static final Duration LOG_WAIT = Duration.ofSeconds(10);

    private Nodes nodes;
    private Path directory;
    private TlsKit tls;
    private ErlNode erl;
    private ErlNode erlExpired;
    private ErlNode erlOtherHost;

    @BeforeAll
    void start(Nodes classNodes) {
        nodes = classNodes;
        tls = nodes.tls();
        directory = tls.directory();
        erl = TlsNodes.erl(nodes, "tls_good", tls.optFile());
        Instant now = Instant.now();
        erlExpired = TlsNodes.erl(nodes, "tls_expired", erlOptFile("expired",
                tls.ca().issue("erl expired", TlsKit.HOSTS, TestPki.KeyType.EC, now.minus(Duration.ofDays(30)),
                        now.minus(Duration.ofDays(1)))));
        erlOtherHost = TlsNodes.erl(nodes, "tls_otherhost", erlOptFile("otherhost",
                tls.ca().issue("erl other host", List.of("otherhost.example"))));
    }

    /** {@return an optfile for an erl node that presents {@code certificate} and trusts the kit's CA} */
    private Path erlOptFile(String name, TestPki.Issued certificate) {
        Path cert = certificate.writeChain(directory.resolve(name + ".pem"));
        Path key = certificate.writeKey(directory.resolve(name + ".key"));
        return TlsKit.writeOptFile(directory.resolve(name + ".conf"),
                TlsKit.erlOptions(cert, key, tls.caFile()) + ", {fail_if_no_peer_cert, true}",
                TlsKit.erlOptions(cert, key, tls.caFile()));
    }

    /** {@return a transport that presents {@code certificate} and trusts {@code caFile}, mutual TLS} */
    private TlsTransport javaPresenting(String name, TestPki.Issued certificate, Path caFile) {
        Path cert = certificate.writeChain(directory.resolve(name + ".pem"));
        Path key = certificate.writeKey(directory.resolve(name + ".key"));
        TlsOptions.Builder options = TlsOptions.builder().certFile(cert).keyFile(key).caCertFile(caFile)
                .verify(TlsOptions.Verify.PEER);
        return TlsTransport.builder().server(options.failIfNoPeerCert(true).build())
                .client(options.failIfNoPeerCert(false).build()).build();
    }

    /** Asserts that {@code java} and {@code erlNode} are not connected, on either side. */
    private static void assertNotConnected(DistributedNode java, ErlNode erlNode) {
        assertTrue(java.node().connectedNodes().isEmpty(), () -> "Java is connected to " + java.node().connectedNodes());
        assertEquals("false", erlNode.evalText("lists:member('" + java.name().text() + "', nodes(connected))."));
    }

    /** Java connects to erl, and erl to Java: both fail, and the Java side logs a line with {@code why} each time. */
    private static void assertRefusedBothWays(DistributedNode java, ErlNode erlNode, String... why) {
        try (LogCapture log = new LogCapture()) {
            assertFalse(java.ping(erlNode.nodeName()), "Java -> erl");
            assertNotNull(log.awaitLine(LOG_WAIT, why), () -> "no log line with " + List.of(why) + " in " + log.lines());
            assertNotConnected(java, erlNode);
        }
        try (LogCapture log = new LogCapture()) {
            assertEquals("pang", erlNode.evalText("net_adm:ping('" + java.name().text() + "')."), "erl -> Java");
            assertNotNull(log.awaitLine(LOG_WAIT, why), () -> "no log line with " + List.of(why) + " in " + log.lines());
            assertNotConnected(java, erlNode);
        }
    }

    // ---- a certificate from a CA the other side does not trust

    @Test
    void erlRefusesAJavaCertificateFromAnotherCaBothWays() {
        TestPki rogue = TestPki.root("rogue CA");
        TlsTransport transport = javaPresenting("rogue", rogue.issue("java rogue", TlsKit.HOSTS), tls.caFile());
        try (DistributedNode java = TlsNodes.java(nodes, "tls_rogue", transport)) {
            assertRefusedBothWays(java, erl, "TLS", "failed", "unknown_ca");
        }
    }

    @Test
    void javaRefusesAnErlCertificateFromAnotherCaBothWays() {
        Path rogueCa = TestPki.root("rogue CA").writeCertificate(directory.resolve("rogue-ca.pem"));
        TlsTransport transport = javaPresenting("trusting-rogue", tls.ca().issue("java", TlsKit.HOSTS), rogueCa);
        try (DistributedNode java = TlsNodes.java(nodes, "tls_distrust", transport)) {
            assertRefusedBothWays(java, erl, "TLS handshake with", "failed", "PKIX path building failed");
        }
    }

    // ---- an expired certificate

    @Test
    void erlRefusesAnExpiredJavaCertificateBothWays() {
        Instant now = Instant.now();
        TlsTransport transport = javaPresenting("java-expired", tls.ca().issue("java expired", TlsKit.HOSTS,
                TestPki.KeyType.EC, now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))), tls.caFile());
        try (DistributedNode java = TlsNodes.java(nodes, "tls_expired", transport)) {
            assertRefusedBothWays(java, erl, "TLS", "failed", "certificate_expired");
        }
    }

    @Test
    void javaRefusesAnExpiredErlCertificateBothWays() {
        try (DistributedNode java = TlsNodes.java(nodes, "tls_sees_expired", BeamlinkTls.transport(tls))) {
            assertRefusedBothWays(java, erlExpired, "TLS handshake with", "failed", "validity check failed");
        }
    }

    // ---- a server certificate for another host

    @Test
    void erlAsClientRefusesAJavaServerCertificateForAnotherHostButJavaAsClientIsNotCheckedByErl() {
        TlsTransport transport = javaPresenting("java-otherhost", tls.ca().issue("java other host",
                List.of("otherhost.example")), tls.caFile());
        try (DistributedNode java = TlsNodes.java(nodes, "tls_otherhost", transport);
             LogCapture log = new LogCapture()) {
            assertEquals("pang", erl.evalText("net_adm:ping('" + java.name().text() + "')."));
            assertNotNull(log.awaitLine(LOG_WAIT, "TLS", "failed"), () -> "no log line in " + log.lines());
            assertNotConnected(java, erl);
            assertTrue(java.ping(erl.nodeName()), "a server does not check its client's host name, as OTP's ssl");
        }
    }

    @Test
    void javaAsClientRefusesAnErlServerCertificateForAnotherHostUnlessTheCheckIsOff() {
        try (DistributedNode java = TlsNodes.java(nodes, "tls_checks_host", BeamlinkTls.transport(tls));
             LogCapture log = new LogCapture()) {
            assertFalse(java.ping(erlOtherHost.nodeName()));
            assertNotNull(log.awaitLine(LOG_WAIT, "TLS handshake with", "failed", "No subject alternative DNS name matching localhost"),
                    () -> "no log line in " + log.lines());
            assertNotConnected(java, erlOtherHost);
            assertEquals("pong", erlOtherHost.evalText("net_adm:ping('" + java.name().text() + "')."),
                    "a server does not check its client's host name, as OTP's ssl");
        }
        TlsTransport named = TlsTransport.builder().server(BeamlinkTls.options(tls).build())
                .client(BeamlinkTls.options(tls).serverNameIndication("otherhost.example").build()).build();
        try (DistributedNode java = TlsNodes.java(nodes, "tls_names_host", named)) {
            assertTrue(java.ping(erlOtherHost.nodeName()), "serverNameIndication names the host the certificate must have");
        }
        TlsTransport unchecked = TlsTransport.builder().server(BeamlinkTls.options(tls).build())
                .client(BeamlinkTls.options(tls).disableServerNameIndication().build()).build();
        try (DistributedNode java = TlsNodes.java(nodes, "tls_no_host_check", unchecked)) {
            assertTrue(java.ping(erlOtherHost.nodeName()), "no server name indication, no host name check, as OTP's disable");
        }
    }
}
