package dev.beamlink.interop.tls;

import static dev.beamlink.interop.tls.TlsNodes.PATIENCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.dist.tls.LogCapture;
import dev.beamlink.dist.transport.tls.TlsTransport;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Binary;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Mailbox;
import dev.beamlink.testing.ErlNode;
import dev.beamlink.testing.junit.BeamlinkTls;
import dev.beamlink.testing.junit.ErlangExtension;
import dev.beamlink.testing.junit.Nodes;
import dev.beamlink.testing.tls.TlsKit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * TLS 1.3 with a live erl that offers only it ({@code {versions, ['tlsv1.3']}}) and updates its keys every 64 KiB it
 * sends ({@code {key_update_at, 65536}}, asking for ours each time): streams both ways through the key updates, each
 * side connecting; a Java node that offers TLS 1.2 only is refused; the cipher suites are the ones asked for.
 */
@Tag("interop")
@OwnDistribution
@ExtendWith(ErlangExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsVersionsInteropTest {

    /** 64 KiB binaries: 8 MiB each way, over a hundred key updates of erl's. */
    private static final int CHUNK = 64 << 10;
    private static final int CHUNKS = 128;

    private Nodes nodes;
    private TlsKit tls;
    private ErlNode erl;

    @BeforeAll
    void start(Nodes classNodes) {
        nodes = classNodes;
        tls = nodes.tls();
        Path optFile = tls.writeErlOptFile("tls13.conf", "{versions, ['tlsv1.3']}, {key_update_at, " + CHUNK + "}");
        erl = TlsNodes.erl(nodes, "tls13", optFile);
        erl.eval("register(shell, self()).");
    }

    @Test
    void javaConnectsOverTls13AndStreamsBothWaysThroughKeyUpdates() {
        try (DistributedNode java = TlsNodes.java(nodes, "tls13_client", BeamlinkTls.transport(tls))) {
            assertTrue(java.ping(erl.nodeName()));
            assertEquals("'tlsv1.3'", TlsNodes.erlTlsVersion(erl, java.name().text()));
            streamBothWays(java, "tls13_inbox_a");
        }
    }

    @Test
    void erlConnectsOverTls13AndStreamsBothWaysThroughKeyUpdates() {
        try (DistributedNode java = TlsNodes.java(nodes, "tls13_server", BeamlinkTls.transport(tls))) {
            assertEquals("pong", erl.evalText("net_adm:ping('" + java.name().text() + "')."));
            assertEquals("'tlsv1.3'", TlsNodes.erlTlsVersion(erl, java.name().text()));
            streamBothWays(java, "tls13_inbox_b");
        }
    }

    /** erl sends {@link #CHUNKS} binaries to a Java mailbox, Java as many back, and each side checks them all. */
    private void streamBothWays(DistributedNode java, String inboxName) {
        try (Mailbox inbox = java.node().mailbox(Atom.of(inboxName))) {
            erl.eval("spawn(fun() -> [{" + inboxName + ", '" + java.name().text() + "'} ! {chunk, I, binary:copy(<<I>>, "
                    + CHUNK + ")} || I <- lists:seq(1, " + CHUNKS + ")] end), ok.");
            for (int i = 1; i <= CHUNKS; i++) {
                Tuple chunk = (Tuple) inbox.receive(PATIENCE).orElseThrow(() -> new AssertionError("no chunk within " + PATIENCE));
                assertEquals(Int.of(i), chunk.get(1));
                byte[] bytes = ((Binary) chunk.get(2)).toByteArray();
                assertEquals(CHUNK, bytes.length);
                assertEquals((byte) i, bytes[CHUNK - 1]);
            }
            byte[] payload = new byte[CHUNK];
            new Random(13).nextBytes(payload);
            for (int i = 1; i <= CHUNKS; i++) {
                inbox.send(Atom.of("shell"), Atom.of(erl.nodeName()), Tuple.of(Atom.of("chunk"), Int.of(i), Binary.wrap(payload)));
            }
            String sizes = erl.evalText("lists:sum([receive {chunk, I, C} -> byte_size(C) after 20000 -> 0 end"
                    + " || I <- lists:seq(1, " + CHUNKS + ")]).");
            assertEquals(Integer.toString(CHUNK * CHUNKS), sizes);
            inbox.send(Atom.of("shell"), Atom.of(erl.nodeName()), Tuple.of(Atom.of("still_there"), inbox.self()));
            assertEquals("still_there", erl.evalText("(fun() -> receive {still_there, P} -> P ! pong, still_there"
                    + " after 20000 -> gone end end)()."));
            assertEquals(Optional.of(Atom.of("pong")), inbox.receive(PATIENCE));
        }
    }

    @Test
    void aJavaNodeThatOffersOnlyTls12IsRefusedBothWays() {
        TlsTransport tls12 = TlsTransport.builder()
                .server(BeamlinkTls.options(tls).failIfNoPeerCert(true).versions("TLSv1.2").build())
                .client(BeamlinkTls.options(tls).versions("TLSv1.2").build())
                .build();
        try (DistributedNode java = TlsNodes.java(nodes, "tls12_only", tls12)) {
            try (LogCapture log = new LogCapture()) {
                assertFalse(java.ping(erl.nodeName()));
                assertNotNull(log.awaitLine(Duration.ofSeconds(10), "TLS handshake with", "failed", "protocol_version"),
                        () -> "no log line in " + log.lines());
            }
            try (LogCapture log = new LogCapture()) {
                assertEquals("pang", erl.evalText("net_adm:ping('" + java.name().text() + "')."));
                assertNotNull(log.awaitLine(Duration.ofSeconds(10), "TLS handshake with", "failed", "protocol"),
                        () -> "no log line in " + log.lines());
            }
            assertTrue(java.node().connectedNodes().isEmpty());
        }
    }

    @Test
    void theCipherSuiteIsOneOfThoseAskedFor() {
        TlsTransport chacha = TlsTransport.builder()
                .server(BeamlinkTls.options(tls).failIfNoPeerCert(true).ciphers("TLS_CHACHA20_POLY1305_SHA256").build())
                .client(BeamlinkTls.options(tls).ciphers("TLS_CHACHA20_POLY1305_SHA256").build())
                .build();
        try (DistributedNode java = TlsNodes.java(nodes, "tls13_chacha", chacha)) {
            assertTrue(java.ping(erl.nodeName()));
            assertEquals("chacha20_poly1305", erl.evalText("maps:get(cipher, proplists:get_value(selected_cipher_suite,"
                    + " element(2, ssl:connection_information(element(2, tls_sender:dist_tls_socket(hd([C || {N, C} <-"
                    + " erlang:system_info(dist_ctrl), N =:= '" + java.name().text() + "']))), [selected_cipher_suite]))))."));
        }
    }
}
