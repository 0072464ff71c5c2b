package dev.beamlink.dist.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.dist.transport.tls.JavaTls;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Binary;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Mailbox;
import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.tls.TlsKit;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Security;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK updates its TLS 1.3 keys after so many bytes ({@code jdk.tls.keyLimits}: 2^37 by default, which a
 * long-lived connection reaches) and asks its peer to update its own. Here every 64 KiB, on both sides of a Java to
 * Java connection streaming both ways, so that each side's reader answers the other's requests while its writer makes
 * its own. The limit is read once per JVM, so the two nodes run in a JVM of their own ({@link Child}).
 *
 * <p>Not against erl: an OTP 25.2 node whose TLS 1.3 distribution peer asks it for a key update stops sending on that
 * connection (two erl nodes with {@code {key_update_at, 65536}} hang the same way); OTP 25 offers TLS 1.2 only unless
 * told otherwise. erl's own requests are answered: TlsVersionsInteropTest in the interop tests (test-erlang/interop).
 */
class TlsKeyUpdateTest {

    private static final String COOKIE = "tls-key-update-cookie";
    private static final int CHUNK = 64 << 10;
    private static final int CHUNKS = 64;

    @Test
    void bothSidesUpdateTheirKeysEvery64KiBAndAnswerEachOthersRequests(@TempDir Path directory) throws Exception {
        TlsKit.create(directory);
        try (Epmd epmd = Epmd.start()) {
            Process child = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Djavax.net.debug=ssl:handshake",
                    "-cp", classPathOfThisJvm(), Child.class.getName(),
                    directory.toString(), Integer.toString(epmd.port())))
                    .redirectErrorStream(true).start();
            child.getOutputStream().close();
            String output;
            try {
                output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM did not end");
            } finally {
                child.destroyForcibly();
            }
            List<String> lines = output.lines().toList();
            String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
            assertEquals(0, child.exitValue(), tail);
            long requested = lines.stream().filter(l -> l.contains("\"request_update\": update_requested")).count();
            long answered = lines.stream().filter(l -> l.contains("\"request_update\": update_not_requested")).count();
            assertTrue(requested >= CHUNKS, () -> requested + " key update requests (expected: >= " + CHUNKS + ")\n" + tail);
            assertTrue(answered >= CHUNKS / 2, () -> answered + " key update answers (expected: >= " + CHUNKS / 2 + ")\n" + tail);
        }
    }

    /** Two Java nodes that update their keys every 64 KiB, streaming to each other both ways at once. */
    public static final class Child {

        private Child() {
        }

        public static void main(String[] args) throws IOException, InterruptedException {
            Security.setProperty("jdk.tls.keyLimits", "AES/GCM/NoPadding KeyUpdate 2^16, ChaCha20-Poly1305 KeyUpdate 2^16");
            TlsKit tls = TlsKit.existing(Path.of(args[0]));
            int epmdPort = Integer.parseInt(args[1]);
            try (DistributedNode a = node("key_update_a", epmdPort, tls);
                 DistributedNode b = node("key_update_b", epmdPort, tls);
                 Mailbox inA = a.node().mailbox(Atom.of("inbox"));
                 Mailbox inB = b.node().mailbox(Atom.of("inbox"))) {
                if (!a.ping(b.name())) {
                    throw new IllegalStateException("a cannot reach b");
                }
                Thread aToB = Thread.ofPlatform().start(() -> stream(inA, b.name()));
                stream(inB, a.name());
                aToB.join();
                for (Mailbox inbox : List.of(inA, inB)) {
                    for (int i = 1; i <= CHUNKS; i++) {
                        Object got = inbox.receive(Duration.ofSeconds(30)).orElseThrow(
                                () -> new IllegalStateException("a chunk did not arrive"));
                        if (!(got instanceof Tuple t && t.get(1).equals(Int.of(i)))) {
                            throw new IllegalStateException("chunk " + i + " expected, got " + got);
                        }
                    }
                }
            }
            System.exit(0);
        }

        private static DistributedNode node(String prefix, int epmdPort, TlsKit tls) throws IOException {
            return DistributedNode.builder(prefix + "_" + ProcessHandle.current().pid() + "@localhost")
                    .cookie(COOKIE).epmdPort(epmdPort).listenAddress(InetAddress.getLoopbackAddress())
                    .transport(JavaTls.transport(tls)).start();
        }

        private static void stream(Mailbox from, Atom toNode) {
            byte[] payload = new byte[CHUNK];
            for (int i = 1; i <= CHUNKS; i++) {
                from.send(Atom.of("inbox"), toNode, Tuple.of(Atom.of("chunk"), Int.of(i), Binary.wrap(payload)));
            }
        }
    }

    /**
     * {@return a class path with everything this test JVM reads}: its class path, its module path, and the node's
     * classes and test classes, which the tests' JVM has as a module patched with them rather than on either path
     */
    private static String classPathOfThisJvm() {
        java.util.List<String> entries = new java.util.ArrayList<>();
        for (Class<?> member : java.util.List.of(Child.class, dev.beamlink.dist.DistributedNode.class)) {
            try {
                entries.add(Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        for (String property : java.util.List.of("jdk.module.path", "java.class.path")) {
            String value = System.getProperty(property, "");
            if (!value.isEmpty()) {
                entries.add(value);
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }
}
