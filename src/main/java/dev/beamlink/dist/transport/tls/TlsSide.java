package dev.beamlink.dist.transport.tls;

import dev.beamlink.dist.transport.tls.TlsOptions.Verify;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * One side of the transport, server or client, made from its {@link TlsOptions}: the JDK's {@link SSLContext} with the
 * key and trust managers they describe, and the parameters each new {@link SSLEngine} gets.
 */
final class TlsSide {

    /** How many certificates a chain completed from the CA file may have at most. */
    private static final int MAX_CHAIN = 10;

    private final boolean client;
    private final SSLContext context;
    private final String[] versions;
    private final String[] ciphers;
    private final Verify verify;
    private final boolean failIfNoPeerCert;
    private final String serverName;
    private final boolean serverNameDisabled;

    private TlsSide(boolean client, SSLContext context, TlsOptions options, Verify verify) {
        this.client = client;
        this.context = context;
        this.versions = options.versions().toArray(String[]::new);
        this.ciphers = options.ciphers().isEmpty() ? null : options.ciphers().toArray(String[]::new);
        this.verify = verify;
        this.failIfNoPeerCert = options.failIfNoPeerCert();
        this.serverName = options.serverNameIndication().orElse(null);
        this.serverNameDisabled = options.serverNameIndicationDisabled();
    }

    /** @throws IllegalArgumentException if the options do not make a server, or a file is wrong */
    static TlsSide server(TlsOptions options) {
        String side = "server options";
        if (!options.hasKeyMaterial()) {
            throw new IllegalArgumentException(side + ": no certificate (expected: certFile and keyFile, or keyStore):"
                    + " a TLS server must present one");
        }
        if (options.serverNameIndication().isPresent() || options.serverNameIndicationDisabled()) {
            throw new IllegalArgumentException(side + ": serverNameIndication is a client option");
        }
        Verify verify = options.verify().orElse(Verify.NONE);
        if (options.failIfNoPeerCert() && verify != Verify.PEER) {
            throw new IllegalArgumentException(side + ": failIfNoPeerCert without verify PEER (the server's default"
                    + " is NONE, which asks the client for no certificate)");
        }
        return new TlsSide(false, context(options, verify, side), options, verify);
    }

    /** @throws IllegalArgumentException if the options do not make a client, or a file is wrong */
    static TlsSide client(TlsOptions options) {
        String side = "client options";
        if (options.failIfNoPeerCert()) {
            throw new IllegalArgumentException(side + ": failIfNoPeerCert is a server option");
        }
        Verify verify = options.verify().orElse(Verify.PEER);
        return new TlsSide(true, context(options, verify, side), options, verify);
    }

    /** {@return a new engine for a connection to {@code server}, whose host name it checks (see {@link TlsOptions})} */
    SSLEngine clientEngine(InetSocketAddress server) {
        if (!client) {
            throw new IllegalStateException("the server side makes no client engines");
        }
        String name = serverName != null ? serverName : server.getHostString();
        SSLEngine engine = context.createSSLEngine(name, server.getPort());
        engine.setUseClientMode(true);
        SSLParameters parameters = parameters(engine);
        if (!serverNameDisabled) {
            if (!isAddressLiteral(name)) {
                parameters.setServerNames(List.of(new SNIHostName(name)));
            }
            if (verify == Verify.PEER) {
                // RFC 6125 host name checks against the SNI name (the engine's peer host), as OTP's ssl checks the
                // server's certificate against server_name_indication.
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
        }
        engine.setSSLParameters(parameters);
        return engine;
    }

    /** {@return a new engine for a connection a client made to us} */
    SSLEngine serverEngine() {
        if (client) {
            throw new IllegalStateException("the client side makes no server engines");
        }
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters parameters = parameters(engine);
        if (verify == Verify.PEER) {
            if (failIfNoPeerCert) {
                parameters.setNeedClientAuth(true);
            } else {
                parameters.setWantClientAuth(true);
            }
        }
        engine.setSSLParameters(parameters);
        return engine;
    }

    private SSLParameters parameters(SSLEngine engine) {
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(versions);
        if (ciphers != null) {
            parameters.setCipherSuites(ciphers);
        }
        return parameters;
    }

    private static boolean isAddressLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    // ------------------------------------------------------------------------------------------ the SSLContext

    private static SSLContext context(TlsOptions options, Verify verify, String side) {
        if (verify == Verify.PEER && !options.hasTrustAnchors()) {
            throw new IllegalArgumentException(side + ": verify PEER needs the certificates trusted (caCertFile or"
                    + " trustStore), or verify NONE");
        }
        List<X509Certificate> caCertificates = options.caCertFile()
                .map(file -> PemFiles.certificates(file, side + " caCertFile")).orElse(List.of());
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            TrustManager[] trust = verify == Verify.PEER
                    ? trustManagers(options, caCertificates, side) : new TrustManager[] {new AnyCertificate()};
            context.init(keyManagers(options, caCertificates, side), trust, new SecureRandom());
            checkCiphers(context, options, side);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(side + ": " + e.getMessage(), e);
        }
    }

    private static void checkCiphers(SSLContext context, TlsOptions options, String side) {
        if (options.ciphers().isEmpty()) {
            return;
        }
        Set<String> supported = Set.of(context.getSupportedSSLParameters().getCipherSuites());
        List<String> unknown = options.ciphers().stream().filter(c -> !supported.contains(c)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(side + ": ciphers " + unknown + " are not supported by this JDK"
                    + " (SSLContext.getSupportedSSLParameters().getCipherSuites() lists those that are)");
        }
        // TLS 1.3's suites name no key exchange (RFC 8446 B.4); TLS 1.2's all do.
        boolean tls13 = options.ciphers().stream().anyMatch(c -> !c.contains("_WITH_"));
        boolean tls12 = options.ciphers().stream().anyMatch(c -> c.contains("_WITH_"));
        if (!(options.versions().contains("TLSv1.3") && tls13) && !(options.versions().contains("TLSv1.2") && tls12)) {
            throw new IllegalArgumentException(side + ": ciphers " + options.ciphers() + " have none for the versions "
                    + options.versions());
        }
    }

    private static KeyManager[] keyManagers(TlsOptions options, List<X509Certificate> caCertificates, String side)
            throws GeneralSecurityException {
        KeyStore store;
        char[] password;
        if (options.keyStore().isPresent()) {
            TlsOptions.KeyStoreFile file = options.keyStore().get();
            store = load(file, side + " keyStore");
            password = file.password();
            if (!hasKey(store)) {
                throw new IllegalArgumentException(side + " keyStore " + file.path() + ": no private key entry");
            }
        } else if (options.certFile().isPresent()) {
            var certFile = options.certFile().get();
            List<X509Certificate> chain = PemFiles.certificates(certFile, side + " certFile");
            var keyFile = options.keyFile().orElse(certFile);
            PrivateKey key = PemFiles.privateKey(keyFile, side + " keyFile", options.password().orElse(null));
            checkPair(key, chain.get(0).getPublicKey(), side + ": keyFile " + keyFile + " and certFile " + certFile);
            password = new char[0];
            store = emptyStore();
            store.setKeyEntry("node", key, password, completeChain(chain, caCertificates).toArray(X509Certificate[]::new));
        } else {
            return null; // no certificate: a client that offers none
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        KeyManager[] managers = factory.getKeyManagers();
        for (int i = 0; i < managers.length; i++) {
            if (managers[i] instanceof X509ExtendedKeyManager keys) {
                managers[i] = new PresentedCertificate(keys);
            }
        }
        return managers;
    }

    private static TrustManager[] trustManagers(TlsOptions options, List<X509Certificate> caCertificates, String side)
            throws GeneralSecurityException {
        KeyStore store;
        if (options.trustStore().isPresent()) {
            store = load(options.trustStore().get(), side + " trustStore");
        } else {
            store = emptyStore();
            for (int i = 0; i < caCertificates.size(); i++) {
                store.setCertificateEntry("ca-" + i, caCertificates.get(i));
            }
        }
        boolean any = false;
        for (String alias : Collections.list(store.aliases())) {
            any |= store.isCertificateEntry(alias);
        }
        if (!any) {
            throw new IllegalArgumentException(side + ": the trust store holds no trusted certificate");
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(store);
        return factory.getTrustManagers();
    }

    /** {@return an empty key store in memory} */
    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException("an empty PKCS12 store cannot be made", e);
        }
        return store;
    }

    private static KeyStore load(TlsOptions.KeyStoreFile file, String what) {
        try {
            return KeyStore.getInstance(file.path().toFile(), file.password());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(what + " " + file.path() + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static boolean hasKey(KeyStore store) throws GeneralSecurityException {
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                return true;
            }
        }
        return false;
    }

    /** Checks that the private key is the certificate's, by a signature made with one and verified with the other. */
    private static void checkPair(PrivateKey key, PublicKey certified, String what) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            default -> null; // RSASSA-PSS needs parameters: the handshake will tell
        };
        if (algorithm == null) {
            return;
        }
        byte[] probe = "beamlink key check".getBytes(StandardCharsets.US_ASCII);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certified);
            verifier.update(probe);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false; // a key of another algorithm than the certificate's
        }
        if (!matches) {
            throw new IllegalArgumentException(what + ": the private key is not the certificate's (a "
                    + key.getAlgorithm() + " key, a certificate for a " + certified.getAlgorithm() + " key)");
        }
    }

    /**
     * {@return the chain, completed from the CA certificates up to a self-issued one}: OTP sends the chain it builds
     * from its cacertfile when the certfile holds only the node's certificate.
     */
    private static List<X509Certificate> completeChain(List<X509Certificate> chain, List<X509Certificate> caCertificates) {
        List<X509Certificate> complete = new ArrayList<>(chain);
        while (complete.size() < MAX_CHAIN) {
            X509Certificate last = complete.get(complete.size() - 1);
            if (last.getIssuerX500Principal().equals(last.getSubjectX500Principal())) {
                break;
            }
            X509Certificate issuer = null;
            for (X509Certificate candidate : caCertificates) {
                if (candidate.getSubjectX500Principal().equals(last.getIssuerX500Principal()) && signedBy(last, candidate)) {
                    issuer = candidate;
                    break;
                }
            }
            if (issuer == null || complete.contains(issuer)) {
                break;
            }
            complete.add(issuer);
        }
        return complete;
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
