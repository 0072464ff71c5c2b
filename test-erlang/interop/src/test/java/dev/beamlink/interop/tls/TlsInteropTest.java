package dev.beamlink.interop.tls;

import static dev.beamlink.interop.tls.TlsNodes.PATIENCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.dist.transport.tls.TlsOptions;
import dev.beamlink.dist.transport.tls.TlsTransport;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Binary;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Down;
import dev.beamlink.node.Exit;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.NodeDown;
import dev.beamlink.node.ProcessEnded;
import dev.beamlink.node.Reasons;
import dev.beamlink.testing.Await;
import dev.beamlink.testing.ErlNode;
import dev.beamlink.testing.junit.BeamlinkTls;
import dev.beamlink.testing.junit.ErlangExtension;
import dev.beamlink.testing.junit.Nodes;
import dev.beamlink.testing.tls.TestPki;
import dev.beamlink.testing.tls.TlsKit;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Java node and a live erl node ({@code -proto_dist inet_tls}, mutual TLS: both verify_peer, fail_if_no_peer_cert on
 * the server side), connected each way: ping, messages, links, monitors, exit signals, large messages, and nodedown
 * when erl dies, as over TCP. (The whole interop suite runs over TLS as well: -Dbeamlink.dist=tls.)
 */
@Tag("interop")
@OwnDistribution
@ExtendWith(ErlangExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsInteropTest {

    private static final Atom EXIT = Atom.of("EXIT");
    private static final Atom DOWN = Atom.of("DOWN");
    private static final Atom PROCESS = Atom.of("process");

    private Nodes nodes;
    private TlsKit tls;
    private TlsTransport transport;
    private ErlNode erl;
    private DistributedNode java;

    @BeforeAll
    void start(Nodes classNodes) {
        nodes = classNodes;
        tls = nodes.tls();
        transport = BeamlinkTls.transport(tls);
        erl = TlsNodes.erl(nodes, "tls", tls.optFile());
        erl.eval("register(shell, self()).");
        java = TlsNodes.java(nodes, "tls_java", transport);
    }

    private Atom erlNode() {
        return Atom.of(erl.nodeName());
    }

    // ---- connecting, each way

    @Test
    void javaPingsErlOverTls12AsOtp25Offers() {
        try (DistributedNode node = TlsNodes.java(nodes, "tls_ping", transport)) {
            assertTrue(node.ping(erl.nodeName()));
            assertEquals("true", erl.evalText("lists:member('" + node.name().text() + "', nodes())."));
            assertEquals("'tlsv1.2'", TlsNodes.erlTlsVersion(erl, node.name().text()),
                    "OTP 25's distribution offers TLS 1.2 only unless told otherwise");
        }
    }

    @Test
    void erlPingsJava() {
        try (DistributedNode node = TlsNodes.java(nodes, "tls_pinged", transport)) {
            assertEquals("pong", erl.evalText("net_adm:ping('" + node.name().text() + "')."));
            assertTrue(Await.eventually(() -> node.node().nodes().contains(erlNode())));
            assertEquals("'tlsv1.2'", TlsNodes.erlTlsVersion(erl, node.name().text()));
        }
    }

    /** Long names with an address for a host: the certificates name 127.0.0.1, the client checks it, no SNI is sent. */
    @Test
    void longNamesWithAnAddressConnectBothWays() {
        try (ErlNode longErl = nodes.erl("tls_long", builder -> builder.longNames(true).tlsDistribution(tls.optFile()));
             DistributedNode node = nodes.beamlink("tls_long_java_" + ProcessHandle.current().pid() + "@127.0.0.1",
                     // hidden: no global between them, whose casts (they connect, as gen_server:cast does) or whose
                     // other peers (it connects every visible node to every other) could connect them again after the
                     // disconnect; this test is about names and addresses
                     builder -> builder.longNames(true).hidden(true).transport(transport))) {
            assertTrue(node.ping(longErl.nodeName()));
            assertTrue(node.node().disconnect(Atom.of(longErl.nodeName())));
            assertTrue(Await.eventually(() -> node.node().connectedNodes().isEmpty() && longErl.evalText(
                    "lists:member('" + node.name().text() + "', nodes(connected)).").equals("false")));
            assertEquals("pong", longErl.evalText("net_adm:ping('" + node.name().text() + "')."));
        }
    }

    /** The Java node's key as PKCS#1 RSA, as encrypted PKCS#8, and in PKCS#12 key stores: erl takes each, each way. */
    @Test
    void keysInEachFormAndKeyStoresServeAgainstErlBothWays() {
        Path dir = tls.directory();
        char[] password = "pw".toCharArray();
        TestPki.Issued rsa = tls.ca().issue("java rsa", TlsKit.HOSTS, TestPki.KeyType.RSA, Instant.now().minusSeconds(3600),
                Instant.now().plus(Duration.ofDays(1)));
        TestPki.Issued ec = tls.ca().issue("java ec", TlsKit.HOSTS);
        List<TlsOptions.Builder> forms = List.of(
                TlsOptions.builder().certFile(rsa.writeChain(dir.resolve("rsa.pem")))
                        .keyFile(rsa.writeKey(dir.resolve("rsa.key"), TestPki.KeyFormat.TRADITIONAL, null))
                        .caCertFile(tls.caFile()),
                TlsOptions.builder().certFile(ec.writeChain(dir.resolve("ec.pem")))
                        .keyFile(ec.writeKey(dir.resolve("ec-enc.key"), TestPki.KeyFormat.ENCRYPTED_PKCS8, password))
                        .password(password).caCertFile(tls.caFile()),
                TlsOptions.builder().keyStore(ec.writeKeyStore(dir.resolve("ec.p12"), password), password)
                        .trustStore(TestPki.writeTrustStore(dir.resolve("trust.p12"), password, tls.ca().certificate()),
                                password));
        for (TlsOptions.Builder form : forms) {
            TlsOptions client = form.verify(TlsOptions.Verify.PEER).build();
            TlsOptions server = form.failIfNoPeerCert(true).build();
            TlsTransport formTransport = TlsTransport.builder().server(server).client(client).build();
            // hidden, as in longNamesWithAnAddressConnectBothWays: global would connect it to the class's other Java
            // node through erl, and through that node to erl again after the disconnect (seen on OTP 27)
            try (DistributedNode node = nodes.beamlink("tls_forms",
                    builder -> builder.hidden(true).transport(formTransport))) {
                assertTrue(node.ping(erl.nodeName()));
                assertTrue(node.node().disconnect(erlNode()));
                assertTrue(Await.eventually(() -> node.node().connectedNodes().isEmpty() && erl.evalText(
                        "lists:member('" + node.name().text() + "', nodes(connected)).").equals("false")));
                assertEquals("pong", erl.evalText("net_adm:ping('" + node.name().text() + "')."));
            }
        }
    }

    // ---- messages

    @Test
    void messagesGoBothWaysByNameAndByPid() {
        try (Mailbox inbox = java.node().mailbox(Atom.of("tls_inbox"))) {
            inbox.send(Atom.of("shell"), erlNode(), Tuple.of(Atom.of("hello"), inbox.self()));
            Term got = TlsNodes.eval(erl, "receive {hello, HelloFrom} when is_pid(HelloFrom) -> HelloFrom ! {hi, self()},"
                    + " {from, HelloFrom} after 20000 -> timeout end.");
            assertEquals(Tuple.of(Atom.of("from"), inbox.self()), got);
            Object reply = inbox.receive(PATIENCE).orElseThrow();
            Pid shell = (Pid) ((Tuple) reply).get(1);
            assertEquals(Tuple.of(Atom.of("hi"), shell), reply);

            erl.eval("{tls_inbox, '" + java.name().text() + "'} ! by_name.");
            assertEquals(Optional.of(Atom.of("by_name")), inbox.receive(PATIENCE));
        }
    }

    @Test
    void largeBinariesGoBothWaysInFragmentsAndArriveWhole() throws Exception {
        byte[] bytes = new byte[5 << 20];
        new Random(15).nextBytes(bytes);
        String md5 = HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        try (Mailbox inbox = java.node().mailbox(Atom.of("tls_large"))) {
            inbox.send(Atom.of("shell"), erlNode(), Tuple.of(Atom.of("large"), Binary.wrap(bytes)));
            assertEquals("<<\"" + md5 + "\">>", erl.evalText("receive {large, LargeIn} -> binary:encode_hex(erlang:md5(LargeIn))"
                    + " after 20000 -> timeout end."));

            erl.eval("{tls_large, '" + java.name().text() + "'} ! {large, crypto:strong_rand_bytes(5 bsl 20)}, ok.");
            Tuple got = (Tuple) inbox.receive(PATIENCE).orElseThrow();
            byte[] back = ((Binary) got.get(1)).toByteArray();
            assertEquals(5 << 20, back.length);
        }
    }

    // ---- links and exit signals

    @Test
    void aJavaProcessLinkedToAnErlProcessGetsItsExit() {
        Pid probe = (Pid) TlsNodes.eval(erl, "link_probe:start(false).");
        try (Mailbox linker = java.node().mailbox()) {
            linker.trapExit(true);
            assertTrue(linker.link(probe));
            assertTrue(Await.eventually(() -> TlsNodes.eval(erl, "link_probe:links(%s).", probe).toString()
                    .contains(linker.self().toString())));
            TlsNodes.eval(erl, "link_probe:call(%s, fun() -> exit(boom) end).", probe);
            assertEquals(Optional.of(new Exit(probe, Atom.of("boom"))), linker.receive(PATIENCE));
        }
    }

    @Test
    void anErlProcessLinkedToAJavaProcessGetsItsExit() {
        Pid probe = (Pid) TlsNodes.eval(erl, "link_probe:start(true).");
        Mailbox linked = java.node().mailbox();
        assertEquals(Atom.of("true"), TlsNodes.eval(erl, "link_probe:call(%s, fun() -> link(%s) end).", probe, linked.self()));
        assertTrue(Await.eventually(() -> linked.links().equals(List.of(probe))));
        assertThrows(ProcessEnded.class, () -> linked.exit(Atom.of("bye")));
        assertEquals(Tuple.of(EXIT, linked.self(), Atom.of("bye")).toString(),
                TlsNodes.eval(erl, "hd(link_probe:messages(%s, 1, 20000)).", probe).toString());
    }

    @Test
    void exitSignalsGoBothWays() {
        try (Mailbox trapping = java.node().mailbox()) {
            trapping.trapExit(true);
            Pid probe = (Pid) TlsNodes.eval(erl, "link_probe:start(false).");
            TlsNodes.eval(erl, "link_probe:call(%s, fun() -> exit(%s, stop_it) end).", probe, trapping.self());
            assertEquals(Optional.of(new Exit(probe, Atom.of("stop_it"))), trapping.receive(PATIENCE));

            trapping.exit(probe, Reasons.KILL);
            assertEquals(Reasons.KILLED, TlsNodes.eval(erl, "link_probe:await_end(%s, 20000).", probe));
        }
    }

    // ---- monitors

    @Test
    void monitorsGoBothWays() {
        try (Mailbox watcher = java.node().mailbox()) {
            Pid probe = (Pid) TlsNodes.eval(erl, "link_probe:start(false).");
            Ref ref = watcher.monitor(probe);
            assertTrue(Await.eventually(() -> TlsNodes.eval(erl, "link_probe:monitored_by(%s).", probe).toString()
                    .contains(watcher.self().toString())), "erl sees the monitor before the probe ends");
            TlsNodes.eval(erl, "link_probe:call(%s, fun() -> exit(done) end).", probe);
            assertEquals(Optional.of(new Down(ref, probe, Atom.of("done"))), watcher.receive(PATIENCE));
        }
        Pid erlWatcher = (Pid) TlsNodes.eval(erl, "link_probe:start(false).");
        Mailbox watched = java.node().mailbox();
        Term erlRef = TlsNodes.eval(erl, "link_probe:call(%s, fun() -> monitor(process, %s) end).", erlWatcher, watched.self());
        assertTrue(Await.eventually(() -> watched.monitoredBy().equals(List.of(erlWatcher))));
        assertThrows(ProcessEnded.class, () -> watched.exit(Atom.of("gone")));
        assertEquals(Tuple.of(DOWN, erlRef, PROCESS, watched.self(), Atom.of("gone")),
                TlsNodes.eval(erl, "hd(link_probe:messages(%s, 1, 20000)).", erlWatcher));
    }

    // ---- losing the peer

    @Test
    void whenErlDiesNodedownAndNoconnectionFireOnce() {
        try (ErlNode dying = TlsNodes.erl(nodes, "tls_dying", tls.optFile());
             Mailbox watcher = java.node().mailbox()) {
            Atom dyingNode = Atom.of(dying.nodeName());
            watcher.trapExit(true);
            Pid probe = (Pid) TlsNodes.eval(dying, "link_probe:start(false).");
            assertTrue(watcher.link(probe));
            Ref ref = watcher.monitor(probe);
            watcher.monitorNode(dyingNode);
            assertTrue(Await.eventually(() -> java.node().nodes().contains(dyingNode)));
            dying.kill();
            List<Object> got = List.of(watcher.receive(PATIENCE).orElseThrow(), watcher.receive(PATIENCE).orElseThrow(),
                    watcher.receive(PATIENCE).orElseThrow());
            assertTrue(got.contains(new Exit(probe, Reasons.NOCONNECTION)), got::toString);
            assertTrue(got.contains(new Down(ref, probe, Reasons.NOCONNECTION)), got::toString);
            assertTrue(got.contains(new NodeDown(dyingNode)), got::toString);
            assertEquals(Optional.empty(), watcher.receive(Duration.ofMillis(300)));
            assertTrue(Await.eventually(() -> !java.node().nodes().contains(dyingNode)));
        }
    }

    @Test
    void manyMessagesInOrderBothWays() {
        int n = 20_000;
        try (Mailbox inbox = java.node().mailbox(Atom.of("tls_many"))) {
            erl.eval("spawn(fun() -> [{tls_many, '" + java.name().text() + "'} ! {n, I} || I <- lists:seq(1, " + n
                    + ")] end).");
            for (int i = 1; i <= n; i++) {
                assertEquals(Optional.of(Tuple.of(Atom.of("n"), Int.of(i))), inbox.receive(PATIENCE));
            }
            erl.eval("spawn(fun() -> register(tls_counter, self()),"
                    + " (fun L(Next) when Next > " + n + " -> receive {report, To} -> To ! {counted, Next - 1} end;"
                    + " L(Next) -> receive {n, Next} -> L(Next + 1); {n, Other} -> exit({out_of_order, Next, Other}) end end)(1)"
                    + " end).");
            assertTrue(Await.eventually(() -> erl.evalText("whereis(tls_counter) =/= undefined.").equals("true")));
            for (int i = 1; i <= n; i++) {
                inbox.send(Atom.of("tls_counter"), erlNode(), Tuple.of(Atom.of("n"), Int.of(i)));
            }
            inbox.send(Atom.of("tls_counter"), erlNode(), Tuple.of(Atom.of("report"), inbox.self()));
            assertEquals(Optional.of(Tuple.of(Atom.of("counted"), Int.of(n))), inbox.receive(PATIENCE));
        }
    }
}
