package dev.beamlink.dist.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.dist.PlainTcp;
import dev.beamlink.dist.handshake.HandshakeMessage.Challenge;
import dev.beamlink.dist.handshake.HandshakeMessage.ChallengeAck;
import dev.beamlink.dist.handshake.HandshakeMessage.ChallengeReply;
import dev.beamlink.dist.handshake.HandshakeMessage.Name;
import dev.beamlink.dist.transport.DistChannel;
import dev.beamlink.dist.transport.DistListener;
import dev.beamlink.dist.transport.TcpTransport;
import dev.beamlink.epmd.EpmdClient;
import dev.beamlink.epmd.EpmdRegistration;
import dev.beamlink.epmd.NodeEntry;
import dev.beamlink.etf.Atom;
import dev.beamlink.node.Mailbox;
import dev.beamlink.testing.Await;
import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.NodeNames;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two handshakes that cross, in the order a beamlink peer can produce and OTP's never does: the peer accepts the Java
 * node's attempt, then starts its own before the first one is through. Both nodes must keep the same one; before
 * {@link ConnectionArbiter#commitOutbound} each could bring up a different one and close the other, losing what it
 * had sent over the one it kept (a message sent during a simultaneous connect, lost once in CI over TLS). The peer
 * here is scripted, step by step, so the order is the one under test on every run.
 */
@Tag("interop")
@PlainTcp
class CrossingHandshakesTest {

    private static final String COOKIE = "crossing-cookie";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final TcpTransport transport = new TcpTransport();
    private Epmd epmd;
    private DistListener peerListener;
    private EpmdRegistration peerRegistration;
    private DistributedNode java;
    /** The scripted peer's name: greater than the Java node's, so its attempt is the one answered ok_simultaneous. */
    private String peerName;

    @BeforeEach
    void start() throws IOException {
        epmd = Epmd.start();
        String unique = NodeNames.unique("x");
        peerName = "zz" + unique + "@localhost";
        peerListener = transport.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        peerRegistration = EpmdClient.builder().port(epmd.port()).build()
                .register(NodeEntry.of("zz" + unique, peerListener.localAddress().getPort()));
        java = DistributedNode.builder("aa" + unique + "@localhost").cookie(COOKIE).epmdPort(epmd.port())
                .listenAddress(InetAddress.getLoopbackAddress()).start();
    }

    @AfterEach
    void stop() {
        java.close();
        peerRegistration.close();
        peerListener.close();
        epmd.close();
    }

    private HandshakeConfig peerConfig() {
        return new HandshakeConfig(peerName, HandshakeConfig.defaultFlags(false, 0), 7, Cookie.of(COOKIE),
                HandshakeConfig.REQUIRED_FLAGS, WAIT);
    }

    @Test
    void aPeerThatAcceptsOurAttemptAndThenStartsItsOwnEndsWithOneConnectionThatCarriesWhatWasSent() throws Exception {
        try (Mailbox sender = java.node().mailbox()) {
            sender.send(Atom.of("inbox"), Atom.of(peerName), Atom.of("sent_while_connecting"));

            // The Java node's attempt (ours, seen from the node: outbound) reaches the peer, which accepts it.
            DistChannel theirs = peerListener.accept();
            HandshakeFrames accepted = new HandshakeFrames(theirs);
            Name name = HandshakeCodec.decodeName(accepted.read("recv_name"));
            assertEquals(java.name().text(), name.nodeName());
            accepted.write(HandshakeMessage.Status.OK);

            // Before sending its challenge, the peer starts its own attempt: the node answers ok_simultaneous.
            DistChannel own = transport.connect(java.listenAddress(), WAIT);
            HandshakeFrames initiated = new HandshakeFrames(own);
            HandshakeConfig config = peerConfig();
            initiated.write(new Name(config.flags(), config.creation(), peerName));
            assertEquals("ok_simultaneous", HandshakeCodec.decodeStatus(initiated.read("recv_status")).code());

            // The peer goes on with the node's attempt: the node gives way instead of answering the challenge.
            accepted.write(new Challenge(config.flags(), 12345, config.creation(), peerName));
            assertThrows(HandshakeException.class, () -> accepted.read("recv_challenge_reply"),
                    "the node closes its own attempt; it never answers a challenge it gave way on");

            // The peer's own attempt comes up, and what the node queued goes out on it.
            Challenge challenge = HandshakeCodec.decodeChallenge(initiated.read("recv_challenge"));
            assertEquals(java.name().text(), challenge.nodeName());
            initiated.write(new ChallengeReply(54321, config.cookie().digest(challenge.challenge())));
            ChallengeAck ack = HandshakeCodec.decodeChallengeAck(initiated.read("recv_challenge_ack"));
            assertTrue(config.cookie().verifies(54321, ack.digest()));
            assertTrue(Await.eventually(() -> java.node().connectedNodes().contains(Atom.of(peerName))));
            assertTrue(contains(firstFrameWithData(own), "sent_while_connecting"), "the queued message came over it");
            own.close();
            theirs.close();
        }
    }

    /** {@return the body of the first distribution frame (4-byte length) on {@code channel} that is not a tick} */
    private static byte[] firstFrameWithData(DistChannel channel) throws IOException {
        while (true) {
            int length = readFully(channel, 4).getInt();
            if (length > 0) {
                return readFully(channel, length).array();
            }
        }
    }

    private static ByteBuffer readFully(DistChannel channel, int size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IOException("closed after " + buffer.position() + " of " + size + " bytes");
            }
        }
        return buffer.flip();
    }

    private static boolean contains(byte[] bytes, String text) {
        return new String(bytes, StandardCharsets.ISO_8859_1).contains(text);
    }
}
