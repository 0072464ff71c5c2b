package dev.beamlink.dist.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.handshake.ConnectionArbiter.InboundDecision;
import dev.beamlink.dist.handshake.HandshakeException.Reason;
import dev.beamlink.dist.transport.DistChannel;
import dev.beamlink.dist.transport.DistListener;
import dev.beamlink.dist.transport.TcpTransport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handshake between two beamlink ends, and against malformed or hostile peers. */
class HandshakeTest {

    private final TcpTransport transport = new TcpTransport();
    private DistListener listener;

    @BeforeEach
    void listen() throws IOException {
        listener = transport.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void close() {
        listener.close();
    }

    private static HandshakeConfig config(String name, String cookie, Duration timeout) {
        return new HandshakeConfig(name, HandshakeConfig.defaultFlags(false, 0), 1234, Cookie.of(cookie),
                HandshakeConfig.REQUIRED_FLAGS, timeout);
    }

    private static HandshakeConfig config(String name, String cookie) {
        return config(name, cookie, Duration.ofSeconds(10));
    }

    private CompletableFuture<HandshakeResult> acceptOne(HandshakeConfig config, ConnectionArbiter arbiter) {
        CompletableFuture<HandshakeResult> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                DistChannel channel = listener.accept();
                result.complete(Handshake.accept(channel, config, arbiter));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private DistChannel connect() throws IOException {
        return transport.connect(listener.localAddress(), Duration.ofSeconds(5));
    }

    private static Reason reasonOf(CompletableFuture<?> future) throws InterruptedException {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(20, TimeUnit.SECONDS));
        return ((HandshakeException) e.getCause()).reason();
    }

    @Test
    void twoNodesWithTheSameCookieConnectAndAgreeOnFlags() throws Exception {
        CompletableFuture<HandshakeResult> accepted = acceptOne(config("b@localhost", "c"), ConnectionArbiter.ACCEPT_ALL);
        DistChannel channel = connect();
        HandshakeConfig a = new HandshakeConfig("a@localhost", HandshakeConfig.defaultFlags(true, 0), 99,
                Cookie.of("c"), HandshakeConfig.REQUIRED_FLAGS, Duration.ofSeconds(10));
        HandshakeResult initiated = Handshake.initiate(channel, a, "b@localhost", ConnectionArbiter.ACCEPT_ALL);
        HandshakeResult acceptor = accepted.get(10, TimeUnit.SECONDS);

        assertEquals("b@localhost", initiated.peerNode());
        assertEquals(1234, initiated.peerCreation());
        assertEquals("a@localhost", acceptor.peerNode());
        assertEquals(99, acceptor.peerCreation());
        assertTrue(acceptor.peerHidden());
        assertFalse(initiated.peerHidden());
        assertEquals(initiated.flags(), acceptor.flags());
        assertFalse(initiated.flags().has(DistFlags.DFLAG_PUBLISHED), "a hidden side makes the connection hidden");
        assertTrue(channel.isOpen());
        channel.close();
    }

    @Test
    void aWrongCookieIsRefusedByTheAcceptor() throws Exception {
        CompletableFuture<HandshakeResult> accepted = acceptOne(config("b@localhost", "right"), ConnectionArbiter.ACCEPT_ALL);
        HandshakeException e = assertThrows(HandshakeException.class,
                () -> Handshake.initiate(connect(), config("a@localhost", "wrong"), "b@localhost", ConnectionArbiter.ACCEPT_ALL));
        assertEquals(Reason.CLOSED, e.reason(), "OTP's acceptor closes without a word; so does ours");
        assertEquals(Reason.BAD_COOKIE, reasonOf(accepted));
    }

    @Test
    void aWrongCookieIsRefusedByTheInitiator() throws Exception {
        // An acceptor that knows the initiator's cookie for checking, but answers with another: only the
        // initiator can notice, in the challenge ack.
        HandshakeConfig lying = config("b@localhost", "right");
        CompletableFuture<Void> acceptor = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (DistChannel channel = listener.accept()) {
                HandshakeFrames frames = new HandshakeFrames(channel);
                HandshakeCodec.decodeName(frames.read("recv_name"));
                frames.write(HandshakeMessage.Status.OK);
                frames.write(new HandshakeMessage.Challenge(lying.flags(), 5, 1, "b@localhost"));
                HandshakeMessage.ChallengeReply reply = HandshakeCodec.decodeChallengeReply(frames.read("reply"));
                frames.write(new HandshakeMessage.ChallengeAck(Cookie.of("wrong").digest(reply.challenge())));
                acceptor.complete(null);
            } catch (Throwable t) {
                acceptor.completeExceptionally(t);
            }
        });
        HandshakeException e = assertThrows(HandshakeException.class,
                () -> Handshake.initiate(connect(), config("a@localhost", "right"), "b@localhost", ConnectionArbiter.ACCEPT_ALL));
        assertEquals(Reason.BAD_COOKIE, e.reason());
        acceptor.get(10, TimeUnit.SECONDS);
    }

    @Test
    void anInitiatorThatIsToGiveWayEndsBeforeItAnswersThePeersChallenge() throws Exception {
        CompletableFuture<HandshakeResult> accepted = acceptOne(config("b@localhost", "c"), ConnectionArbiter.ACCEPT_ALL);
        ConnectionArbiter givesWay = arbiter(InboundDecision.ACCEPT, true, false);
        HandshakeException e = assertThrows(HandshakeException.class,
                () -> Handshake.initiate(connect(), config("a@localhost", "c"), "b@localhost", givesWay));
        assertEquals(Reason.SIMULTANEOUS, e.reason());
        assertTrue(e.getMessage().contains("ok_simultaneous"), e.getMessage());
        assertEquals(Reason.CLOSED, reasonOf(accepted), "the acceptor never got a challenge reply: nothing came up");
    }

    @Test
    void theInitiatorRefusesAPeerWithAnotherName() throws Exception {
        acceptOne(config("impostor@localhost", "c"), ConnectionArbiter.ACCEPT_ALL);
        HandshakeException e = assertThrows(HandshakeException.class,
                () -> Handshake.initiate(connect(), config("a@localhost", "c"), "b@localhost", ConnectionArbiter.ACCEPT_ALL));
        assertEquals(Reason.WRONG_PEER, e.reason());
    }

    @Test
    void simultaneousConnectIsDecidedByTheGreaterName() throws Exception {
        assertEquals(InboundDecision.ACCEPT_SIMULTANEOUS, ConnectionArbiter.simultaneous("a@h", "b@h"));
        assertEquals(InboundDecision.DECLINE_SIMULTANEOUS, ConnectionArbiter.simultaneous("b@h", "a@h"));

        ConnectionArbiter declining = arbiter(InboundDecision.DECLINE_SIMULTANEOUS, true);
        CompletableFuture<HandshakeResult> accepted = acceptOne(config("b@localhost", "c"), declining);
        HandshakeException e = assertThrows(HandshakeException.class,
                () -> Handshake.initiate(connect(), config("a@localhost", "c"), "b@localhost", ConnectionArbiter.ACCEPT_ALL));
        assertEquals(Reason.SIMULTANEOUS, e.reason());
        assertEquals(Reason.SIMULTANEOUS, reasonOf(accepted));

        CompletableFuture<HandshakeResult> winning = acceptOne(config("b@localhost", "c"),
                arbiter(InboundDecision.ACCEPT_SIMULTANEOUS, true));
        assertEquals("b@localhost", Handshake.initiate(connect(), config("a@localhost", "c"), "b@localhost",
                ConnectionArbiter.ACCEPT_ALL).peerNode());
        assertEquals("a@localhost", winning.get(10, TimeUnit.SECONDS).peerNode());
    }

    @Test
    void anAliveConnectionIsReplacedOnlyIfTheInitiatorSaysSo() throws Exception {
        CompletableFuture<HandshakeResult> replaced = acceptOne(config("b@localhost", "c"),
                arbiter(InboundDecision.ALREADY_CONNECTED, true));
        HandshakeResult result = Handshake.initiate(connect(), config("a@localhost", "c"), "b@localhost",
                arbiter(InboundDecision.ACCEPT, true));
        assertTrue(result.replacesConnection());
        assertTrue(replaced.get(10, TimeUnit.SECONDS).replacesConnection());

        CompletableFuture<HandshakeResult> kept = acceptOne(config("b@localhost", "c"),
                arbiter(InboundDecision.ALREADY_CONNECTED, true));
        HandshakeException e = assertThrows(HandshakeException.class, () -> Handshake.initiate(connect(),
                config("a@localhost", "c"), "b@localhost", arbiter(InboundDecision.ACCEPT, false)));
        assertEquals(Reason.ALREADY_CONNECTED, e.reason());
        assertEquals(Reason.ALREADY_CONNECTED, reasonOf(kept));
    }

    @Test
    void aPeerLackingRequiredFlagsIsToldNotAllowed() throws Exception {
        CompletableFuture<HandshakeResult> accepted = acceptOne(config("b@localhost", "c"), ConnectionArbiter.ACCEPT_ALL);
        HandshakeConfig old = new HandshakeConfig("a@localhost", new DistFlags(DistFlags.MANDATORY_DFLAGS_25), 1,
                Cookie.of("c"), 0, Duration.ofSeconds(10));
        HandshakeException e = assertThrows(HandshakeException.class,
                () -> Handshake.initiate(connect(), old, "b@localhost", ConnectionArbiter.ACCEPT_ALL));
        assertEquals(Reason.NOT_ALLOWED, e.reason());
        HandshakeException refused = assertThrows(ExecutionException.class, () -> accepted.get(10, TimeUnit.SECONDS))
                .getCause() instanceof HandshakeException h ? h : null;
        assertEquals(Reason.MISSING_FLAGS, refused.reason());
        assertTrue(refused.getMessage().contains("UNLINK_ID"), refused.getMessage());
    }

    @Test
    void aSilentPeerTimesOut() throws Exception {
        CompletableFuture<HandshakeResult> accepted = acceptOne(config("b@localhost", "c", Duration.ofMillis(300)),
                ConnectionArbiter.ACCEPT_ALL);
        try (Socket silent = new Socket(InetAddress.getLoopbackAddress(), listener.localAddress().getPort())) {
            assertEquals(Reason.TIMEOUT, reasonOf(accepted));
            assertEquals(-1, silent.getInputStream().read(), "the acceptor closed the connection");
        }
    }

    @Test
    void aValidNameThenSilenceTimesOut() throws Exception {
        CompletableFuture<HandshakeResult> accepted = acceptOne(config("b@localhost", "c", Duration.ofMillis(500)),
                ConnectionArbiter.ACCEPT_ALL);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.localAddress().getPort())) {
            byte[] name = HandshakeCodec.encode(new HandshakeMessage.Name(HandshakeConfig.defaultFlags(false, 0), 1, "a@localhost"));
            OutputStream out = socket.getOutputStream();
            out.write(ByteBuffer.allocate(2 + name.length).putShort((short) name.length).put(name).array());
            assertEquals(Reason.TIMEOUT, reasonOf(accepted));
        }
    }

    @Test
    void anOverlongFrameIsRefusedWithItsLength() throws Exception {
        CompletableFuture<HandshakeResult> accepted = acceptOne(config("b@localhost", "c"), ConnectionArbiter.ACCEPT_ALL);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.localAddress().getPort())) {
            socket.getOutputStream().write(new byte[] {(byte) 0xFF, (byte) 0xF0, 'N'});
            ExecutionException e = assertThrows(ExecutionException.class, () -> accepted.get(10, TimeUnit.SECONDS));
            HandshakeException h = (HandshakeException) e.getCause();
            assertEquals(Reason.MALFORMED, h.reason());
            assertTrue(h.getMessage().contains("frame length 65520 (expected: <= 2048)"), h.getMessage());
        }
    }

    @Test
    void randomBytesAreRefusedAsMalformed() throws Exception {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 20; i++) {
            CompletableFuture<HandshakeResult> accepted = acceptOne(config("b@localhost", "c", Duration.ofSeconds(2)),
                    ConnectionArbiter.ACCEPT_ALL);
            byte[] junk = new byte[1 + random.nextInt(300)];
            random.nextBytes(junk);
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.localAddress().getPort())) {
                socket.getOutputStream().write(junk);
                socket.shutdownOutput();
                Reason reason = reasonOf(accepted);
                assertTrue(reason == Reason.MALFORMED || reason == Reason.CLOSED || reason == Reason.TIMEOUT
                        || reason == Reason.NOT_ALLOWED || reason == Reason.MISSING_FLAGS, reason.toString());
                assertClosedByPeer(socket);
            }
        }
    }

    /** Reads until the peer closes: an orderly end, or a reset because it closed with our junk unread. */
    private static void assertClosedByPeer(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // whatever status was sent before the close
            }
        } catch (java.net.SocketException reset) {
            assertTrue(reset.getMessage().contains("reset"), reset.getMessage());
        }
    }

    /** {@return an arbiter that answers every inbound peer {@code decision}, and {@code replace} to alive} */
    static ConnectionArbiter arbiter(InboundDecision decision, boolean replace) {
        return arbiter(decision, replace, true);
    }

    /** {@return {@link #arbiter(InboundDecision, boolean)} whose outbound attempts commit, or give way, as {@code commit}} */
    static ConnectionArbiter arbiter(InboundDecision decision, boolean replace, boolean commit) {
        return new ConnectionArbiter() {
            @Override
            public InboundDecision inbound(String peerNode) {
                return decision;
            }

            @Override
            public boolean replaceAlive(String peerNode) {
                return replace;
            }

            @Override
            public boolean commitOutbound(String peerNode) {
                return commit;
            }
        };
    }
}
