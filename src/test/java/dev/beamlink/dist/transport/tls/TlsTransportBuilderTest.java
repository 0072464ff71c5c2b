package dev.beamlink.dist.transport.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.transport.tls.TlsOptions.Verify;
import dev.beamlink.testing.tls.TestPki;
import dev.beamlink.testing.tls.TlsKit;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** What the builders refuse, each with a message that says what and why; files are read when the transport is built. */
class TlsTransportBuilderTest {

    @TempDir
    Path directory;
    private TlsKit tls;

    @BeforeEach
    void makeFiles() {
        tls = TlsKit.create(directory);
    }

    private static String refused(Executable executable) {
        return assertThrows(IllegalArgumentException.class, executable).getMessage();
    }

    @Test
    void bothSidesAreRequired() {
        TlsOptions options = JavaTls.options(tls).build();
        assertEquals("server options are missing (set them with server(...))",
                refused(() -> TlsTransport.builder().client(options).build()));
        assertEquals("client options are missing (set them with client(...))",
                refused(() -> TlsTransport.builder().server(options).build()));
    }

    @Test
    void aServerMustPresentACertificate() {
        TlsOptions noCertificate = TlsOptions.builder().caCertFile(tls.caFile()).build();
        assertEquals("server options: no certificate (expected: certFile and keyFile, or keyStore): a TLS server must"
                        + " present one",
                refused(() -> TlsTransport.builder().server(noCertificate).client(noCertificate).build()));
    }

    @Test
    void verifyPeerNeedsTrustedCertificatesAndIsTheClientsDefault() {
        TlsOptions noCa = TlsOptions.builder().certFile(directory.resolve("java.pem")).keyFile(directory.resolve("java.key"))
                .build();
        assertEquals("client options: verify PEER needs the certificates trusted (caCertFile or trustStore), or verify NONE",
                refused(() -> TlsTransport.builder().server(noCa).client(noCa).build()));
        TlsOptions peer = TlsOptions.builder().certFile(directory.resolve("java.pem")).keyFile(directory.resolve("java.key"))
                .verify(Verify.PEER).build();
        assertEquals("server options: verify PEER needs the certificates trusted (caCertFile or trustStore), or verify NONE",
                refused(() -> TlsTransport.builder().server(peer).client(JavaTls.options(tls).build()).build()));
        TlsTransport.builder().server(noCa).client(TlsOptions.builder().verify(Verify.NONE).build()).build();
    }

    @Test
    void serverOptionsAndClientOptionsStayOnTheirSide() {
        TlsOptions failIfNone = JavaTls.options(tls).failIfNoPeerCert(true).build();
        assertEquals("client options: failIfNoPeerCert is a server option",
                refused(() -> TlsTransport.builder().server(failIfNone).client(failIfNone).build()));
        TlsOptions named = JavaTls.options(tls).serverNameIndication("node.example").build();
        assertEquals("server options: serverNameIndication is a client option",
                refused(() -> TlsTransport.builder().server(named).client(named).build()));
        TlsOptions noVerify = TlsOptions.builder().certFile(directory.resolve("java.pem"))
                .keyFile(directory.resolve("java.key")).failIfNoPeerCert(true).build();
        assertEquals("server options: failIfNoPeerCert without verify PEER (the server's default is NONE, which asks the"
                        + " client for no certificate)",
                refused(() -> TlsTransport.builder().server(noVerify).client(JavaTls.options(tls).build()).build()));
    }

    @Test
    void optionsThatContradictEachOtherAreRefusedWhenBuilt() {
        Path pem = directory.resolve("java.pem");
        assertEquals("keyFile " + pem + " without a certFile (expected: both)",
                refused(() -> TlsOptions.builder().keyFile(pem).build()));
        assertEquals("certFile " + pem + " and keyStore " + pem + " (expected: one of them)",
                refused(() -> TlsOptions.builder().certFile(pem).keyStore(pem, new char[0]).build()));
        assertEquals("caCertFile " + pem + " and trustStore " + pem + " (expected: one of them)",
                refused(() -> TlsOptions.builder().caCertFile(pem).trustStore(pem, new char[0]).build()));
        assertEquals("failIfNoPeerCert with verify NONE (expected: verify PEER, which asks the client for a certificate)",
                refused(() -> TlsOptions.builder().verify(Verify.NONE).failIfNoPeerCert(true).build()));
        assertEquals("password without a certFile and keyFile (it decrypts the keyFile)",
                refused(() -> TlsOptions.builder().password("x".toCharArray()).build()));
        assertEquals("versions: [TLSv1.1, SSLv3] (expected: some of [TLSv1.3, TLSv1.2])",
                refused(() -> TlsOptions.builder().versions("TLSv1.2", "TLSv1.1", "SSLv3")));
        assertEquals("versions: none (expected: some of [TLSv1.3, TLSv1.2])", refused(() -> TlsOptions.builder().versions()));
        assertEquals("serverNameIndication: an empty name (expected: a host name)",
                refused(() -> TlsOptions.builder().serverNameIndication("")));
    }

    @Test
    void cipherSuitesMustBeTheJdksAndFitTheVersions() {
        TlsOptions unknown = JavaTls.options(tls).ciphers("TLS_AES_128_GCM_SHA256", "TLS_NO_SUCH_SUITE").build();
        assertEquals("client options: ciphers [TLS_NO_SUCH_SUITE] are not supported by this JDK"
                        + " (SSLContext.getSupportedSSLParameters().getCipherSuites() lists those that are)",
                refused(() -> TlsTransport.builder().server(JavaTls.options(tls).build()).client(unknown).build()));
        TlsOptions mismatch = JavaTls.options(tls).versions("TLSv1.3").ciphers("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256").build();
        assertEquals("server options: ciphers [TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256] have none for the versions [TLSv1.3]",
                refused(() -> TlsTransport.builder().server(mismatch).client(JavaTls.options(tls).build()).build()));
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefused() {
        Path otherKey = tls.ca().issue("other", TlsKit.HOSTS).writeKey(directory.resolve("other.key"));
        Path cert = directory.resolve("java.pem");
        TlsOptions wrong = TlsOptions.builder().certFile(cert).keyFile(otherKey).caCertFile(tls.caFile()).build();
        assertEquals("server options: keyFile " + otherKey + " and certFile " + cert + ": the private key is not the"
                        + " certificate's (a EC key, a certificate for a EC key)",
                refused(() -> TlsTransport.builder().server(wrong).client(JavaTls.options(tls).build()).build()));
        Path rsaKey = tls.ca().issue("rsa", TlsKit.HOSTS, TestPki.KeyType.RSA, Instant.now(), Instant.now().plusSeconds(3600))
                .writeKey(directory.resolve("rsa.key"));
        TlsOptions otherAlgorithm = TlsOptions.builder().certFile(cert).keyFile(rsaKey).caCertFile(tls.caFile()).build();
        assertTrue(refused(() -> TlsTransport.builder().server(otherAlgorithm).client(JavaTls.options(tls).build()).build())
                .endsWith("the private key is not the certificate's (a RSA key, a certificate for a EC key)"));
    }

    @Test
    void keyStoresThatCannotBeReadOrHoldNoKeyAreRefused() {
        char[] password = "store".toCharArray();
        Path trustOnly = TestPki.writeTrustStore(directory.resolve("trust.p12"), password, tls.ca().certificate());
        TlsOptions noKey = TlsOptions.builder().keyStore(trustOnly, password).caCertFile(tls.caFile()).build();
        assertEquals("server options keyStore " + trustOnly + ": no private key entry",
                refused(() -> TlsTransport.builder().server(noKey).client(JavaTls.options(tls).build()).build()));
        TlsOptions wrongPassword = TlsOptions.builder().keyStore(trustOnly, "nope".toCharArray()).caCertFile(tls.caFile())
                .build();
        assertTrue(refused(() -> TlsTransport.builder().server(wrongPassword).client(JavaTls.options(tls).build()).build())
                .startsWith("server options keyStore " + trustOnly + ": cannot be read ("));
        Path keyOnlyStore = tls.ca().issue("k", List.of("localhost")).writeKeyStore(directory.resolve("k.p12"), password);
        TlsOptions server = JavaTls.options(tls).build();
        TlsOptions trustWithoutCertificates = TlsOptions.builder().certFile(directory.resolve("java.pem"))
                .keyFile(directory.resolve("java.key")).trustStore(keyOnlyStore, password).build();
        assertEquals("client options: the trust store holds no trusted certificate",
                refused(() -> TlsTransport.builder().server(server).client(trustWithoutCertificates).build()));
    }
}
