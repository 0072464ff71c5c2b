package dev.beamlink.dist.transport.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.testing.tls.TestPki.KeyFormat;
import dev.beamlink.testing.tls.TestPki.KeyType;
import dev.beamlink.testing.tls.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Certificates and keys from PEM files as OTP's ssl reads them, and the errors of files that are not right. */
class PemFilesTest {

    private static final char[] PASSWORD = "s3cret".toCharArray();
    private static TestPki ca;

    @TempDir
    Path directory;

    @BeforeAll
    static void makeCa() {
        ca = TestPki.root("pem test CA");
    }

    private static TestPki.Issued issue(KeyType type) {
        Instant now = Instant.now();
        return ca.issue("pem " + type, List.of("localhost"), type, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
    }

    /** Keys in every form OpenSSL and OTP write them, read back as the certificate's key. */
    @ParameterizedTest
    @CsvSource({"EC, PKCS8", "EC, TRADITIONAL", "EC, ENCRYPTED_PKCS8", "RSA, PKCS8", "RSA, TRADITIONAL",
            "RSA, ENCRYPTED_PKCS8", "ED25519, PKCS8", "ED25519, ENCRYPTED_PKCS8"})
    void aKeyInEachFormIsTheCertificatesKey(KeyType type, KeyFormat format) throws Exception {
        TestPki.Issued issued = issue(type);
        Path file = issued.writeKey(directory.resolve("key.pem"), format, PASSWORD);
        String label = Files.readString(file).lines().findFirst().orElseThrow();
        String expected = switch (format) {
            case PKCS8 -> "PRIVATE KEY";
            case ENCRYPTED_PKCS8 -> "ENCRYPTED PRIVATE KEY";
            case TRADITIONAL -> type == KeyType.RSA ? "RSA PRIVATE KEY" : "EC PRIVATE KEY";
        };
        assertEquals("-----BEGIN " + expected + "-----", label);
        PrivateKey key = PemFiles.privateKey(file, "keyFile", format == KeyFormat.ENCRYPTED_PKCS8 ? PASSWORD : null);
        assertTrue(signs(key, issued.certificate().getPublicKey()), "the key read is the certificate's");
    }

    private static boolean signs(PrivateKey key, PublicKey publicKey) throws Exception {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> "Ed25519";
        };
        byte[] data = "probe".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(data);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(publicKey);
        verifier.update(data);
        return verifier.verify(signature);
    }

    @Test
    void aCertificateFileWithItsChainAndItsKeyGivesThemAllInOrder() throws Exception {
        TestPki intermediate = ca.intermediate("pem intermediate");
        TestPki.Issued issued = intermediate.issue("pem leaf", List.of("localhost"));
        Path file = issued.writeChain(directory.resolve("chain.pem"));
        Files.writeString(file, Files.readString(issued.writeKey(directory.resolve("k.pem")))
                + Files.readString(file)); // the key first, then the certificates, as some tools write them
        List<X509Certificate> certificates = PemFiles.certificates(file, "certFile");
        assertEquals(List.of(issued.certificate(), intermediate.certificate()), certificates);
        assertTrue(signs(PemFiles.privateKey(file, "keyFile", null), issued.certificate().getPublicKey()));
    }

    @Test
    void aWrongPasswordOrNoneIsToldApart() {
        Path file = issue(KeyType.EC).writeKey(directory.resolve("enc.pem"), KeyFormat.ENCRYPTED_PKCS8, PASSWORD);
        var wrong = assertThrows(IllegalArgumentException.class,
                () -> PemFiles.privateKey(file, "keyFile", "nope".toCharArray()));
        assertTrue(wrong.getMessage().startsWith("keyFile " + file + ": the ENCRYPTED PRIVATE KEY cannot be read: "),
                wrong.getMessage());
        assertTrue(wrong.getMessage().contains("password"), wrong.getMessage());
        var none = assertThrows(IllegalArgumentException.class, () -> PemFiles.privateKey(file, "keyFile", null));
        assertTrue(none.getMessage().contains("needs a password (set password)"), none.getMessage());
    }

    @Test
    void filesThatAreNotRightSayWhatIsWrongAndWhere() throws Exception {
        Path missing = directory.resolve("missing.pem");
        var gone = assertThrows(IllegalArgumentException.class, () -> PemFiles.certificates(missing, "certFile"));
        assertTrue(gone.getMessage().startsWith("certFile " + missing + ": cannot be read (java.nio.file.NoSuchFileException"),
                gone.getMessage());

        Path keyOnly = issue(KeyType.EC).writeKey(directory.resolve("key-only.pem"));
        assertEquals("certFile " + keyOnly + ": no CERTIFICATE (found: [PRIVATE KEY])",
                assertThrows(IllegalArgumentException.class, () -> PemFiles.certificates(keyOnly, "certFile")).getMessage());

        Path certOnly = issue(KeyType.EC).writeCertificate(directory.resolve("cert-only.pem"));
        assertEquals("keyFile " + certOnly + ": 0 private keys (expected: 1 of [PRIVATE KEY, ENCRYPTED PRIVATE KEY,"
                        + " RSA PRIVATE KEY, EC PRIVATE KEY]; found: [CERTIFICATE])",
                assertThrows(IllegalArgumentException.class, () -> PemFiles.privateKey(certOnly, "keyFile", null)).getMessage());

        Path twoKeys = directory.resolve("two-keys.pem");
        Files.writeString(twoKeys, Files.readString(keyOnly) + Files.readString(keyOnly));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PemFiles.privateKey(twoKeys, "keyFile", null))
                .getMessage().contains(": 2 private keys"));

        Path unfinished = directory.resolve("unfinished.pem");
        Files.writeString(unfinished, "-----BEGIN CERTIFICATE-----\nMIIB\n");
        assertEquals("certFile " + unfinished + ": -----BEGIN CERTIFICATE----- without its end",
                assertThrows(IllegalArgumentException.class, () -> PemFiles.certificates(unfinished, "certFile")).getMessage());

        Path mismatched = directory.resolve("mismatched.pem");
        Files.writeString(mismatched, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END PRIVATE KEY-----\n");
        assertEquals("certFile " + mismatched + ", line 3: \"-----END PRIVATE KEY-----\" (expected: -----END CERTIFICATE-----)",
                assertThrows(IllegalArgumentException.class, () -> PemFiles.certificates(mismatched, "certFile")).getMessage());

        Path notBase64 = directory.resolve("not-base64.pem");
        Files.writeString(notBase64, "-----BEGIN PRIVATE KEY-----\n%%%%\n-----END PRIVATE KEY-----\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PemFiles.privateKey(notBase64, "keyFile", null))
                .getMessage().startsWith("keyFile " + notBase64 + ": the PRIVATE KEY ending on line 3 is not Base64"));
    }

    @Test
    void legacyEncryptedKeysAreRefusedWithTheWayOut() throws Exception {
        Path legacy = directory.resolve("legacy.pem");
        Files.writeString(legacy, "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n"
                + Base64.getMimeEncoder().encodeToString(new byte[64]) + "\n-----END RSA PRIVATE KEY-----\n");
        assertEquals("keyFile " + legacy + ": a RSA PRIVATE KEY encrypted the legacy OpenSSL way (Proc-Type headers) is not"
                        + " supported: convert it to PKCS#8 (openssl pkcs8 -topk8)",
                assertThrows(IllegalArgumentException.class, () -> PemFiles.privateKey(legacy, "keyFile", PASSWORD)).getMessage());
    }

    /** DER that lies about its lengths is refused with the numbers, before anything is allocated for it. */
    @Test
    void malformedKeysAreRefusedWithTheNumbers() throws Exception {
        Path file = directory.resolve("bad-der.pem");
        byte[] lying = {0x30, (byte) 0x84, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x02, 0x01, 0x00};
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(lying)
                + "\n-----END PRIVATE KEY-----\n");
        assertEquals("keyFile " + file + ": the PRIVATE KEY cannot be read: DER: length 2147483647 at offset 0"
                        + " (expected: <= 3, the bytes left)",
                assertThrows(IllegalArgumentException.class, () -> PemFiles.privateKey(file, "keyFile", null)).getMessage());

        byte[] unknownAlgorithm = Der.encode(Der.SEQUENCE, new byte[] {2, 1, 0},
                Der.encode(Der.SEQUENCE, new byte[] {6, 3, 0x2A, 3, 4}), Der.encode(Der.OCTET_STRING, new byte[4]));
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(unknownAlgorithm)
                + "\n-----END PRIVATE KEY-----\n");
        assertEquals("keyFile " + file + ": the PRIVATE KEY cannot be read: key algorithm 1.2.3.4 (expected: RSA,"
                        + " RSASSA-PSS, EC, Ed25519 or Ed448)",
                assertThrows(IllegalArgumentException.class, () -> PemFiles.privateKey(file, "keyFile", null)).getMessage());

        byte[] sec1WithoutCurve = Der.encode(Der.SEQUENCE, new byte[] {2, 1, 1}, Der.encode(Der.OCTET_STRING, new byte[32]));
        Files.writeString(file, "-----BEGIN EC PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(sec1WithoutCurve)
                + "\n-----END EC PRIVATE KEY-----\n");
        assertEquals("keyFile " + file + ": the EC PRIVATE KEY cannot be read: ECPrivateKey without its curve"
                        + " (expected: parameters [0] with the named curve)",
                assertThrows(IllegalArgumentException.class, () -> PemFiles.privateKey(file, "keyFile", null)).getMessage());
    }
}
