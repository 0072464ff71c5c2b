package dev.beamlink.epmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.testing.Await;
import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.FreePorts;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** How registrations end, how the server starts and stops, and how it keeps its connection limit. */
@Tag("interop")
class ServerLifecycleTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);
    private static final HexFormat HEX = HexFormat.of();

    private static EpmdClient client(EpmdServer server) {
        return EpmdClient.builder().port(server.port()).build();
    }

    @Test
    void aNameIsDroppedWhenItsRegisteringConnectionCloses() throws Exception {
        try (EpmdServer server = EpmdServer.builder().port(0).start()) {
            try (RawConnection raw = RawConnection.open(server.port())) {
                raw.write(RawConnection.framed(Requests.alive2("raw", 7000, 77, 6, 5, new byte[0])));
                assertEquals("7600", HEX.formatHex(raw.readExactly(6, LIMIT)).substring(0, 4));
                assertEquals(List.of(new RegisteredName("raw", 7000)), server.names());
            }
            Await.value("'raw' is dropped", LIMIT, () -> server.names().isEmpty() ? true : null);
        }
    }

    @Test
    void aNameIsDroppedWhenItsRegisteringConnectionSendsMoreAsEpmdDoes() throws Exception {
        try (EpmdServer server = EpmdServer.builder().port(0).start();
             RawConnection raw = RawConnection.open(server.port())) {
            raw.write(RawConnection.framed(Requests.alive2("chatty", 7001, 77, 6, 5, new byte[0])));
            assertEquals(6, raw.readExactly(6, LIMIT).length);
            raw.write(new byte[] {1});
            assertNotEquals(RawConnection.End.STILL_OPEN, raw.read(LIMIT).end());
            Await.value("'chatty' is dropped", LIMIT, () -> server.names().isEmpty() ? true : null);
        }
    }

    @Test
    void stoppingTheServerEndsEveryRegistration() throws Exception {
        EpmdServer server = EpmdServer.builder().port(0).start();
        EpmdClient client = client(server);
        EpmdRegistration registration = client.register("doomed", 7002);
        assertTrue(server.isRunning());
        server.close();
        server.close();
        assertFalse(server.isRunning());
        registration.whenLost().toCompletableFuture().get(LIMIT.toSeconds(), TimeUnit.SECONDS);
        assertFalse(registration.isOpen());
        assertFalse(client.isReachable());
        assertThrows(EpmdUnreachableException.class, client::names);
        Await.value("the registry empties", LIMIT, () -> server.names().isEmpty() ? true : null);
    }

    @Test
    void killReqStopsAnEmptyServerAndIsRefusedWhileNodesAreRegistered() throws Exception {
        try (EpmdServer server = EpmdServer.builder().port(0).start()) {
            byte[] kill = Requests.code(EpmdProtocol.KILL_REQ);
            try (EpmdRegistration ignored = client(server).register("alive", 7003)) {
                assertEquals("NO", new String(RawConnection.exchange(server.port(), kill, LIMIT).bytes(), StandardCharsets.US_ASCII));
                assertTrue(server.isRunning());
            }
            Await.value("'alive' is dropped", LIMIT, () -> server.names().isEmpty() ? true : null);
            RawConnection.Reply reply = RawConnection.exchange(server.port(), kill, LIMIT);
            assertEquals("OK", new String(reply.bytes(), StandardCharsets.US_ASCII));
            assertNotEquals(RawConnection.End.STILL_OPEN, reply.end());
            Await.value("the server stops", LIMIT, () -> server.isRunning() ? null : true);
            Await.value("the port refuses connections", LIMIT, () -> client(server).isReachable() ? null : true);
        }
    }

    @Test
    void connectionsBeyondTheLimitAreClosedOnAccept() throws Exception {
        try (LogCapture log = new LogCapture();
             EpmdServer server = EpmdServer.builder().port(0).maxConnections(2).packetTimeout(Duration.ofSeconds(30)).start()) {
            List<RawConnection> silent = new ArrayList<>();
            try {
                silent.add(RawConnection.open(server.port()));
                silent.add(RawConnection.open(server.port()));
                try (RawConnection third = RawConnection.open(server.port())) {
                    third.write(RawConnection.framed(Requests.code(EpmdProtocol.NAMES_REQ)));
                    RawConnection.Reply reply = third.read(LIMIT);
                    assertTrue(reply.closedWithoutReply(), "refused over the limit: " + reply);
                }
                Await.value("the refusal is logged", LIMIT,
                        () -> log.text().contains("connections are open already") ? true : null);
                silent.removeFirst().close();
                // A slot is free again once the server has seen the close.
                Await.value("a slot frees", LIMIT, () -> {
                    try {
                        return client(server).names();
                    } catch (EpmdException stillFull) {
                        return null;
                    }
                });
            } finally {
                for (RawConnection connection : silent) {
                    connection.close();
                }
            }
        }
    }

    @Test
    void startsOnAChosenAddressAndPortAndRefusesATakenPort() throws Exception {
        int port = FreePorts.pick();
        try (EpmdServer server = EpmdServer.start(InetAddress.getLoopbackAddress(), port)) {
            assertEquals(port, server.port());
            assertEquals(InetAddress.getLoopbackAddress(), server.localAddress().getAddress());
            BindException taken = assertThrows(BindException.class, () -> EpmdServer.start(InetAddress.getLoopbackAddress(), port));
            assertTrue(taken.getMessage().startsWith("cannot listen on 127.0.0.1:" + port + " (another EPMD may run there)"),
                    taken.getMessage());
        }
    }

    @Test
    void startIfNoneAnswersDefersToARunningEpmd() throws Exception {
        try (Epmd real = Epmd.start()) {
            assertEquals(Optional.empty(), EpmdServer.builder().port(real.port()).startIfNoneAnswers());
        }
        try (EpmdServer ours = EpmdServer.builder().port(0).start()) {
            assertEquals(Optional.empty(), EpmdServer.builder().port(ours.port()).startIfNoneAnswers());
        }
    }

    @Test
    void startIfNoneAnswersStartsOneServerEvenWhenTwoNodesRaceForThePort() throws Exception {
        int port = FreePorts.pick();
        List<Future<Optional<EpmdServer>>> attempts = new ArrayList<>();
        try (ExecutorService nodes = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 4; i++) {
                attempts.add(nodes.submit(() -> EpmdServer.builder().port(port).startIfNoneAnswers()));
            }
        }
        List<EpmdServer> started = new ArrayList<>();
        for (Future<Optional<EpmdServer>> attempt : attempts) {
            attempt.get().ifPresent(started::add);
        }
        try {
            assertEquals(1, started.size(), "exactly one embedded EPMD");
            assertEquals(port, started.getFirst().port());
            EpmdClient client = EpmdClient.builder().port(port).build();
            try (EpmdRegistration registration = client.register("racer", 7004)) {
                assertEquals(7004, client.lookup("racer").orElseThrow().port());
                assertTrue(registration.isOpen());
            }
        } finally {
            started.forEach(EpmdServer::close);
        }
    }
}
