package dev.beamlink.dist.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/** Distribution over plain TCP: blocking NIO socket channels, TCP_NODELAY, gathering writes. */
public final class TcpTransport implements DistTransport {

    @Override
    public DistListener listen(InetSocketAddress address) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(address, 128);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        return new Listener(server);
    }

    @Override
    public DistChannel connect(InetSocketAddress address, Duration timeout) throws IOException {
        SocketChannel socket = SocketChannel.open();
        try {
            // The socket adaptor's connect honours a time-out on a blocking channel.
            socket.socket().connect(address, (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot connect to " + address + ": " + e.getMessage(), e);
        }
        return channel(socket);
    }

    private static DistChannel channel(SocketChannel socket) throws IOException {
        socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
        socket.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
        return new Channel(socket);
    }

    private record Listener(ServerSocketChannel server) implements DistListener {

        @Override
        public DistChannel accept() throws IOException {
            return channel(server.accept());
        }

        @Override
        public InetSocketAddress localAddress() {
            try {
                return (InetSocketAddress) server.getLocalAddress();
            } catch (IOException e) {
                throw new IllegalStateException("listener closed", e);
            }
        }

        @Override
        public void close() {
            try {
                server.close();
            } catch (IOException ignored) {
                // Closing: nothing to do.
            }
        }
    }

    private record Channel(SocketChannel socket) implements DistChannel {

        @Override
        public int read(ByteBuffer target) throws IOException {
            return socket.read(target);
        }

        @Override
        public void write(ByteBuffer[] sources) throws IOException {
            long remaining = 0;
            for (ByteBuffer source : sources) {
                remaining += source.remaining();
            }
            while (remaining > 0) {
                remaining -= socket.write(sources);
            }
        }

        @Override
        public SocketAddress remoteAddress() {
            try {
                return socket.getRemoteAddress();
            } catch (IOException e) {
                return null;
            }
        }

        @Override
        public boolean isOpen() {
            return socket.isOpen();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing: nothing to do.
            }
        }
    }
}
