package dev.beamlink.dist.transport.tls;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One side's TLS options, as one list of an {@code ssl_dist_optfile} holds them ({@code [{server, [...]}, {client,
 * [...]}]}): the node's certificate and key, the certificates it trusts, whether it checks its peer's, the server name,
 * the TLS versions and the cipher suites. {@link TlsTransport.Builder#server} and {@link TlsTransport.Builder#client}
 * take one each (the same one, often); files are read when the transport is built, so that a wrong one fails then.
 *
 * <table>
 *   <caption>ssl_dist_optfile options and their builder methods</caption>
 *   <tr><th>OTP</th><th>here</th></tr>
 *   <tr><td>{@code {certfile, F}}</td><td>{@link Builder#certFile}: PEM, the node's certificate first, then its chain</td></tr>
 *   <tr><td>{@code {keyfile, F}}</td><td>{@link Builder#keyFile}: PEM, PKCS#8, PKCS#1 RSA or SEC1 EC (else in the certFile)</td></tr>
 *   <tr><td>{@code {password, P}}</td><td>{@link Builder#password}: of an encrypted PKCS#8 key</td></tr>
 *   <tr><td>{@code {cacertfile, F}}</td><td>{@link Builder#caCertFile}: PEM, the certificates trusted</td></tr>
 *   <tr><td>(Java)</td><td>{@link Builder#keyStore}, {@link Builder#trustStore}: PKCS#12 or JKS key stores instead</td></tr>
 *   <tr><td>{@code {verify, verify_peer | verify_none}}</td><td>{@link Builder#verify}</td></tr>
 *   <tr><td>{@code {fail_if_no_peer_cert, true}}</td><td>{@link Builder#failIfNoPeerCert} (server side)</td></tr>
 *   <tr><td>{@code {server_name_indication, Name | disable}}</td><td>{@link Builder#serverNameIndication},
 *       {@link Builder#disableServerNameIndication} (client side)</td></tr>
 *   <tr><td>{@code {versions, ['tlsv1.3', 'tlsv1.2']}}</td><td>{@link Builder#versions}</td></tr>
 *   <tr><td>{@code {ciphers, [...]}}</td><td>{@link Builder#ciphers}: IANA names, as the JDK spells them</td></tr>
 * </table>
 */
public final class TlsOptions {

    /** Whether a side checks its peer's certificate ({@code {verify, verify_peer | verify_none}}). */
    public enum Verify {
        /**
         * {@code verify_peer}: the peer's certificate must chain up to a trusted one and be valid now; a client also
         * checks that it names the server (see {@link Builder#serverNameIndication}); a server asks the client for
         * one, and refuses a client without one only if {@link Builder#failIfNoPeerCert}.
         */
        PEER,
        /** {@code verify_none}: any certificate is taken, and a server asks for none. */
        NONE
    }

    /** The TLS versions supported, newest first. */
    public static final List<String> SUPPORTED_VERSIONS = List.of("TLSv1.3", "TLSv1.2");

    private final Path certFile;
    private final Path keyFile;
    private final char[] password;
    private final Path caCertFile;
    private final KeyStoreFile keyStore;
    private final KeyStoreFile trustStore;
    private final Verify verify;
    private final boolean failIfNoPeerCert;
    private final String serverNameIndication;
    private final boolean serverNameIndicationDisabled;
    private final List<String> versions;
    private final List<String> ciphers;

    private TlsOptions(Builder b) {
        this.certFile = b.certFile;
        this.keyFile = b.keyFile;
        this.password = b.password;
        this.caCertFile = b.caCertFile;
        this.keyStore = b.keyStore;
        this.trustStore = b.trustStore;
        this.verify = b.verify;
        this.failIfNoPeerCert = b.failIfNoPeerCert;
        this.serverNameIndication = b.serverNameIndication;
        this.serverNameIndicationDisabled = b.serverNameIndicationDisabled;
        this.versions = b.versions;
        this.ciphers = b.ciphers;
    }

    /** {@return a builder with nothing set} */
    public static Builder builder() {
        return new Builder();
    }

    /** A key store file and its password. */
    record KeyStoreFile(Path path, char[] password) {
    }

    Optional<Path> certFile() {
        return Optional.ofNullable(certFile);
    }

    Optional<Path> keyFile() {
        return Optional.ofNullable(keyFile);
    }

    Optional<char[]> password() {
        return Optional.ofNullable(password);
    }

    Optional<Path> caCertFile() {
        return Optional.ofNullable(caCertFile);
    }

    Optional<KeyStoreFile> keyStore() {
        return Optional.ofNullable(keyStore);
    }

    Optional<KeyStoreFile> trustStore() {
        return Optional.ofNullable(trustStore);
    }

    /** {@return the verify option, if set: else the side's default} */
    Optional<Verify> verify() {
        return Optional.ofNullable(verify);
    }

    boolean failIfNoPeerCert() {
        return failIfNoPeerCert;
    }

    Optional<String> serverNameIndication() {
        return Optional.ofNullable(serverNameIndication);
    }

    boolean serverNameIndicationDisabled() {
        return serverNameIndicationDisabled;
    }

    /** {@return whether key material is given: a certificate with its key, or a key store} */
    boolean hasKeyMaterial() {
        return certFile != null || keyStore != null;
    }

    /** {@return whether trusted certificates are given} */
    boolean hasTrustAnchors() {
        return caCertFile != null || trustStore != null;
    }

    List<String> versions() {
        return versions;
    }

    /** {@return the cipher suites, empty for the JDK's defaults} */
    List<String> ciphers() {
        return ciphers;
    }

    /** Builds {@link TlsOptions}; each method is the ssl_dist_optfile option of the same meaning. */
    public static final class Builder {

        private Path certFile;
        private Path keyFile;
        private char[] password;
        private Path caCertFile;
        private KeyStoreFile keyStore;
        private KeyStoreFile trustStore;
        private Verify verify;
        private boolean failIfNoPeerCert;
        private String serverNameIndication;
        private boolean serverNameIndicationDisabled;
        private List<String> versions = SUPPORTED_VERSIONS;
        private List<String> ciphers = List.of();

        private Builder() {
        }

        /**
         * {@code certfile}: a PEM file with this node's certificate, then the certificates that chain it to a trusted
         * one (those missing are looked for in the {@link #caCertFile}, as OTP does). It may hold the key too.
         */
        public Builder certFile(Path file) {
            this.certFile = Objects.requireNonNull(file, "certFile");
            return this;
        }

        /**
         * {@code keyfile}: a PEM file with the certificate's private key: PKCS#8 ({@code PRIVATE KEY}, or
         * {@code ENCRYPTED PRIVATE KEY} with a {@link #password}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1
         * ({@code EC PRIVATE KEY}). Without it, the key is looked for in the {@link #certFile}.
         */
        public Builder keyFile(Path file) {
            this.keyFile = Objects.requireNonNull(file, "keyFile");
            return this;
        }

        /** {@code password}: the password of an encrypted PKCS#8 key ({@code ENCRYPTED PRIVATE KEY}). */
        public Builder password(char[] value) {
            this.password = Objects.requireNonNull(value, "password").clone();
            return this;
        }

        /** {@code cacertfile}: a PEM file of the certificates trusted, to check the peer's certificate against. */
        public Builder caCertFile(Path file) {
            this.caCertFile = Objects.requireNonNull(file, "caCertFile");
            return this;
        }

        /** A Java key store (PKCS#12 or JKS) with this node's key and certificate chain, instead of PEM files. */
        public Builder keyStore(Path file, char[] storePassword) {
            this.keyStore = new KeyStoreFile(Objects.requireNonNull(file, "keyStore"),
                    Objects.requireNonNull(storePassword, "storePassword").clone());
            return this;
        }

        /** A Java key store (PKCS#12 or JKS) of the certificates trusted, instead of a {@link #caCertFile}. */
        public Builder trustStore(Path file, char[] storePassword) {
            this.trustStore = new KeyStoreFile(Objects.requireNonNull(file, "trustStore"),
                    Objects.requireNonNull(storePassword, "storePassword").clone());
            return this;
        }

        /**
         * {@code verify}: whether the peer's certificate is checked. The default is {@link Verify#PEER} on the client
         * side and {@link Verify#NONE} on the server side, as OTP 26 has them.
         */
        public Builder verify(Verify value) {
            this.verify = Objects.requireNonNull(value, "verify");
            return this;
        }

        /** {@code fail_if_no_peer_cert} (server side, with {@link Verify#PEER}): a client without a certificate is refused. */
        public Builder failIfNoPeerCert(boolean value) {
            this.failIfNoPeerCert = value;
            return this;
        }

        /**
         * {@code server_name_indication} (client side): the name sent to the server and, with {@link Verify#PEER},
         * the name its certificate must carry. The default is the host of the node connected to, as OTP's
         * {@code inet_tls_dist} sets it.
         */
        public Builder serverNameIndication(String hostName) {
            if (Objects.requireNonNull(hostName, "serverNameIndication").isEmpty()) {
                throw new IllegalArgumentException("serverNameIndication: an empty name (expected: a host name)");
            }
            this.serverNameIndication = hostName;
            this.serverNameIndicationDisabled = false;
            return this;
        }

        /**
         * {@code {server_name_indication, disable}} (client side): no name is sent, and the server's certificate is
         * not checked against one (it is still checked against the trusted certificates with {@link Verify#PEER}).
         */
        public Builder disableServerNameIndication() {
            this.serverNameIndication = null;
            this.serverNameIndicationDisabled = true;
            return this;
        }

        /**
         * {@code versions}: the TLS versions offered, among {@link #SUPPORTED_VERSIONS} (default: both; OTP 25's
         * distribution offers TLSv1.2 only unless told otherwise, and both sides agree on the newest they share).
         */
        public Builder versions(String... names) {
            if (names.length == 0) {
                throw new IllegalArgumentException("versions: none (expected: some of " + SUPPORTED_VERSIONS + ")");
            }
            List<String> wanted = List.of(names);
            List<String> unknown = wanted.stream().filter(v -> !SUPPORTED_VERSIONS.contains(v)).toList();
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("versions: " + unknown + " (expected: some of " + SUPPORTED_VERSIONS + ")");
            }
            this.versions = wanted;
            return this;
        }

        /**
         * {@code ciphers}: the cipher suites offered, by their IANA names as the JDK spells them
         * ({@code TLS_AES_128_GCM_SHA256}, {@code TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384} ...); default: the JDK's
         * for the versions. A name the JDK does not support is refused when the transport is built.
         */
        public Builder ciphers(String... names) {
            if (names.length == 0) {
                throw new IllegalArgumentException("ciphers: none (expected: at least one cipher suite)");
            }
            this.ciphers = List.copyOf(Arrays.asList(names));
            return this;
        }

        /**
         * {@return the options}
         *
         * @throws IllegalArgumentException if they contradict each other: a key file without a certificate file, a
         *                                  certificate file and a key store, a CA file and a trust store
         */
        public TlsOptions build() {
            if (keyFile != null && certFile == null) {
                throw new IllegalArgumentException("keyFile " + keyFile + " without a certFile (expected: both)");
            }
            if (password != null && certFile == null) {
                throw new IllegalArgumentException("password without a certFile and keyFile (it decrypts the keyFile)");
            }
            if (certFile != null && keyStore != null) {
                throw new IllegalArgumentException("certFile " + certFile + " and keyStore " + keyStore.path()
                        + " (expected: one of them)");
            }
            if (caCertFile != null && trustStore != null) {
                throw new IllegalArgumentException("caCertFile " + caCertFile + " and trustStore " + trustStore.path()
                        + " (expected: one of them)");
            }
            if (failIfNoPeerCert && verify == Verify.NONE) {
                throw new IllegalArgumentException("failIfNoPeerCert with verify NONE (expected: verify PEER, which"
                        + " asks the client for a certificate)");
            }
            return new TlsOptions(this);
        }
    }
}
