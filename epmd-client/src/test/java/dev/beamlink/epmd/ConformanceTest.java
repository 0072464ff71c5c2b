package dev.beamlink.epmd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamlink.testing.Epmd;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The embedded server answers every request, good or bad, as OTP's {@code epmd} does: the same bytes
 * are sent to both, side by side, and what comes back (and whether the connection is closed or kept)
 * must match, except for what differs by nature (each server's own port, {@code epmd}'s file descriptors).
 */
@Tag("interop")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConformanceTest {

    /** How long a connection must stay quiet after its answer to count as kept open (a registration, refused or not). */
    private static final Duration KEPT_OPEN = Duration.ofMillis(1000);
    /** How long a server may take to answer or close: generous, as the machine is shared with other builds. */
    private static final Duration LIMIT = Duration.ofSeconds(10);
    private static final HexFormat HEX = HexFormat.of();

    private Epmd epmd;
    private EpmdServer server;
    private EpmdRegistration onEpmd;
    private EpmdRegistration onServer;

    /** A request as raw bytes on the wire, length prefix included. */
    record Case(String name, byte[] wire) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    void start() throws IOException {
        epmd = Epmd.start();
        server = EpmdServer.builder().port(0).start();
        NodeEntry conf = NodeEntry.of("conf", 40100).withVersions(6, 5).withExtra(new byte[] {1, 2});
        onEpmd = EpmdClient.builder().port(epmd.port()).build().register(conf);
        onServer = EpmdClient.builder().port(server.port()).build().register(conf);
    }

    @AfterAll
    void stop() {
        Stream.of(onEpmd, onServer, server, epmd).filter(c -> c != null).forEach(c -> {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static List<Case> cases() {
        byte[] noExtra = new byte[0];
        return List.of(
                framed("PORT_PLEASE2_REQ for a registered name", Requests.portPlease2("conf")),
                framed("PORT_PLEASE2_REQ with a NUL terminator", Requests.code(122, 'c', 'o', 'n', 'f', 0)),
                framed("PORT_PLEASE2_REQ for an unknown name", Requests.portPlease2("nobody")),
                framed("PORT_PLEASE2_REQ without a name", Requests.code(122)),
                framed("PORT_PLEASE2_REQ with two NULs", Requests.code(122, 'c', 0, 0)),
                framed("PORT_PLEASE2_REQ with malformed UTF-8", Requests.code(122, (byte) 0xff)),
                framed("PORT_PLEASE2_REQ for 256 characters", Requests.portPlease2("x".repeat(256))),
                framed("NAMES_REQ", Requests.code(110)),
                framed("NAMES_REQ with bytes after the code", Requests.code(110, 1, 2, 3)),
                framed("DUMP_REQ", Requests.code(100)),
                framed("KILL_REQ while a node is registered", Requests.code(107)),
                framed("STOP_REQ", Requests.code(115, 'c', 'o', 'n', 'f')),
                framed("unknown code 1", Requests.code(1)),
                framed("unknown code 200 with data", Requests.code(200, 1, 2, 3)),
                framed("ALIVE2_REQ too short", Requests.code(120, 1, 2, 3)),
                framed("ALIVE2_REQ with NUL in the name", Requests.alive2(new byte[] {'a', 0, 'b'}, 1, 77, 6, 5, noExtra)),
                framed("ALIVE2_REQ for a live name", Requests.alive2("conf", 1, 77, 6, 5, noExtra)),
                framed("ALIVE2_REQ version 5 for a live name", Requests.alive2("conf", 1, 77, 5, 5, noExtra)),
                framed("ALIVE2_REQ for 256 characters", Requests.alive2("y".repeat(256), 1, 77, 6, 5, noExtra)),
                framed("ALIVE2_REQ with malformed UTF-8", Requests.alive2(new byte[] {'u', (byte) 0xff}, 1, 77, 6, 5, noExtra)),
                framed("ALIVE2_REQ with 1021 bytes of extra", Requests.alive2("z", 1, 77, 6, 5, new byte[1021])),
                framed("ALIVE2_REQ whose Nlen runs past the end", truncateNameLength()),
                new Case("length 0", HEX.parseHex("0000")),
                new Case("length 65535", HEX.parseHex("ffff6e")),
                new Case("length 3058", lengthPrefixed(3058)),
                new Case("length 3057 (the longest epmd reads)", lengthPrefixed(3057)),
                new Case("bytes after a complete request", concat(RawConnection.framed(Requests.code(110)), new byte[] {9, 9, 9})),
                new Case("an HTTP request", "GET / HTTP/1.1\r\nHost: epmd\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersAsEpmdDoes(Case request) throws Exception {
        try (ExecutorService both = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> real = both.submit(() -> answer(epmd.port(), request));
            Future<String> embedded = both.submit(() -> answer(server.port(), request));
            assertEquals(real.get(), embedded.get(), request.name());
        }
    }

    /** {@return what came back, normalized: the server's own port and epmd's fd numbers masked, closed and reset alike} */
    private static String answer(int port, Case request) {
        try (RawConnection connection = RawConnection.open(port)) {
            connection.write(request.wire());
            RawConnection.Reply reply = connection.read(KEPT_OPEN, LIMIT);
            byte[] bytes = reply.bytes();
            String text = HEX.formatHex(bytes);
            if (startsAnswerWithPort(request) && bytes.length >= 4 && ByteBuffer.wrap(bytes).getInt() == port) {
                String lines = new String(bytes, 4, bytes.length - 4, StandardCharsets.UTF_8).replaceAll("fd = \\d+", "fd = N");
                text = "<port>" + lines.replace("\0", "\\0");
            }
            return text + (reply.end() == RawConnection.End.STILL_OPEN ? " (kept open)" : " (closed)");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean startsAnswerWithPort(Case request) {
        return request.wire().length > 2 && (request.wire()[2] == 110 || request.wire()[2] == 100);
    }

    private static Case framed(String name, byte[] body) {
        return new Case(name, RawConnection.framed(body));
    }

    private static byte[] truncateNameLength() {
        byte[] body = Requests.alive2("ab", 1, 77, 6, 5, new byte[0]);
        body[10] = 40;
        return body;
    }

    private static byte[] lengthPrefixed(int length) {
        byte[] body = new byte[length];
        Arrays.fill(body, (byte) 'z');
        body[0] = 110;
        return RawConnection.framed(body);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
    }
}
