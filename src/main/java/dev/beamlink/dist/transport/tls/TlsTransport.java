package dev.beamlink.dist.transport.tls;

import dev.beamlink.dist.transport.DistChannel;
import dev.beamlink.dist.transport.DistListener;
import dev.beamlink.dist.transport.DistTransport;
import dev.beamlink.dist.transport.TcpTransport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Distribution over TLS, as OTP's {@code inet_tls_dist} ({@code erl -proto_dist inet_tls -ssl_dist_optfile F}): a node
 * with this transport joins a cluster of such erl nodes. Each side, server (connections this node accepts) and client
 * (connections it makes), has its own {@link TlsOptions}, as the {@code server} and {@code client} lists of an
 * {@code ssl_dist_optfile}:
 *
 * <pre>{@code
 * Path dir = Path.of("/etc/beamlink");
 * TlsOptions.Builder options = TlsOptions.builder()
 *         .certFile(dir.resolve("node.pem"))                   // {certfile, F}
 *         .keyFile(dir.resolve("node.key"))                    // {keyfile, F}
 *         .caCertFile(dir.resolve("ca.pem"))                   // {cacertfile, F}
 *         .verify(TlsOptions.Verify.PEER);                     // {verify, verify_peer}
 * TlsOptions client = options.build();
 * TlsOptions server = options.failIfNoPeerCert(true).build(); // {fail_if_no_peer_cert, true}: a server option
 * DistributedNode node = DistributedNode.builder("java@host")
 *         .transport(TlsTransport.builder().server(server).client(client).build())
 *         .start();
 * }</pre>
 *
 * The TLS handshake runs within the distribution handshake and its deadline ({@code handshakeTimeout}); the
 * distribution handshake's messages then go inside TLS with 4 bytes of length, as OTP frames them. TLS runs on the
 * JDK's {@link javax.net.ssl.SSLEngine}, over a carrier transport ({@link TcpTransport} by default, whose read spin it
 * keeps).
 */
public final class TlsTransport implements DistTransport {

    private final DistTransport carrier;
    private final TlsSide server;
    private final TlsSide client;

    private TlsTransport(DistTransport carrier, TlsSide server, TlsSide client) {
        this.carrier = carrier;
        this.server = server;
        this.client = client;
    }

    /** {@return a builder: server and client options are required} */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public DistListener listen(InetSocketAddress address) throws IOException {
        return new Listener(carrier.listen(address));
    }

    /**
     * {@inheritDoc} The TLS handshake runs on the channel's first write: the server's certificate is checked against
     * {@code address}'s host name (the host of the node's name), unless the client options say otherwise.
     */
    @Override
    public DistChannel connect(InetSocketAddress address, Duration timeout) throws IOException {
        DistChannel channel = carrier.connect(address, timeout);
        try {
            return new TlsChannel(channel, client.clientEngine(address));
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return "TLS over " + carrier.getClass().getSimpleName();
    }

    private final class Listener implements DistListener {

        private final DistListener listener;

        Listener(DistListener listener) {
            this.listener = listener;
        }

        /** {@inheritDoc} The TLS handshake runs on the channel's first read, in the handshake's thread. */
        @Override
        public DistChannel accept() throws IOException {
            DistChannel channel = listener.accept();
            try {
                return new TlsChannel(channel, server.serverEngine());
            } catch (RuntimeException e) {
                channel.close();
                throw e;
            }
        }

        @Override
        public InetSocketAddress localAddress() {
            return listener.localAddress();
        }

        @Override
        public void close() {
            listener.close();
        }
    }

    /** Builds a {@link TlsTransport}. */
    public static final class Builder {

        private TlsOptions server;
        private TlsOptions client;
        private DistTransport carrier = new TcpTransport();

        private Builder() {
        }

        /** The options of the connections this node accepts ({@code {server, [...]}}); it must present a certificate. */
        public Builder server(TlsOptions options) {
            this.server = Objects.requireNonNull(options, "server");
            return this;
        }

        /** The options of the connections this node makes ({@code {client, [...]}}). */
        public Builder client(TlsOptions options) {
            this.client = Objects.requireNonNull(options, "client");
            return this;
        }

        /** The transport TLS runs over (default: a {@link TcpTransport} with its default read spin). */
        public Builder carrier(DistTransport transport) {
            this.carrier = Objects.requireNonNull(transport, "carrier");
            return this;
        }

        /**
         * {@return the transport}, its files read and checked
         *
         * @throws IllegalArgumentException if an option is missing or wrong: no server or client options, a server
         *                                  without a certificate, verify PEER without trusted certificates, a file that
         *                                  cannot be read or holds the wrong thing, a key that is not the certificate's,
         *                                  a cipher suite the JDK does not support
         */
        public TlsTransport build() {
            if (server == null) {
                throw new IllegalArgumentException("server options are missing (set them with server(...))");
            }
            if (client == null) {
                throw new IllegalArgumentException("client options are missing (set them with client(...))");
            }
            return new TlsTransport(carrier, TlsSide.server(server), TlsSide.client(client));
        }
    }
}
