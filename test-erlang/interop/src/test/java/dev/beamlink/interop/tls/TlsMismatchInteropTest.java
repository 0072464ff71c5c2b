package dev.beamlink.interop.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.dist.tls.LogCapture;
import dev.beamlink.dist.transport.TcpTransport;
import dev.beamlink.dist.transport.tls.TlsTransport;
import dev.beamlink.testing.ErlNode;
import dev.beamlink.testing.junit.BeamlinkTls;
import dev.beamlink.testing.junit.ErlangExtension;
import dev.beamlink.testing.junit.Nodes;
import dev.beamlink.testing.tls.TlsKit;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Peers that do not complete a TLS handshake, against live erl: a plain-TCP node talking to a TLS node and the reverse,
 * each way, and a peer that stops in the middle of the TLS handshake, which the distribution handshake's deadline
 * drops. No connection is made, and the Java side logs why.
 */
@Tag("interop")
@OwnDistribution
@ExtendWith(ErlangExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsMismatchInteropTest {

    private static final Duration LOG_WAIT = Duration.ofSeconds(10);
    private static final Duration DEADLINE = Duration.ofSeconds(1);

    private Nodes nodes;
    private TlsKit tls;
    private TlsTransport transport;
    private ErlNode erlTls;
    private ErlNode erlPlain;

    @BeforeAll
    void start(Nodes classNodes) {
        nodes = classNodes;
        tls = nodes.tls();
        transport = BeamlinkTls.transport(tls);
        erlTls = TlsNodes.erl(nodes, "tls_mismatch", tls.optFile());
        erlPlain = nodes.erl("plain_mismatch", builder -> builder.tlsDistribution(null));
    }

    private static void assertNotConnected(DistributedNode java, ErlNode erl) {
        assertTrue(java.node().connectedNodes().isEmpty(), () -> "Java is connected to " + java.node().connectedNodes());
        assertEquals("false", erl.evalText("lists:member('" + java.name().text() + "', nodes(connected))."));
    }

    // ---- plain TCP and TLS

    @Test
    void aPlainErlNodeCannotConnectToATlsJavaNode() {
        try (DistributedNode java = TlsNodes.java(nodes, "tls_vs_plain", transport);
             LogCapture log = new LogCapture()) {
            assertEquals("pang", erlPlain.evalText("net_adm:ping('" + java.name().text() + "')."));
            assertNotNull(log.awaitLine(LOG_WAIT, "TLS handshake with", "failed", "does not speak TLS"),
                    () -> "no log line in " + log.lines());
            assertNotConnected(java, erlPlain);
        }
    }

    /** The plain node waits for the rest of what it takes for a handshake message; the deadline ends the wait. */
    @Test
    void aTlsJavaNodeCannotConnectToAPlainErlNode() {
        try (DistributedNode java = nodes.beamlink("tls_to_plain",
                     builder -> builder.transport(transport).handshakeTimeout(DEADLINE));
             LogCapture log = new LogCapture()) {
            assertFalse(java.ping(erlPlain.nodeName()));
            assertNotNull(log.awaitLine(LOG_WAIT, "TLS handshake with", "did not complete", "a plain TCP node"),
                    () -> "no log line in " + log.lines());
            assertNotConnected(java, erlPlain);
        }
    }

    @Test
    void aPlainJavaNodeCannotConnectToATlsErlNode() {
        try (DistributedNode java = TlsNodes.java(nodes, "plain_to_tls", new TcpTransport())) {
            assertFalse(java.ping(erlTls.nodeName()));
            assertNotConnected(java, erlTls);
        }
    }

    @Test
    void aTlsErlNodeCannotConnectToAPlainJavaNode() {
        try (DistributedNode java = TlsNodes.java(nodes, "plain_vs_tls", new TcpTransport());
             LogCapture log = new LogCapture()) {
            assertEquals("pang", erlTls.evalText("net_adm:ping('" + java.name().text() + "')."));
            assertNotNull(log.awaitLine(LOG_WAIT, "inbound handshake from", "failed"), () -> "no log line in " + log.lines());
            assertNotConnected(java, erlTls);
        }
    }

    // ---- a peer that stops in the middle of the TLS handshake

    @Test
    void javaGivesUpOnAnErlNodeThatStopsInTheMiddleOfTheTlsHandshakeWhenTheDeadlinePasses() {
        try (ErlNode frozen = TlsNodes.erl(nodes, "tls_frozen", tls.optFile());
             DistributedNode java = nodes.beamlink("tls_to_frozen",
                     builder -> builder.transport(transport).handshakeTimeout(DEADLINE));
             LogCapture log = new LogCapture()) {
            frozen.freeze(); // its listen socket still takes the connection, and our ClientHello: nothing answers
            long start = System.nanoTime();
            try {
                assertFalse(java.ping(frozen.nodeName()));
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertTrue(took.compareTo(DEADLINE.minusMillis(100)) >= 0 && took.compareTo(DEADLINE.plusSeconds(5)) < 0,
                        () -> "ping gave up after " + took + " (expected: about the deadline, " + DEADLINE + ")");
                assertNotNull(log.awaitLine(LOG_WAIT, "TLS handshake with", "did not complete", "deadline"),
                        () -> "no log line in " + log.lines());
            } finally {
                frozen.resume();
            }
            assertTrue(java.node().connectedNodes().isEmpty());
        }
    }

    @Test
    void javaDropsAClientThatStopsInTheMiddleOfTheTlsHandshakeWhenTheDeadlinePasses() throws Exception {
        try (DistributedNode java = nodes.beamlink("tls_stalled",
                     builder -> builder.transport(transport).handshakeTimeout(DEADLINE));
             LogCapture log = new LogCapture();
             Socket stalled = new Socket(InetAddress.getLoopbackAddress(), java.listenAddress().getPort())) {
            byte[] hello = clientHello();
            OutputStream out = stalled.getOutputStream();
            out.write(hello, 0, hello.length / 2); // half a ClientHello, then nothing
            out.flush();
            long start = System.nanoTime();
            stalled.setSoTimeout((int) DEADLINE.plusSeconds(10).toMillis());
            InputStream in = stalled.getInputStream();
            int first;
            try {
                first = in.read();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the stalled client was not dropped within " + DEADLINE.plusSeconds(10), e);
            } catch (java.net.SocketException reset) {
                first = -1;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(-1, first, "the connection is closed, with nothing sent");
            assertTrue(took.compareTo(DEADLINE.minusMillis(100)) >= 0,
                    () -> "dropped after " + took + ", before the deadline " + DEADLINE);
            assertNotNull(log.awaitLine(LOG_WAIT, "inbound handshake from", "no complete handshake within"),
                    () -> "no log line in " + log.lines());
            assertNotNull(log.awaitLine(LOG_WAIT, "TLS handshake with", "did not complete"),
                    () -> "no log line in " + log.lines());
            assertEquals(List.of(), java.node().connectedNodes());
        }
    }

    /** {@return the first flight of a TLS client: a ClientHello, as the JDK makes it} */
    private static byte[] clientHello() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, null, null);
        SSLEngine engine = context.createSSLEngine("localhost", 0);
        engine.setUseClientMode(true);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        byte[] hello = new byte[out.flip().remaining()];
        out.get(hello);
        return hello;
    }
}
