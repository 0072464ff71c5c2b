package dev.beamlink.testing.junit;

import dev.beamlink.dist.transport.tls.TlsOptions;
import dev.beamlink.dist.transport.tls.TlsTransport;
import dev.beamlink.testing.tls.TlsKit;

/**
 * The beamlink side of a {@link TlsKit}: options and a transport with the kit's Java certificate and CA, mutual TLS as
 * the kit's erl nodes have it ({@code verify_peer}; {@code fail_if_no_peer_cert} on the server side).
 *
 * <pre>{@code
 * DistributedNode java = nodes.beamlink("java", builder -> builder.transport(BeamlinkTls.transport(nodes.tls())));
 * }</pre>
 */
public final class BeamlinkTls {

    private BeamlinkTls() {
    }

    /** {@return the options of a beamlink node with the kit's certificate: its certificate and key, the CA, verify PEER} */
    public static TlsOptions.Builder options(TlsKit tls) {
        return TlsOptions.builder().certFile(tls.javaCertFile()).keyFile(tls.javaKeyFile()).caCertFile(tls.caFile())
                .verify(TlsOptions.Verify.PEER);
    }

    /** {@return a transport of the kit's certificate, mutual TLS: {@code fail_if_no_peer_cert} on the server side} */
    public static TlsTransport transport(TlsKit tls) {
        return TlsTransport.builder().server(options(tls).failIfNoPeerCert(true).build()).client(options(tls).build()).build();
    }
}
