package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.handshake.HandshakeConfig;
import dev.beamlink.dist.transport.DistChannel;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Etf;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Tuple;
import dev.beamlink.testing.Await;
import dev.beamlink.testing.ErlNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile input on the Java node's listening port, before and after a completed handshake: each offending
 * connection is closed within a time-out (and the reason logged), while the node and its connection to a live
 * erl carry on.
 */
@Tag("interop")
@PlainTcp
class HostileInputTest {

    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);
    private static final long MAX_FRAME = 1 << 20;
    /** How long the node may take to close an offending connection: the handshake deadline and slack. */
    private static final Duration CLOSED_WITHIN = Duration.ofSeconds(10);
    /** After every attack, the node still talks to erl both ways over the connection it had. */
    @RegisterExtension
    static final Bystander FIXTURE = Bystander.start("target", b -> b.handshakeTimeout(HANDSHAKE_TIMEOUT)
            .maxFrameLength(MAX_FRAME).maxHandshakes(16));
    private static final ErlNode erl = FIXTURE.erl;
    private static final DistributedNode java = FIXTURE.java;

    private static Socket open() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", java.listenAddress().getPort()), 5000);
        return socket;
    }

    /** Reads until the node closes the connection; fails if it stays open past {@link #CLOSED_WITHIN}. */
    private static void assertClosedByNode(Socket socket) throws IOException {
        RawPeers.assertClosedByNode(socket, CLOSED_WITHIN);
    }

    @Test
    void randomBytes() throws IOException {
        try (Socket socket = open()) {
            byte[] noise = new byte[1000];
            new Random(42).nextBytes(noise);
            socket.getOutputStream().write(noise);
            assertClosedByNode(socket);
        }
    }

    @Test
    void aValidNameThenSilence() throws IOException {
        try (Socket socket = open()) {
            byte[] name = "evil@localhost".getBytes(StandardCharsets.US_ASCII);
            ByteBuffer message = ByteBuffer.allocate(2 + 15 + name.length);
            message.putShort((short) (15 + name.length)).put((byte) 'N')
                    .putLong(HandshakeConfig.defaultFlags(false, 0).bits()).putInt(1).putShort((short) name.length).put(name);
            socket.getOutputStream().write(message.array());
            long start = System.nanoTime();
            assertClosedByNode(socket);
            assertTrue(System.nanoTime() - start >= HANDSHAKE_TIMEOUT.toNanos() / 2, "closed for silence, not at once");
        }
    }

    @Test
    void aHandshakeFrameLongerThanAnyLegalOne() throws IOException {
        try (Socket socket = open()) {
            byte[] frame = new byte[2 + 0xFFFF];
            frame[0] = (byte) 0xFF;
            frame[1] = (byte) 0xFF;
            frame[2] = 'N';
            socket.getOutputStream().write(frame, 0, 3);
            assertClosedByNode(socket);
        }
    }

    @Test
    void aFloodOfHalfOpenConnections() throws IOException {
        List<Socket> flood = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                flood.add(open());
            }
            assertTrue(java.ping(erl.nodeName()), "the node answers during the flood");
            assertEquals("pong", erl.evalText("net_adm:ping('" + java.name().text() + "')."));
            for (Socket socket : flood) {
                assertClosedByNode(socket);
            }
        } finally {
            for (Socket socket : flood) {
                socket.close();
            }
        }
    }

    /** A peer that completed the handshake with the right cookie, then speaks raw frames. */
    private static DistChannel authenticatedPeer() throws IOException {
        return authenticatedPeer(JavaNodes.uniqueName("evil"));
    }

    private static DistChannel authenticatedPeer(String evil) throws IOException {
        return RawPeers.authenticated(java, evil, 0);
    }

    private static void send(DistChannel channel, byte[]... parts) throws IOException {
        RawPeers.send(channel, parts);
    }

    private static void assertClosedByNode(DistChannel channel) throws IOException {
        assertClosedByNodeOnly(channel);
        assertTrue(Await.eventually(() -> java.node().hiddenNodes().isEmpty()), "the connection is gone from the node");
    }

    @Test
    void aSecondConnectionUnderAConnectedNameReplacesTheFirstWhenThePeerSaysSo() throws IOException {
        String name = JavaNodes.uniqueName("again");
        DistChannel first = authenticatedPeer(name);
        DistChannel second = authenticatedPeer(name); // the node answers alive; the peer says true: replace
        try {
            assertClosedByNodeOnly(first);
            // The replacement comes up only once the old connection is torn down: wait for it.
            assertTrue(Await.eventually(() -> java.node().hiddenNodes().equals(List.of(Atom.of(name)))),
                    "the second connection replaced the first: " + java.node().hiddenNodes());
            send(second, new byte[] {113});
            assertClosedByNode(second);
        } finally {
            second.close();
        }
    }

    /** Like {@link #assertClosedByNode(DistChannel)}, without waiting for the node to forget the peer. */
    private static void assertClosedByNodeOnly(DistChannel channel) {
        RawPeers.assertClosedByNode(channel, CLOSED_WITHIN);
    }

    @Test
    void aMalformedFrameAfterTheHandshake() throws IOException {
        DistChannel channel = authenticatedPeer();
        send(channel, new byte[] {113, 1, 2, 3});
        assertClosedByNode(channel);
    }

    @Test
    void anUnknownControlMessage() throws IOException {
        DistChannel channel = authenticatedPeer();
        send(channel, new byte[] {112}, Etf.encode(Tuple.of(Int.of(99), Atom.of("what"))));
        assertClosedByNode(channel);
    }

    @Test
    void aControlTupleOfTheWrongShape() throws IOException {
        DistChannel channel = authenticatedPeer();
        send(channel, new byte[] {112}, Etf.encode(Tuple.of(Int.of(22), Atom.of("not_a_pid"), Atom.of("nor_this"))),
                Etf.encode(Atom.of("message")));
        assertClosedByNode(channel);
    }

    @Test
    void anUndecodableTerm() throws IOException {
        DistChannel channel = authenticatedPeer();
        send(channel, new byte[] {112, (byte) 131, (byte) 0xEE, 1, 2, 3});
        assertClosedByNode(channel);
    }

    @Test
    void aFrameOverTheMaximum() throws IOException {
        DistChannel channel = authenticatedPeer();
        ByteBuffer header = ByteBuffer.allocate(5).putInt((int) (MAX_FRAME + 1)).put((byte) 112).flip();
        channel.write(new ByteBuffer[] {header});
        assertClosedByNode(channel);
        assertFalse(java.node().connectedNodes().isEmpty());
    }
}
