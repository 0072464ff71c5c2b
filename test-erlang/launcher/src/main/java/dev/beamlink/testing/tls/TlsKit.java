package dev.beamlink.testing.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Distribution over TLS for a test, made in a directory at run time: a CA ({@link TestPki}), a certificate for the erl
 * nodes and one for the Java nodes (both for {@link #HOSTS}), and the erl nodes' {@code ssl_dist_optfile}, with mutual
 * TLS ({@code verify_peer} on both sides, and {@code fail_if_no_peer_cert} on the server side). The Java nodes' side is
 * {@link #javaCertFile()}, {@link #javaKeyFile()} and {@link #caFile()}, for a beamlink {@code TlsTransport} (the test
 * kit's {@code BeamlinkTls} makes one).
 *
 * <pre>{@code
 * TlsKit tls = TlsKit.create(directory);
 * ErlNode erl = ErlNode.builder().tlsDistribution(tls.optFile()).epmd(epmd).start();  // -proto_dist inet_tls ...
 * }</pre>
 */
public final class TlsKit {

    /** What the node certificates are for: short names' host, and long names' address. */
    public static final List<String> HOSTS = List.of("localhost", "127.0.0.1");

    private final Path directory;
    private final TestPki ca;
    private final Path caFile;
    private final Path erlCertFile;
    private final Path erlKeyFile;
    private final Path javaCertFile;
    private final Path javaKeyFile;
    private final Path optFile;

    private TlsKit(Path directory, TestPki ca, Path caFile, Path erlCertFile, Path erlKeyFile, Path javaCertFile,
                   Path javaKeyFile, Path optFile) {
        this.directory = directory;
        this.ca = ca;
        this.caFile = caFile;
        this.erlCertFile = erlCertFile;
        this.erlKeyFile = erlKeyFile;
        this.javaCertFile = javaCertFile;
        this.javaKeyFile = javaKeyFile;
        this.optFile = optFile;
    }

    /** {@return a kit whose files are in {@code directory}} (which must exist) */
    public static TlsKit create(Path directory) {
        TestPki ca = TestPki.root("beamlink test CA");
        Path caFile = ca.writeCertificate(directory.resolve("ca.pem"));
        TestPki.Issued erl = ca.issue("erl", HOSTS);
        TestPki.Issued java = ca.issue("java", HOSTS);
        Path erlCert = erl.writeChain(directory.resolve("erl.pem"));
        Path erlKey = erl.writeKey(directory.resolve("erl.key"));
        Path javaCert = java.writeChain(directory.resolve("java.pem"));
        Path javaKey = java.writeKey(directory.resolve("java.key"));
        Path optFile = writeOptFile(directory.resolve("ssl_dist.conf"),
                erlOptions(erlCert, erlKey, caFile) + ", {fail_if_no_peer_cert, true}", erlOptions(erlCert, erlKey, caFile));
        return new TlsKit(directory, ca, caFile, erlCert, erlKey, javaCert, javaKey, optFile);
    }

    /** {@return the kit made earlier in {@code directory} by {@link #create}, for another JVM: its CA issues no more} */
    public static TlsKit existing(Path directory) {
        return new TlsKit(directory, null, directory.resolve("ca.pem"), directory.resolve("erl.pem"),
                directory.resolve("erl.key"), directory.resolve("java.pem"), directory.resolve("java.key"),
                directory.resolve("ssl_dist.conf"));
    }

    /** {@return the directory of the files} */
    public Path directory() {
        return directory;
    }

    /** {@return the CA, to issue more certificates} @throws IllegalStateException for an {@link #existing} kit */
    public TestPki ca() {
        if (ca == null) {
            throw new IllegalStateException("the kit in " + directory + " was made by another JVM: its CA key is not here");
        }
        return ca;
    }

    /** {@return the CA's certificate file (PEM)} */
    public Path caFile() {
        return caFile;
    }

    /** {@return the erl nodes' {@code ssl_dist_optfile}: give it to {@link dev.beamlink.testing.ErlNode.Builder#tlsDistribution}} */
    public Path optFile() {
        return optFile;
    }

    /** {@return the Java nodes' certificate file (PEM): the certificate, then the CA's} */
    public Path javaCertFile() {
        return javaCertFile;
    }

    /** {@return the Java nodes' private key file (PEM, PKCS#8)} */
    public Path javaKeyFile() {
        return javaKeyFile;
    }

    /**
     * Writes another optfile for erl nodes, with the kit's certificates and more options on both sides (Erlang, without
     * brackets: {@code "{versions, ['tlsv1.3']}"}); {@return the file}
     */
    public Path writeErlOptFile(String fileName, String moreOptions) {
        String client = erlOptions(erlCertFile, erlKeyFile, caFile) + ", " + moreOptions;
        return writeOptFile(directory.resolve(fileName), client + ", {fail_if_no_peer_cert, true}", client);
    }

    /** {@return the options of one optfile side (Erlang, without brackets): certificate, key, CA, verify_peer} */
    public static String erlOptions(Path certFile, Path keyFile, Path caFile) {
        return "{certfile, " + string(certFile) + "}, {keyfile, " + string(keyFile) + "}, {cacertfile, " + string(caFile)
                + "}, {verify, verify_peer}";
    }

    /**
     * Writes an {@code ssl_dist_optfile}, {@code [{server, [...]}, {client, [...]}].}, from the two option lists
     * (Erlang terms, without brackets); {@return the file}
     */
    public static Path writeOptFile(Path file, String serverOptions, String clientOptions) {
        String text = "[{server, [" + serverOptions + "]},\n {client, [" + clientOptions + "]}].\n";
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** {@return the path as an Erlang string} */
    public static String string(Path path) {
        return "\"" + path.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
