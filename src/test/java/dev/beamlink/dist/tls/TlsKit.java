package dev.beamlink.dist.tls;

import dev.beamlink.dist.transport.tls.TlsOptions;
import dev.beamlink.dist.transport.tls.TlsTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Distribution over TLS for a test, made in a directory at run time: a CA, a certificate for the erl nodes and one for
 * the Java nodes (both for {@link #HOSTS}), the erl nodes' {@code ssl_dist_optfile} and the Java nodes' transport, with
 * mutual TLS on both sides ({@code verify_peer}, and {@code fail_if_no_peer_cert} on the server side).
 *
 * <pre>{@code
 * TlsKit tls = TlsKit.create(directory);
 * ErlNode erl = ErlNode.builder().args(tls.erlArgs()).epmd(epmd).start();    // -proto_dist inet_tls -ssl_dist_optfile F
 * DistributedNode java = DistributedNode.builder(name).transport(tls.transport()).epmdPort(epmd.port()).start();
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

    /** {@return the erl nodes' {@code ssl_dist_optfile}} */
    public Path optFile() {
        return optFile;
    }

    /**
     * Writes another optfile for erl nodes, with the kit's certificates and more options on both sides (Erlang, without
     * brackets: {@code "{versions, ['tlsv1.3']}"}); {@return the file}
     */
    public Path writeErlOptFile(String fileName, String moreOptions) {
        String client = erlOptions(erlCertFile, erlKeyFile, caFile) + ", " + moreOptions;
        return writeOptFile(directory.resolve(fileName), client + ", {fail_if_no_peer_cert, true}", client);
    }

    /** {@return the erl arguments of a TLS node with this kit's optfile} */
    public String[] erlArgs() {
        return erlArgs(optFile);
    }

    /** {@return the erl arguments of a TLS node: {@code -proto_dist inet_tls -ssl_dist_optfile F}} */
    public static String[] erlArgs(Path optFile) {
        return new String[] {"-proto_dist", "inet_tls", "-ssl_dist_optfile", optFile.toString()};
    }

    /** {@return the Java nodes' options: their certificate, the CA, verify PEER; on the server side fail_if_no_peer_cert} */
    public TlsOptions.Builder javaOptions() {
        return TlsOptions.builder().certFile(javaCertFile).keyFile(javaKeyFile).caCertFile(caFile)
                .verify(TlsOptions.Verify.PEER);
    }

    /** {@return a transport for a Java node, mutual TLS as the erl nodes have it} */
    public TlsTransport transport() {
        return TlsTransport.builder()
                .server(javaOptions().failIfNoPeerCert(true).build())
                .client(javaOptions().build())
                .build();
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
