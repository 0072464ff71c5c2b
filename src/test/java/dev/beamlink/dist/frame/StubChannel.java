package dev.beamlink.dist.frame;

import dev.beamlink.dist.transport.DistChannel;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

/** A channel of the frame tests: always open, no address, nothing to close; read only unless a subclass writes. */
abstract class StubChannel implements DistChannel {

    @Override
    public void write(ByteBuffer[] sources) throws IOException {
        throw new UnsupportedOperationException("read only");
    }

    @Override
    public SocketAddress remoteAddress() {
        return null;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close() {
    }
}
