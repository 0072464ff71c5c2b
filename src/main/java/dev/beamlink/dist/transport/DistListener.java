package dev.beamlink.dist.transport;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;

/** A listening endpoint that accepts connections from other nodes. */
public interface DistListener extends Closeable {

    /** {@return the next inbound channel}, blocking until one arrives @throws IOException once closed */
    DistChannel accept() throws IOException;

    /** {@return the address listened on, with the actual port} */
    InetSocketAddress localAddress();

    @Override
    void close();
}
