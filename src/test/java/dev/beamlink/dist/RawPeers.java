package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.handshake.ConnectionArbiter;
import dev.beamlink.dist.handshake.Cookie;
import dev.beamlink.dist.handshake.Handshake;
import dev.beamlink.dist.handshake.HandshakeConfig;
import dev.beamlink.dist.transport.DistChannel;
import dev.beamlink.dist.transport.TcpTransport;
import dev.beamlink.etf.Atom;
import dev.beamlink.testing.Await;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Peers for tests that speak raw frames to a Java node: each completes the handshake with the right cookie, as a
 * hidden node, and then sends whatever bytes the test wants, and reads only when the test says so; and the wait for
 * the node to close a connection.
 */
final class RawPeers {

    private RawPeers() {
    }

    /**
     * {@return a channel to {@code target}, its handshake done as the hidden node {@code name} offering the default
     * flags and {@code extraFlags}}, once the node lists the peer
     */
    static DistChannel authenticated(DistributedNode target, String name, long extraFlags) throws IOException {
        DistChannel channel = new TcpTransport().connect(
                new InetSocketAddress("127.0.0.1", target.listenAddress().getPort()), Duration.ofSeconds(5));
        HandshakeConfig config = new HandshakeConfig(name, HandshakeConfig.defaultFlags(true, extraFlags), 5,
                Cookie.of(JavaNodes.COOKIE), HandshakeConfig.REQUIRED_FLAGS, Duration.ofSeconds(10));
        Handshake.initiate(channel, config, target.name().text(), ConnectionArbiter.ACCEPT_ALL);
        assertTrue(Await.eventually(() -> target.node().hiddenNodes().contains(Atom.of(name))));
        return channel;
    }

    /** Writes one frame: its length, then {@code parts}. */
    static void send(DistChannel channel, byte[]... parts) throws IOException {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer frame = ByteBuffer.allocate(4 + length).putInt(length);
        for (byte[] part : parts) {
            frame.put(part);
        }
        channel.write(new ByteBuffer[] {frame.flip()});
    }

    /** Reads (and drops) until the node closes the socket; fails if it is still open after {@code within}. */
    static void assertClosedByNode(Socket socket, Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        socket.setSoTimeout(200);
        InputStream in = socket.getInputStream();
        byte[] sink = new byte[4096];
        while (System.nanoTime() < deadline) {
            try {
                if (in.read(sink) < 0) {
                    socket.close();
                    return;
                }
            } catch (SocketTimeoutException stillOpen) {
                // keep waiting
            } catch (IOException reset) {
                socket.close();
                return;
            }
        }
        socket.close();
        throw new AssertionError("the node did not close the connection within " + within);
    }

    /** Reads (and drops) until the node closes the channel; fails if it is still open after {@code within}. */
    static void assertClosedByNode(DistChannel channel, Duration within) {
        ByteBuffer sink = ByteBuffer.allocate(4096);
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(within);
                channel.close();
            } catch (InterruptedException done) {
                // closed in time
            }
        });
        long start = System.nanoTime();
        try {
            while (channel.read(sink.clear()) >= 0) {
                // drain
            }
        } catch (IOException closed) {
            // reset, or closed by the watchdog (checked below)
        } finally {
            watchdog.interrupt();
            channel.close();
        }
        assertTrue(System.nanoTime() - start < within.toNanos(), "the node did not close the connection");
    }
}
