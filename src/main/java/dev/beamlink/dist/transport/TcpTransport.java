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
import java.util.concurrent.TimeUnit;

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
 *
 * <p>The socket's receive buffer (SO_RCVBUF) is fixed ({@link #DEFAULT_RECEIVE_BUFFER}), not left to the kernel's
 * autotuning: a peer that sends faster than this node reads fills what the kernel queues for the socket, and
 * autotuning lets that grow to {@code net.ipv4.tcp_rmem}'s maximum (6 MiB by default, 32 MiB on some systems), so a
 * small message behind a flood of large ones waits until all of it is read (measured: 12 ms behind 1 MiB binaries
 * from an erl node, 2 ms with 1 MiB). Fixed, the bytes that wait in the kernel are what the reader takes in well under
 * a millisecond; the rest waits in the peer's distribution queue, where OTP puts other processes' messages between the
 * fragments of a large one. The buffer also bounds the TCP window, so one connection carries at most about the buffer
 * per round trip (1 MiB: 1 GB/s at 1 ms, 100 MB/s at 10 ms); a connection over a long path may want more, or
 * {@code 0}, the kernel's autotuning ({@link #TcpTransport(Duration, int)}).
 */
public final class TcpTransport implements DistTransport {

    /**
     * The default read spin: 20 microseconds, longer than the gaps between the messages of a busy peer, short beside
     * a round trip between two nodes.
     */
    public static final Duration DEFAULT_READ_SPIN = Duration.ofNanos(20_000);
    /** The longest read spin allowed. */
    public static final Duration MAX_READ_SPIN = Duration.ofMillis(1);

    /** The default socket receive buffer (SO_RCVBUF) of a connection: 1 MiB (the kernel doubles it for its own use). */
    public static final int DEFAULT_RECEIVE_BUFFER = 1 << 20;

    private final long readSpinNanos;
    private final int receiveBuffer;

    /** A transport with the {@linkplain #DEFAULT_READ_SPIN default read spin} and receive buffer. */
    public TcpTransport() {
        this(DEFAULT_READ_SPIN);
    }

    /**
     * A transport with the {@linkplain #DEFAULT_RECEIVE_BUFFER default receive buffer}.
     *
     * @param readSpin how long a read that finds nothing polls before it sleeps; zero never polls
     * @throws IllegalArgumentException if {@code readSpin} is negative or longer than {@link #MAX_READ_SPIN}
     */
    public TcpTransport(Duration readSpin) {
        this(readSpin, DEFAULT_RECEIVE_BUFFER);
    }

    /**
     * @param readSpin      how long a read that finds nothing polls before it sleeps; zero never polls
     * @param receiveBuffer each connection's socket receive buffer (SO_RCVBUF), in bytes; zero leaves it to the kernel's
     *                      autotuning
     * @throws IllegalArgumentException if {@code readSpin} is negative or longer than {@link #MAX_READ_SPIN}, or
     *                                  {@code receiveBuffer} negative
     */
    public TcpTransport(Duration readSpin, int receiveBuffer) {
        if (readSpin.isNegative() || readSpin.compareTo(MAX_READ_SPIN) > 0) {
            throw new IllegalArgumentException("read spin: " + readSpin + " (expected: 0 to " + MAX_READ_SPIN + ")");
        }
        if (receiveBuffer < 0) {
            throw new IllegalArgumentException("receive buffer: " + receiveBuffer + " (expected: >= 0)");
        }
        this.readSpinNanos = readSpin.toNanos();
        this.receiveBuffer = receiveBuffer;
    }

    @Override
    public DistListener listen(InetSocketAddress address) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            if (receiveBuffer > 0) { // before bind: accepted sockets take it, and their window scale is agreed for it
                server.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
            }
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
            if (receiveBuffer > 0) { // before connect: the window scale is agreed in the handshake
                socket.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
            }
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
        try {
            socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            socket.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            socket.configureBlocking(false);
            readable = Selector.open();
            socket.register(readable, SelectionKey.OP_READ);
            return new Channel(socket, readable, readSpinNanos);
        } catch (IOException e) {
            socket.close();
            Channel.closeQuietly(readable);
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

    /**
     * A non-blocking socket, with a selector for the reader's waits and one for the writer's, made when a write first
     * has to wait (most connections never fill their socket's buffer).
     */
    private static final class Channel implements DistChannel {

        private final SocketChannel socket;
        private final Selector readable;
        private volatile Selector writable;
        private final long readSpinNanos;
        // The reading thread's own state.
        /** How long a read that finds nothing polls before it sleeps: the read spin, or 0 (see {@link #read}). */
        private long spinNanos;
        /** The last read took all the socket held: a read now would most likely find nothing. */
        private boolean drained;
        /** The targets of a scattering read, empty between reads. */
        private final ByteBuffer[] scatter = new ByteBuffer[2];

        Channel(SocketChannel socket, Selector readable, long readSpinNanos) {
            this.socket = socket;
            this.readable = readable;
            this.readSpinNanos = readSpinNanos;
            this.spinNanos = readSpinNanos;
        }

        /**
         * Reads what the socket holds; when it holds nothing, polls it for the spin's time, then sleeps on the selector.
         * The spin is adaptive: it is made only while the peer's input comes in bursts closer together than the spin
         * (the last wait for input was no longer), as in a stream of messages, where it saves the sleep and wake-up of
         * each read. Between longer gaps (a round trip, a quiet connection) a spin would catch nothing, and on a machine
         * with few cores it would hold a core that the process the input is for, and the peer node, need; so none is
         * made until the gaps are short again. Nor is a read tried first when the last one took all the socket had: it
         * would most likely find nothing, a system call for nothing each message.
         */
        @Override
        public int read(ByteBuffer target) throws IOException {
            return read(target, null);
        }

        @Override
        public int read(ByteBuffer target, ByteBuffer then) throws IOException {
            int wanted = target.remaining() + (then == null ? 0 : then.remaining());
            if (wanted == 0) {
                return 0;
            }
            int n = drained ? 0 : readNow(target, then);
            long idleSince = System.nanoTime();
            while (n == 0) {
                n = spin(target, then, idleSince);
                if (n == 0) {
                    select(readable, -1);
                    n = readNow(target, then);
                    if (n != 0) {
                        adapt(idleSince);
                    }
                }
            }
            drained = n < wanted;
            return n;
        }

        /** One read of the socket into {@code target}, and, if not null, {@code then} after it. */
        private int readNow(ByteBuffer target, ByteBuffer then) throws IOException {
            if (then == null) {
                return socket.read(target);
            }
            ByteBuffer[] targets = scatter;
            targets[0] = target;
            targets[1] = then;
            try {
                return (int) socket.read(targets);
            } finally {
                targets[0] = null;
                targets[1] = null;
            }
        }

        @Override
        public boolean awaitInput(long timeoutNanos) throws IOException {
            if (!drained) {
                // The last read filled its buffer, or none was made yet (the first wait, right after the handshake): input
                // may wait, or not. Look without waiting; else a platform reader would go on to a read that waits with no
                // time limit, and hold its thread for as long as the peer is quiet.
                if (readable.selectNow() > 0) {
                    readable.selectedKeys().clear();
                    return true;
                }
                drained = true;
            }
            long idleSince = System.nanoTime();
            if (spin(null, null, idleSince) == 0) {
                if (!select(readable, timeoutNanos)) {
                    return false;
                }
                adapt(idleSince);
            }
            drained = false;
            return true;
        }

        /**
         * Polls the socket while a spin is due: reads into {@code target}, or, when null, looks whether input is there.
         * {@return what a read returned, or 1 for input seen, or 0 when the spin ended with none}
         */
        private int spin(ByteBuffer target, ByteBuffer then, long idleSince) throws IOException {
            while (spinNanos > 0 && System.nanoTime() - idleSince < spinNanos) {
                Thread.onSpinWait();
                if (target != null) {
                    int n = readNow(target, then);
                    if (n != 0) {
                        return n;
                    }
                } else if (readable.selectNow() > 0) {
                    readable.selectedKeys().clear();
                    return 1;
                }
            }
            return 0;
        }

        /** Input came after a wait that began at {@code idleSince}: the next spin is made if it would have caught it. */
        private void adapt(long idleSince) {
            spinNanos = System.nanoTime() - idleSince <= readSpinNanos ? readSpinNanos : 0;
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
                    select(writable(), -1);
                }
            }
        }

        @Override
        public long tryWrite(ByteBuffer[] sources) throws IOException {
            return socket.write(sources);
        }

        /** {@return the writer's selector, made the first time a write waits} Only the thread that writes calls it. */
        private Selector writable() throws IOException {
            Selector selector = writable;
            if (selector == null) {
                selector = Selector.open();
                try {
                    socket.register(selector, SelectionKey.OP_WRITE);
                } catch (IOException e) {
                    closeQuietly(selector);
                    throw e;
                }
                writable = selector;
                if (!socket.isOpen()) { // closed meanwhile: close() may not have seen it
                    closeQuietly(selector);
                    throw new ClosedChannelException();
                }
            }
            return selector;
        }

        /**
         * Waits until the socket is ready for the selector's operation, up to {@code timeoutNanos} (negative: no limit).
         * {@return false when the time passed first} A closed channel ends the wait with an exception.
         */
        private boolean select(Selector selector, long timeoutNanos) throws IOException {
            int ready;
            try {
                ready = timeoutNanos < 0 ? selector.select()
                        : selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos)));
                selector.selectedKeys().clear();
            } catch (ClosedSelectorException e) {
                throw new ClosedChannelException();
            }
            if (!socket.isOpen()) {
                throw new EOFException("the channel was closed");
            }
            return ready > 0;
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
