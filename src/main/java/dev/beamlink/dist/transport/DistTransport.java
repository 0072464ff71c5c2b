package dev.beamlink.dist.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * How a node carries distribution traffic: plain TCP ({@link TcpTransport}) by default; a TLS
 * transport can take its place without the handshake or the connection noticing.
 */
public interface DistTransport {

    /** {@return a listener bound to {@code address} (port 0 picks a free port)} */
    DistListener listen(InetSocketAddress address) throws IOException;

    /** {@return a channel connected to {@code address}} @throws IOException if it cannot connect within {@code timeout} */
    DistChannel connect(InetSocketAddress address, Duration timeout) throws IOException;
}
