package dev.beamlink.epmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.testing.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Clients that misbehave are dropped, each for its reason (logged), within the packet time-out, while
 * every other client is served meanwhile. Two servers: a patient one (30 s), on which a prompt drop can
 * only be the server spotting bad input; and an impatient one (1.5 s), for the clients that go silent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerRobustnessTest {

    private static final Duration PATIENT = Duration.ofSeconds(30);
    private static final Duration IMPATIENT = Duration.ofMillis(1500);
    /** Generous: the machine is shared with other builds. Still far below {@link #PATIENT}. */
    private static final Duration SLACK = Duration.ofSeconds(10);
    private static final int JUNK_BYTES = 64 * 1024;

    private final AtomicInteger goodClients = new AtomicInteger();
    private EpmdServer patient;
    private EpmdServer impatient;

    @BeforeAll
    void start() throws IOException {
        patient = EpmdServer.builder().port(0).packetTimeout(PATIENT).start();
        impatient = EpmdServer.builder().port(0).packetTimeout(IMPATIENT).start();
    }

    @AfterAll
    void stop() {
        if (patient != null) {
            patient.close();
        }
        if (impatient != null) {
            impatient.close();
        }
    }

    /** A well-behaved client registers, looks itself up and lists names, all while the bad connections are open. */
    private void othersAreServed(EpmdServer server) throws Exception {
        EpmdClient client = EpmdClient.builder().port(server.port()).readTimeout(SLACK).build();
        String name = "good" + goodClients.incrementAndGet();
        try (EpmdRegistration registration = client.register(name, 5000)) {
            assertEquals(5000, client.lookup(name).orElseThrow().port());
            assertTrue(client.names().contains(new RegisteredName(name, 5000)));
            assertTrue(registration.isOpen());
        }
    }

    private static void assertClosedPromptly(RawConnection.Reply reply) {
        assertNotEquals(RawConnection.End.STILL_OPEN, reply.end(), "the bad connection is still open after " + reply.elapsed());
        assertEquals(0, reply.bytes().length, "no answer to bad input");
        assertTrue(reply.elapsed().compareTo(SLACK) < 0, "dropped late: " + reply.elapsed());
    }

    private static void assertClosedByTheTimeout(RawConnection.Reply reply, Duration since) {
        assertNotEquals(RawConnection.End.STILL_OPEN, reply.end(), "the silent connection is still open");
        assertEquals(0, reply.bytes().length);
        Duration open = since.plus(reply.elapsed());
        assertTrue(open.compareTo(IMPATIENT.minusMillis(100)) >= 0, "dropped before the time-out: " + open);
        assertTrue(open.compareTo(IMPATIENT.plus(SLACK)) < 0, "dropped late: " + open);
    }

    @Test
    void garbageIsDroppedAtOnceAndTheReasonLogged() throws Exception {
        try (LogCapture log = new LogCapture(); RawConnection bad = RawConnection.open(patient.port())) {
            bad.write("GET / HTTP/1.1\r\nHost: epmd\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            othersAreServed(patient);
            assertClosedPromptly(bad.read(PATIENT));
            Await.value("the drop is logged", SLACK,
                    () -> log.text().contains("request length: 18245 (expected: 1..3057)") ? true : null);
        }
    }

    @Test
    void aJunkStreamOf64KiBIsDropped() throws Exception {
        byte[] junk = new byte[JUNK_BYTES];
        new Random(3).nextBytes(junk);
        junk[0] = 0x0B; // a length epmd would read (3057), so the junk goes past the length check ...
        junk[1] = (byte) 0xF1;
        junk[2] = 42;   // ... and an unknown request code follows
        for (byte[] stream : List.of(junk, randomJunk())) {
            try (RawConnection bad = RawConnection.open(patient.port())) {
                Thread writer = Thread.ofVirtual().start(() -> {
                    try {
                        bad.write(stream);
                    } catch (IOException dropped) {
                        // The server closed the connection while the junk was still coming: that is the point.
                    }
                });
                othersAreServed(patient);
                assertClosedPromptly(bad.read(PATIENT));
                writer.join(SLACK);
                assertFalse(writer.isAlive(), "the writer is stuck: the server stopped reading without closing");
            }
        }
    }

    private static byte[] randomJunk() {
        byte[] junk = new byte[JUNK_BYTES];
        new Random(7).nextBytes(junk);
        return junk;
    }

    @Test
    void aHalfRequestThenSilenceIsDroppedAfterThePacketTimeout() throws Exception {
        try (LogCapture log = new LogCapture(); RawConnection bad = RawConnection.open(impatient.port())) {
            long opened = System.nanoTime();
            bad.write(new byte[] {0, 5, EpmdProtocol.PORT_PLEASE2_REQ, 'a'});
            othersAreServed(impatient);
            Duration before = Duration.ofNanos(System.nanoTime() - opened);
            assertClosedByTheTimeout(bad.read(IMPATIENT.plus(SLACK)), before);
            Await.value("the drop is logged", SLACK,
                    () -> log.text().contains("no complete message within PT1.5S (received: 4 bytes)") ? true : null);
        }
    }

    @Test
    void connectionsThatNeverSpeakAreDroppedAfterThePacketTimeout() throws Exception {
        long opened = System.nanoTime();
        List<RawConnection> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                silent.add(RawConnection.open(impatient.port()));
            }
            othersAreServed(impatient);
            for (RawConnection connection : silent) {
                Duration before = Duration.ofNanos(System.nanoTime() - opened);
                assertClosedByTheTimeout(connection.read(IMPATIENT.plus(SLACK)), before);
            }
        } finally {
            for (RawConnection connection : silent) {
                connection.close();
            }
        }
    }

    @Test
    void aClientThatTricklesCannotOutstayThePacketTimeout() throws Exception {
        byte[] request = RawConnection.framed(Requests.alive2("trickle", 1, 77, 6, 5, new byte[40]));
        try (RawConnection bad = RawConnection.open(impatient.port())) {
            long opened = System.nanoTime();
            Thread trickler = Thread.ofVirtual().start(() -> {
                try {
                    for (byte b : request) { // 60 bytes, one each 250 ms: 15 s in all
                        bad.write(new byte[] {b});
                        Thread.sleep(250);
                    }
                } catch (IOException | InterruptedException dropped) {
                    // Dropped by the server, as it should be.
                }
            });
            othersAreServed(impatient);
            Duration before = Duration.ofNanos(System.nanoTime() - opened);
            assertClosedByTheTimeout(bad.read(IMPATIENT.plus(SLACK)), before);
            trickler.interrupt();
            assertEquals(Optional.empty(), EpmdClient.builder().port(impatient.port()).build().lookup("trickle"));
        }
    }

    @Test
    void aRegistrationIsNotSubjectToThePacketTimeout() throws Exception {
        EpmdClient client = EpmdClient.builder().port(impatient.port()).build();
        try (EpmdRegistration registration = client.register("long_lived", 4000)) {
            Thread.sleep(IMPATIENT.multipliedBy(2).toMillis());
            assertTrue(registration.isOpen());
            assertEquals(4000, client.lookup("long_lived").orElseThrow().port());
        }
    }

    @Test
    void manyClientsAtOnce() throws Exception {
        EpmdClient client = EpmdClient.builder().port(patient.port()).readTimeout(SLACK).build();
        int clients = 64;
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        List<EpmdRegistration> registrations = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < clients; i++) {
            String name = "many" + i;
            int port = 6000 + i;
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    registrations.add(client.register(name, port));
                    assertEquals(port, client.lookup(name).orElseThrow().port());
                    assertTrue(client.names().contains(new RegisteredName(name, port)));
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join(SLACK.multipliedBy(2));
        }
        assertEquals(List.of(), failures);
        assertEquals(clients, registrations.size());
        assertEquals(clients, patient.names().stream().filter(n -> n.name().startsWith("many")).count());
        registrations.forEach(EpmdRegistration::close);
        Await.value("every name is dropped", SLACK,
                () -> patient.names().stream().noneMatch(n -> n.name().startsWith("many")) ? true : null);
    }
}
