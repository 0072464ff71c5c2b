package dev.beamlink.dist.transport.tls;

import dev.beamlink.testing.tls.TlsKit;

/**
 * The Java side of a {@link TlsKit}: options and a transport for beamlink nodes with the kit's certificate and CA,
 * mutual TLS as the kit's erl nodes have it ({@code verify_peer}; {@code fail_if_no_peer_cert} on the server side).
 */
public final class JavaTls {

    private JavaTls() {
    }

    /** {@return the Java nodes' options: their certificate, the CA, verify PEER} */
    public static TlsOptions.Builder options(TlsKit tls) {
        return TlsOptions.builder().certFile(tls.javaCertFile()).keyFile(tls.javaKeyFile()).caCertFile(tls.caFile())
                .verify(TlsOptions.Verify.PEER);
    }

    /** {@return a transport for a Java node, mutual TLS as the kit's erl nodes have it} */
    public static TlsTransport transport(TlsKit tls) {
        return TlsTransport.builder().server(options(tls).failIfNoPeerCert(true).build()).client(options(tls).build()).build();
    }
}
