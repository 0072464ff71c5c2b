package dev.beamlink.dist.transport.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Certificates and private keys from PEM files (RFC 7468), as OTP's ssl reads its {@code certfile}, {@code keyfile}
 * and {@code cacertfile}: {@code CERTIFICATE} blocks; keys in PKCS#8 ({@code PRIVATE KEY}, RFC 5208), encrypted PKCS#8
 * ({@code ENCRYPTED PRIVATE KEY}, RFC 5958, with a password), PKCS#1 ({@code RSA PRIVATE KEY}, RFC 8017 A.1.2) and
 * SEC1 ({@code EC PRIVATE KEY}, RFC 5915). Every problem is an {@link IllegalArgumentException} that names the option
 * and the file.
 */
final class PemFiles {

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";
    private static final List<String> KEY_TYPES =
            List.of("PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY");
    /** The key algorithms of PKCS#8's AlgorithmIdentifier (RFC 8017, RFC 5480, RFC 8410), by OID. */
    private static final Map<String, String> KEY_ALGORITHMS = Map.of(
            "1.2.840.113549.1.1.1", "RSA",
            "1.2.840.113549.1.1.10", "RSASSA-PSS",
            "1.2.840.10045.2.1", "EC",
            "1.3.101.112", "Ed25519",
            "1.3.101.113", "Ed448");
    /** AlgorithmIdentifier { rsaEncryption, NULL }, RFC 8017 A.1. */
    private static final byte[] RSA_ALGORITHM = HexFormat.of().parseHex("300d06092a864886f70d0101010500");
    /** The OID id-ecPublicKey (RFC 5480 2.1.1), as a DER element. */
    private static final byte[] EC_PUBLIC_KEY_OID = HexFormat.of().parseHex("06072a8648ce3d0201");
    /** INTEGER 0: PKCS#8's version. */
    private static final byte[] VERSION_0 = {Der.INTEGER, 1, 0};

    /** One PEM block: its label, its bytes, and whether it had headers ({@code Proc-Type: ...}). */
    record Block(String label, byte[] der, boolean headers) {
    }

    private PemFiles() {
    }

    /** {@return the certificates of {@code file}, in order} */
    static List<X509Certificate> certificates(Path file, String option) {
        List<X509Certificate> certificates = new ArrayList<>();
        List<Block> blocks = blocks(file, option);
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block block : blocks) {
                if (block.label().equals("CERTIFICATE")) {
                    certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException(option + " " + file + ": a CERTIFICATE that is not X.509: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(option + " " + file + ": no CERTIFICATE (found: " + labels(blocks) + ")");
        }
        return certificates;
    }

    /** {@return the one private key of {@code file}}, decrypted with {@code password} if it is encrypted */
    static PrivateKey privateKey(Path file, String option, char[] password) {
        List<Block> blocks = blocks(file, option);
        List<Block> keys = blocks.stream().filter(b -> KEY_TYPES.contains(b.label())).toList();
        if (keys.size() != 1) {
            throw new IllegalArgumentException(option + " " + file + ": " + keys.size() + " private keys (expected: 1 of "
                    + KEY_TYPES + "; found: " + labels(blocks) + ")");
        }
        Block key = keys.get(0);
        String where = option + " " + file;
        if (key.headers()) {
            throw new IllegalArgumentException(where + ": a " + key.label() + " encrypted the legacy OpenSSL way"
                    + " (Proc-Type headers) is not supported: convert it to PKCS#8 (openssl pkcs8 -topk8)");
        }
        try {
            return switch (key.label()) {
                case "PRIVATE KEY" -> pkcs8(key.der());
                case "ENCRYPTED PRIVATE KEY" -> pkcs8(decrypt(key.der(), password, where));
                case "RSA PRIVATE KEY" -> pkcs8(Der.encode(Der.SEQUENCE, VERSION_0, RSA_ALGORITHM,
                        Der.encode(Der.OCTET_STRING, key.der())));
                default -> pkcs8(sec1ToPkcs8(key.der()));
            };
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": the " + key.label() + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** A PKCS#8 PrivateKeyInfo, with the key factory its AlgorithmIdentifier names. */
    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        List<Der.Element> info = Der.parse(der).expect(Der.SEQUENCE, "PrivateKeyInfo").children();
        if (info.size() < 3) {
            throw new IllegalArgumentException("PrivateKeyInfo has " + info.size() + " elements (expected: >= 3)");
        }
        List<Der.Element> algorithm = info.get(1).expect(Der.SEQUENCE, "AlgorithmIdentifier").children();
        if (algorithm.isEmpty()) {
            throw new IllegalArgumentException("an empty AlgorithmIdentifier");
        }
        String oid = algorithm.get(0).oid();
        String name = KEY_ALGORITHMS.get(oid);
        if (name == null) {
            throw new IllegalArgumentException("key algorithm " + oid + " (expected: RSA, RSASSA-PSS, EC, Ed25519 or Ed448)");
        }
        return KeyFactory.getInstance(name).generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    /** RFC 5915 ECPrivateKey to PKCS#8, with the curve its parameters name (RFC 5915 section 3: PKCS#8 carries it). */
    private static byte[] sec1ToPkcs8(byte[] sec1) {
        Der.Element curve = null;
        for (Der.Element element : Der.parse(sec1).expect(Der.SEQUENCE, "ECPrivateKey").children()) {
            if (element.tag() == Der.CONTEXT_0) {
                List<Der.Element> parameters = element.children();
                if (parameters.size() != 1) {
                    throw new IllegalArgumentException("ECPrivateKey parameters have " + parameters.size()
                            + " elements (expected: 1, a named curve)");
                }
                curve = parameters.get(0).expect(Der.OID, "a named curve");
            }
        }
        if (curve == null) {
            throw new IllegalArgumentException("ECPrivateKey without its curve (expected: parameters [0] with the named curve)");
        }
        byte[] algorithm = Der.encode(Der.SEQUENCE, EC_PUBLIC_KEY_OID, curve.encoded());
        return Der.encode(Der.SEQUENCE, VERSION_0, algorithm, Der.encode(Der.OCTET_STRING, sec1));
    }

    /** RFC 5958 EncryptedPrivateKeyInfo, decrypted with the password (PBES2, PBES1: whatever the JDK knows). */
    private static byte[] decrypt(byte[] der, char[] password, String where) throws GeneralSecurityException {
        if (password == null) {
            throw new IllegalArgumentException(where + ": the ENCRYPTED PRIVATE KEY needs a password (set password)");
        }
        EncryptedPrivateKeyInfo info;
        try {
            info = new EncryptedPrivateKeyInfo(der);
        } catch (IOException e) {
            throw new IllegalArgumentException("not an EncryptedPrivateKeyInfo: " + e.getMessage(), e);
        }
        // The parameters name the whole scheme (PBEWithHmacSHA256AndAES_256, say); the bare name may be just "PBES2".
        String scheme = info.getAlgParameters() != null ? info.getAlgParameters().toString() : info.getAlgName();
        try {
            Cipher cipher = Cipher.getInstance(scheme);
            cipher.init(Cipher.DECRYPT_MODE, SecretKeyFactory.getInstance(scheme).generateSecret(new PBEKeySpec(password)),
                    info.getAlgParameters());
            return info.getKeySpec(cipher).getEncoded();
        } catch (java.security.spec.InvalidKeySpecException e) {
            throw new IllegalArgumentException("it does not decrypt with the password given (" + scheme + ")", e);
        }
    }

    /** {@return the PEM blocks of the file, in order} */
    private static List<Block> blocks(Path file, String option) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + file + ": cannot be read (" + e + ")", e);
        }
        List<Block> blocks = new ArrayList<>();
        String label = null;
        boolean headers = false;
        StringBuilder body = new StringBuilder();
        int lineNumber = 0;
        for (String line : text.split("\r?\n")) {
            lineNumber++;
            String trimmed = line.strip();
            if (label == null) {
                if (trimmed.startsWith(BEGIN) && trimmed.endsWith(DASHES) && trimmed.length() > BEGIN.length() + DASHES.length()) {
                    label = trimmed.substring(BEGIN.length(), trimmed.length() - DASHES.length());
                    headers = false;
                    body.setLength(0);
                }
            } else if (trimmed.startsWith(END)) {
                if (!trimmed.equals(END + label + DASHES)) {
                    throw new IllegalArgumentException(option + " " + file + ", line " + lineNumber + ": \"" + trimmed
                            + "\" (expected: " + END + label + DASHES + ")");
                }
                try {
                    blocks.add(new Block(label, Base64.getDecoder().decode(body.toString()), headers));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(option + " " + file + ": the " + label + " ending on line "
                            + lineNumber + " is not Base64: " + e.getMessage(), e);
                }
                label = null;
            } else if (trimmed.contains(":")) {
                headers = true; // RFC 1421 headers: Proc-Type, DEK-Info
            } else {
                body.append(trimmed);
            }
        }
        if (label != null) {
            throw new IllegalArgumentException(option + " " + file + ": " + BEGIN + label + DASHES + " without its end");
        }
        return blocks;
    }

    private static List<String> labels(List<Block> blocks) {
        return blocks.stream().map(Block::label).toList();
    }
}
