package dev.beamlink.testing.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A certificate authority made at run time for a test, and the certificates it issues: no key material is committed,
 * none outlives the test's directory. Keys are EC P-256 unless told otherwise; certificates are X.509 v3, as OTP's
 * {@code public_key} and the JDK both check them.
 */
public final class TestPki {

    /** The key of a certificate. */
    public enum KeyType {
        EC, RSA, ED25519
    }

    /** How a private key is written to its PEM file. */
    public enum KeyFormat {
        /** {@code PRIVATE KEY}. */
        PKCS8,
        /** {@code RSA PRIVATE KEY} (PKCS#1) for RSA, {@code EC PRIVATE KEY} (SEC1) for EC: OpenSSL's traditional forms. */
        TRADITIONAL,
        /** {@code ENCRYPTED PRIVATE KEY}, PBES2 with AES-256-CBC. */
        ENCRYPTED_PKCS8
    }

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    private final X509Certificate certificate;
    private final PrivateKey key;
    private final List<X509Certificate> chain;

    private TestPki(X509Certificate certificate, PrivateKey key, List<X509Certificate> chain) {
        this.certificate = certificate;
        this.key = key;
        this.chain = chain;
    }

    /** {@return a new root CA named {@code CN=name}, valid from an hour ago for a year} */
    public static TestPki root(String name) {
        KeyPair pair = keyPair(KeyType.EC);
        Instant now = Instant.now();
        X509Certificate certificate = sign(new X500Name("CN=" + name), pair, new X500Name("CN=" + name), pair.getPrivate(),
                null, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(365)), true, List.of());
        return new TestPki(certificate, pair.getPrivate(), List.of(certificate));
    }

    /** {@return an intermediate CA issued by this one} */
    public TestPki intermediate(String name) {
        KeyPair pair = keyPair(KeyType.EC);
        Instant now = Instant.now();
        X509Certificate issued = sign(new X500Name("CN=" + name), pair, subject(), key, certificate,
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(365)), true, List.of());
        List<X509Certificate> issuedChain = new ArrayList<>();
        issuedChain.add(issued);
        issuedChain.addAll(chain);
        return new TestPki(issued, pair.getPrivate(), issuedChain);
    }

    /** {@return this CA's certificate} */
    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * {@return a certificate for {@code hosts} (DNS names, or IP addresses: as IP addresses and as DNS names), EC, valid
     * from an hour ago for a year}
     */
    public Issued issue(String commonName, List<String> hosts) {
        Instant now = Instant.now();
        return issue(commonName, hosts, KeyType.EC, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(365)));
    }

    /** {@return a certificate for {@code hosts}, with a key of {@code type}, valid from {@code notBefore} to {@code notAfter}} */
    public Issued issue(String commonName, List<String> hosts, KeyType type, Instant notBefore, Instant notAfter) {
        KeyPair pair = keyPair(type);
        X509Certificate issued = sign(new X500Name("CN=" + commonName), pair, subject(), key, certificate, notBefore,
                notAfter, false, hosts);
        List<X509Certificate> issuedChain = new ArrayList<>();
        issuedChain.add(issued);
        issuedChain.addAll(chain.subList(0, chain.size() - 1)); // the intermediates; the root is the peer's to have
        return new Issued(issued, issuedChain, pair.getPrivate());
    }

    /** Writes this CA's certificate (a root: the one certificate to trust) as PEM; {@return the file} */
    public Path writeCertificate(Path file) {
        writePem(file, List.of(certificate));
        return file;
    }

    private X500Name subject() {
        return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    }

    /**
     * A certificate and its private key.
     *
     * @param chain the certificate, then the intermediates up to (not including) the root
     */
    public record Issued(X509Certificate certificate, List<X509Certificate> chain, PrivateKey key) {

        /** Writes the certificate and its intermediates as PEM; {@return the file} */
        public Path writeChain(Path file) {
            writePem(file, chain);
            return file;
        }

        /** Writes the certificate alone as PEM; {@return the file} */
        public Path writeCertificate(Path file) {
            writePem(file, List.of(certificate));
            return file;
        }

        /** Writes the private key as PEM in {@code format} ({@code password} for the encrypted one); {@return the file} */
        public Path writeKey(Path file, KeyFormat format, char[] password) {
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(out)) {
                switch (format) {
                    case PKCS8 -> pem.writeObject(new JcaPKCS8Generator(key, null));
                    case TRADITIONAL -> pem.writeObject(traditional());
                    case ENCRYPTED_PKCS8 -> pem.writeObject(new JcaPKCS8Generator(key,
                            new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                                    .setProvider(new BouncyCastleProvider()).setPassword(password).build()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (OperatorCreationException e) {
                throw new IllegalStateException(e);
            }
            return file;
        }

        /**
         * {@return the key as OpenSSL writes it traditionally}: PKCS#1 for RSA; SEC1 for EC, with the curve and the
         * public key in it as {@code openssl ec} writes them (Bouncy Castle's own leaves the curve out)
         */
        private Object traditional() throws IOException {
            if (!key.getAlgorithm().equals("EC")) {
                return key;
            }
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
            ASN1Encodable curve = info.getPrivateKeyAlgorithm().getParameters();
            ASN1BitString publicKey = SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded())
                    .getPublicKeyData();
            BigInteger secret = ((java.security.interfaces.ECPrivateKey) key).getS();
            return new PemObject("EC PRIVATE KEY", new ECPrivateKey(256, secret, publicKey, curve).getEncoded());
        }

        /** Writes the private key as PKCS#8 PEM; {@return the file} */
        public Path writeKey(Path file) {
            return writeKey(file, KeyFormat.PKCS8, null);
        }

        /** Writes a PKCS#12 key store with the key and the chain; {@return the file} */
        public Path writeKeyStore(Path file, char[] password) {
            return writeStore(file, password, store -> store.setKeyEntry("node", key, password,
                    chain.toArray(X509Certificate[]::new)));
        }
    }

    /** Writes a PKCS#12 trust store of {@code certificates}; {@return the file} */
    public static Path writeTrustStore(Path file, char[] password, X509Certificate... certificates) {
        return writeStore(file, password, store -> {
            for (int i = 0; i < certificates.length; i++) {
                store.setCertificateEntry("ca-" + i, certificates[i]);
            }
        });
    }

    private interface StoreFiller {
        void fill(KeyStore store) throws GeneralSecurityException;
    }

    private static Path writeStore(Path file, char[] password, StoreFiller filler) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            filler.fill(store);
            try (var out = Files.newOutputStream(file)) {
                store.store(out, password);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writePem(Path file, List<X509Certificate> certificates) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            for (X509Certificate certificate : certificates) {
                pem.writeObject(certificate);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair keyPair(KeyType type) {
        try {
            KeyPairGenerator generator = switch (type) {
                case EC -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec("secp256r1"));
                    yield g;
                }
                case RSA -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(2048);
                    yield g;
                }
                case ED25519 -> KeyPairGenerator.getInstance("Ed25519");
            };
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, PrivateKey issuerKey,
                                        X509Certificate issuerCertificate, Instant notBefore, Instant notAfter, boolean ca,
                                        List<String> hosts) {
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(notBefore), Date.from(notAfter), subject,
                    subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(subjectKeys.getPublic()));
            if (issuerCertificate != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        extensions.createAuthorityKeyIdentifier(issuerCertificate));
            }
            if (ca) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                int usage = KeyUsage.digitalSignature
                        | (subjectKeys.getPublic().getAlgorithm().equals("RSA") ? KeyUsage.keyEncipherment : 0);
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
                List<GeneralName> names = new ArrayList<>();
                for (String host : hosts) {
                    if (isAddress(host)) {
                        // OTP 25's inet_tls_dist checks a server's certificate against the node's host as a DNS name,
                        // an address too; the JDK checks an address against the IP addresses. Both are there.
                        names.add(new GeneralName(GeneralName.iPAddress, host));
                    }
                    names.add(new GeneralName(GeneralName.dNSName, host));
                }
                if (!names.isEmpty()) {
                    builder.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(names.toArray(GeneralName[]::new)));
                }
            }
            String algorithm = switch (issuerKey.getAlgorithm()) {
                case "RSA" -> "SHA256withRSA";
                case "Ed25519", "EdDSA" -> "Ed25519";
                default -> "SHA256withECDSA";
            };
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a test certificate for " + subject, e);
        }
    }

    private static boolean isAddress(String host) {
        return host.indexOf(':') >= 0 || host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    }
}
