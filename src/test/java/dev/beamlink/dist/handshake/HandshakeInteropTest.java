package dev.beamlink.dist.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.PlainTcp;
import dev.beamlink.dist.WireFixture;
import dev.beamlink.dist.transport.DistChannel;
import dev.beamlink.dist.transport.TcpTransport;
import dev.beamlink.testing.ErlNode;
import dev.beamlink.testing.FreePorts;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** beamlink's initiator against a live OTP acceptor. */
@Tag("interop")
@PlainTcp
class HandshakeInteropTest extends WireFixture {

    private final int erlPort = FreePorts.pick();

    @Override
    protected ErlNode.Builder erlOptions(ErlNode.Builder builder) {
        return builder.cookie("interop-cookie").distPort(erlPort);
    }

    private DistChannel connect() throws Exception {
        return new TcpTransport().connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), erlPort), Duration.ofSeconds(5));
    }

    @Test
    void erlAcceptsOurHandshakeAndListsUsAsConnected() throws Exception {
        String us = "java_hs_" + ProcessHandle.current().pid() + "@localhost";
        HandshakeConfig config = new HandshakeConfig(us, HandshakeConfig.defaultFlags(false, 0), 7,
                Cookie.of("interop-cookie"), HandshakeConfig.REQUIRED_FLAGS, Duration.ofSeconds(10));
        try (DistChannel channel = connect()) {
            HandshakeResult result = Handshake.initiate(channel, config, erl.node().nodeName(), ConnectionArbiter.ACCEPT_ALL);
            assertEquals(erl.node().nodeName(), result.peerNode());
            assertTrue(result.flags().has(HandshakeConfig.REQUIRED_FLAGS), result.flags().toString());
            assertTrue(result.flags().has(DistFlags.DFLAG_PUBLISHED));
            assertEquals("true", erl.node().evalText("lists:member('" + us + "', nodes())."));
        }
    }

    @Test
    void erlAcceptsAHiddenNodeAndListsItAmongTheHiddenOnly() throws Exception {
        String us = "java_hidden_" + ProcessHandle.current().pid() + "@localhost";
        HandshakeConfig config = new HandshakeConfig(us, HandshakeConfig.defaultFlags(true, 0), 8,
                Cookie.of("interop-cookie"), HandshakeConfig.REQUIRED_FLAGS, Duration.ofSeconds(10));
        try (DistChannel channel = connect()) {
            Handshake.initiate(channel, config, erl.node().nodeName(), ConnectionArbiter.ACCEPT_ALL);
            assertEquals("{false,true}", erl.node().evalText(
                    "{lists:member('" + us + "', nodes()), lists:member('" + us + "', nodes(hidden))}."));
        }
    }

    @Test
    void erlRefusesAWrongCookieAndNothingConnects() throws Exception {
        String us = "java_badcookie_" + ProcessHandle.current().pid() + "@localhost";
        HandshakeConfig config = new HandshakeConfig(us, HandshakeConfig.defaultFlags(false, 0), 9,
                Cookie.of("not-the-cookie"), HandshakeConfig.REQUIRED_FLAGS, Duration.ofSeconds(10));
        HandshakeException e = assertThrows(HandshakeException.class,
                () -> Handshake.initiate(connect(), config, erl.node().nodeName(), ConnectionArbiter.ACCEPT_ALL));
        assertEquals(HandshakeException.Reason.CLOSED, e.reason());
        assertEquals("false", erl.node().evalText("lists:member('" + us + "', nodes(connected))."));
    }
}
