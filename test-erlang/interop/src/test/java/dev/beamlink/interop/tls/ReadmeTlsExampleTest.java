package dev.beamlink.interop.tls;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.dist.transport.tls.TlsOptions;
import dev.beamlink.dist.transport.tls.TlsTransport;
import dev.beamlink.etf.Atom;
import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.ErlNode;
import dev.beamlink.testing.tls.TestPki;
import dev.beamlink.testing.tls.TlsKit;
import java.net.InetAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Joining a TLS cluster", as printed there but for the directory (a temporary one), the node names and
 * the test EPMD: an erl with the README's optfile, a Java node with the README's options. If this stops compiling or
 * passing, fix the README too.
 */
@Tag("interop")
@OwnDistribution
class ReadmeTlsExampleTest {

    @Test
    void theReadmesOptfileAndBuilderMakeAConnection(@TempDir Path directory) throws Exception {
        TestPki ca = TestPki.root("README CA");
        ca.writeCertificate(directory.resolve("ca.pem"));
        TestPki.Issued erlCertificate = ca.issue("erl", TlsKit.HOSTS);
        Path erlPem = erlCertificate.writeChain(directory.resolve("erl-node.pem"));
        Path erlKey = erlCertificate.writeKey(directory.resolve("erl-node.key"));
        TestPki.Issued javaCertificate = ca.issue("java", TlsKit.HOSTS);
        javaCertificate.writeChain(directory.resolve("node.pem"));
        javaCertificate.writeKey(directory.resolve("node.key"), TestPki.KeyFormat.TRADITIONAL, null);
        Path optFile = TlsKit.writeOptFile(directory.resolve("ssl_dist.conf"),
                "{certfile, " + TlsKit.string(erlPem) + "}, {keyfile, " + TlsKit.string(erlKey) + "}, {cacertfile, "
                        + TlsKit.string(directory.resolve("ca.pem")) + "}, {verify, verify_peer}, {fail_if_no_peer_cert, true}",
                "{certfile, " + TlsKit.string(erlPem) + "}, {keyfile, " + TlsKit.string(erlKey) + "}, {cacertfile, "
                        + TlsKit.string(directory.resolve("ca.pem")) + "}, {verify, verify_peer}");
        try (Epmd epmd = Epmd.start();
             ErlNode erl = ErlNode.builder().name("erl").cookie("secret").epmd(epmd).tlsDistribution(optFile).start()) {
            boolean pong;
            // --- README: Joining a TLS cluster (dir, the names and the EPMD are the test's) ---
            Path dir = directory;
            TlsOptions.Builder options = TlsOptions.builder()
                    .certFile(dir.resolve("node.pem"))              // {certfile, F}: the node's certificate, then its chain
                    .keyFile(dir.resolve("node.key"))               // {keyfile, F}: PKCS#8, PKCS#1 (RSA) or SEC1 (EC) PEM
                    .caCertFile(dir.resolve("ca.pem"))              // {cacertfile, F}
                    .verify(TlsOptions.Verify.PEER);                // {verify, verify_peer}
            TlsOptions client = options.build();                    // {client, [...]}
            TlsOptions server = options.failIfNoPeerCert(true).build();  // {server, [..., {fail_if_no_peer_cert, true}]}
            TlsTransport tls = TlsTransport.builder().server(server).client(client).build();
            try (DistributedNode java = DistributedNode.builder("java_readme_" + ProcessHandle.current().pid() + "@localhost")
                    .cookie("secret").transport(tls).epmdPort(epmd.port()).listenAddress(InetAddress.getLoopbackAddress())
                    .start()) {
                pong = java.ping(Atom.of(erl.nodeName()));          // net_adm:ping over TLS, with mutual certificates
            }
            // --- end ---
            assertTrue(pong);
        }
    }
}
