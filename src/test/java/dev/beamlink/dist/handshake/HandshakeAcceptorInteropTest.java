package dev.beamlink.dist.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.PlainTcp;
import dev.beamlink.dist.WireFixture;
import dev.beamlink.dist.transport.DistChannel;
import dev.beamlink.dist.transport.DistListener;
import dev.beamlink.dist.transport.TcpTransport;
import dev.beamlink.epmd.EpmdClient;
import dev.beamlink.epmd.EpmdRegistration;
import dev.beamlink.testing.ErlNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A live OTP initiator against beamlink's acceptor, found through a real epmd. */
@Tag("interop")
@PlainTcp
class HandshakeAcceptorInteropTest extends WireFixture {

    private DistListener listener;
    private EpmdRegistration registration;
    private static final String ALIVE = "java_acc_" + ProcessHandle.current().pid();
    private static final String US = ALIVE + "@localhost";

    @Override
    protected ErlNode.Builder erlOptions(ErlNode.Builder builder) {
        return builder.cookie("acceptor-cookie");
    }

    @BeforeAll
    void listen() throws Exception {
        listener = new TcpTransport().listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        registration = EpmdClient.builder().port(epmd().port()).build().register(ALIVE, listener.localAddress().getPort());
    }

    @AfterAll
    void stopListening() {
        registration.close();
        listener.close();
    }

    private CompletableFuture<HandshakeResult> acceptOne(String cookie) {
        HandshakeConfig config = new HandshakeConfig(US, HandshakeConfig.defaultFlags(false, 0), registration.creation(),
                Cookie.of(cookie), HandshakeConfig.REQUIRED_FLAGS, Duration.ofSeconds(10));
        CompletableFuture<HandshakeResult> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                DistChannel channel = listener.accept();
                result.complete(Handshake.accept(channel, config, ConnectionArbiter.ACCEPT_ALL));
                // The test ends the connection: erl then sees us leave.
                Thread.sleep(200);
                channel.close();
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    @Test
    void erlConnectsToUsWithTheRightCookie() throws Exception {
        CompletableFuture<HandshakeResult> accepted = acceptOne("acceptor-cookie");
        assertEquals("true", erl.node().evalText("net_kernel:connect_node('" + US + "')."));
        HandshakeResult result = accepted.get(15, TimeUnit.SECONDS);
        assertEquals(erl.node().nodeName(), result.peerNode());
        assertFalse(result.peerHidden());
        assertTrue(result.flags().has(HandshakeConfig.REQUIRED_FLAGS));
        assertEquals(Integer.toUnsignedString(result.peerCreation()),
                erl.node().evalText("erts_internal:get_creation()."), "the creation erl announced is the one it uses");
    }

    @Test
    void erlWithAWrongCookieIsRefusedAndNothingConnects() throws Exception {
        CompletableFuture<HandshakeResult> accepted = acceptOne("a-different-cookie");
        assertEquals("false", erl.node().evalText("net_kernel:connect_node('" + US + "')."));
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> accepted.get(15, TimeUnit.SECONDS));
        assertEquals(HandshakeException.Reason.BAD_COOKIE, ((HandshakeException) e.getCause()).reason());
        assertEquals("false", erl.node().evalText("lists:member('" + US + "', nodes(connected))."));
    }
}
