package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.handshake.HandshakeConfig;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.node.Exit;
import dev.beamlink.node.Mailbox;
import dev.beamlink.testing.Await;
import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.ErlNode;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A stranger that claims a node's name in a handshake it never finishes (issue 14, item 1) must not take that node's
 * place: what the Java node queues for the real node goes to it, its links stay, and the real node can connect.
 */
@Tag("interop")
@PlainTcp
class ImpostorHandshakeInteropTest {

    /** The Java node's handshake deadline: the stranger's handshake ends after it. */
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);

    private Epmd epmd;
    private ErlNode erlNode;
    private ErlSide erl;
    private DistributedNode java;

    @BeforeEach
    void start() {
        epmd = Epmd.start();
        erlNode = ErlNode.builder().name("real").cookie(JavaNodes.COOKIE).epmd(epmd).start();
        erl = new ErlSide(erlNode);
        java = JavaNodes.start(JavaNodes.builder("target", epmd).handshakeTimeout(HANDSHAKE_TIMEOUT));
    }

    @AfterEach
    void stop() {
        java.close();
        erlNode.close();
        epmd.close();
    }

    /**
     * {@return a connection that sends the handshake's name message as {@code name} and reads the node's status}, then
     * says nothing more
     */
    private Socket claim(String name) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", java.listenAddress().getPort()), 5000);
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer message = ByteBuffer.allocate(2 + 15 + bytes.length);
        message.putShort((short) (15 + bytes.length)).put((byte) 'N')
                .putLong(HandshakeConfig.defaultFlags(false, 0).bits()).putInt(1).putShort((short) bytes.length).put(bytes);
        socket.getOutputStream().write(message.array());
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] status = new byte[in.readUnsignedShort()];
        in.readFully(status);
        assertEquals("sok", new String(status, StandardCharsets.US_ASCII), "the node accepted the stranger's name");
        return socket;
    }

    @Test
    void whatIsQueuedForANodeWhoseNameAStrangerClaimedReachesTheNode() throws IOException {
        Pid probe = erl.probe(false);
        try (Socket stranger = claim(erlNode.nodeName()); Mailbox me = java.node().mailbox()) {
            me.trapExit(true);
            assertTrue(me.link(probe));
            me.send(probe, Atom.of("for_the_real_node"));
            assertEquals(List.of(Atom.of("for_the_real_node")), erl.messages(probe, 1, Await.PATIENCE));
            Await.until("erl holds the link", () -> erl.linksOf(probe).contains(me.self()));
            RawPeers.assertClosedByNode(stranger, HANDSHAKE_TIMEOUT.multipliedBy(5));
            assertTrue(erl.linksOf(probe).contains(me.self()), "the stranger's failure broke no link");
            assertEquals(Optional.empty(), me.receive(m -> m instanceof Exit exit ? exit : null, Duration.ZERO));
            assertEquals(List.of(probe), me.links());
        }
    }

    @Test
    void theRealNodeConnectsWhileAStrangerHoldsItsName() throws IOException {
        try (Socket stranger = claim(erlNode.nodeName())) {
            assertEquals("pong", erlNode.evalText("net_adm:ping('" + java.name().text() + "')."));
            assertTrue(java.node().nodes().contains(Atom.of(erlNode.nodeName())));
        }
    }
}
