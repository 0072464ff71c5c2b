package dev.beamlink.dist.transport;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * Distribution over plain TCP: TCP_NODELAY, gathering writes. The socket is non-blocking, so that a sender can write
 * what the socket takes at once ({@link DistChannel#tryWrite}) and leave the rest to the connection's writer; the
 * blocking {@link DistChannel#read} and {@link DistChannel#write} wait on a selector of their own each (one thread
 * reads, one writes), so that a platform thread waits in the kernel, without a hand-off through another thread.
 *
 * <p>A read that finds nothing first polls the socket for a short while (the read spin) before it waits on its
 * selector, as BEAM's schedulers busy-wait before they sleep. A reader asleep in the kernel must be woken by each
 * segment that arrives, and on loopback that wake-up is paid by the sending node: with the reader asleep after every
 * message, an OTP node sending to us spends more of its own CPU per message than when sending to another OTP node
 * (bench/README.md has the measurement). A spin costs an idle connection at most one spin per burst of input.
 */
public final class TcpTransport implements DistTransport {

    /**
     * The default read spin: 20 microseconds, longer than the gaps between the messages of a busy peer, short beside
     * a round trip between two nodes.
     */
    public static final Duration DEFAULT_READ_SPIN = Duration.ofNanos(20_000);
    /** The longest read spin allowed. */
    public static final Duration MAX_READ_SPIN = Duration.ofMillis(1);

    private final long readSpinNanos;

    /** A transport with the {@linkplain #DEFAULT_READ_SPIN default read spin}. */
    public TcpTransport() {
        this(DEFAULT_READ_SPIN);
    }

    /**
     * @param readSpin how long a read that finds nothing polls before it sleeps; zero never polls
     * @throws IllegalArgumentException if {@code readSpin} is negative or longer than {@link #MAX_READ_SPIN}
     */
    public TcpTransport(Duration readSpin) {
        if (readSpin.isNegative() || readSpin.compareTo(MAX_READ_SPIN) > 0) {
            throw new IllegalArgumentException("read spin: " + readSpin + " (expected: 0 to " + MAX_READ_SPIN + ")");
        }
        this.readSpinNanos = readSpin.toNanos();
    }

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

    private DistChannel channel(SocketChannel socket) throws IOException {
        Selector readable = null;
        Selector writable = null;
        try {
            socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            socket.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            socket.configureBlocking(false);
            readable = Selector.open();
            writable = Selector.open();
            socket.register(readable, SelectionKey.OP_READ);
            socket.register(writable, SelectionKey.OP_WRITE);
            return new Channel(socket, readable, writable, readSpinNanos);
        } catch (IOException e) {
            socket.close();
            Channel.closeQuietly(readable);
            Channel.closeQuietly(writable);
            throw e;
        }
    }

    private final class Listener implements DistListener {

        private final ServerSocketChannel server;

        Listener(ServerSocketChannel server) {
            this.server = server;
        }

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

    /** A non-blocking socket, with a selector for the reader's waits and one for the writer's. */
    private record Channel(SocketChannel socket, Selector readable, Selector writable, long readSpinNanos)
            implements DistChannel {

        @Override
        public int read(ByteBuffer target) throws IOException {
            boolean idle = false;
            long idleSince = 0;
            while (true) {
                int n = socket.read(target);
                if (n != 0 || !target.hasRemaining()) {
                    return n;
                }
                if (!idle) {
                    idle = true;
                    idleSince = System.nanoTime();
                }
                if (System.nanoTime() - idleSince < readSpinNanos) {
                    Thread.onSpinWait();
                } else {
                    await(readable);
                }
            }
        }

        @Override
        public void write(ByteBuffer[] sources) throws IOException {
            long remaining = 0;
            for (ByteBuffer source : sources) {
                remaining += source.remaining();
            }
            while (remaining > 0) {
                long n = socket.write(sources);
                remaining -= n;
                if (n == 0) {
                    await(writable);
                }
            }
        }

        @Override
        public long tryWrite(ByteBuffer[] sources) throws IOException {
            return socket.write(sources);
        }

        /** Waits until the socket is ready for the selector's operation; a closed channel ends the wait. */
        private void await(Selector selector) throws IOException {
            try {
                selector.select();
                selector.selectedKeys().clear();
            } catch (ClosedSelectorException e) {
                throw new ClosedChannelException();
            }
            if (!socket.isOpen()) {
                throw new EOFException("the channel was closed");
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
            closeQuietly(readable);
            closeQuietly(writable);
        }

        static void closeQuietly(Selector selector) {
            if (selector == null) {
                return;
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // Closing: nothing to do.
            }
        }
    }
}
