package dev.beamlink.epmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.testing.FreePorts;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The client's errors, each of its own type with a message that says what happened, against fake EPMDs. */
class ClientErrorsTest {

    private static final Duration READ_TIMEOUT = Duration.ofMillis(700);
    /** Generous: the machine is shared with other builds. */
    private static final Duration SLACK = Duration.ofSeconds(10);
    private static final HexFormat HEX = HexFormat.of();

    private static EpmdClient client(int port) {
        return EpmdClient.builder().port(port).connectTimeout(Duration.ofSeconds(5)).readTimeout(READ_TIMEOUT).build();
    }

    @Test
    void nothingListeningIsUnreachable() {
        int port = FreePorts.pick();
        EpmdClient client = client(port);
        assertFalse(client.isReachable());
        for (Executable call : new Executable[] {() -> client.lookup("a"), client::names, () -> client.register("a", 1)}) {
            EpmdUnreachableException e = assertThrows(EpmdUnreachableException.class, call);
            assertEquals("EPMD at 127.0.0.1:" + port + " is unreachable: Connection refused", e.getMessage());
            assertInstanceOf(ConnectException.class, e.getCause());
        }
    }

    @Test
    void anUnknownHostIsUnreachable() {
        EpmdClient client = client(4369).withHost("no-such-host.invalid");
        EpmdUnreachableException e = assertThrows(EpmdUnreachableException.class, () -> client.lookup("a"));
        assertEquals("EPMD host no-such-host.invalid is unknown", e.getMessage());
    }

    @Test
    void aServerThatAcceptsButNeverAnswersTimesOut() throws IOException {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.silent())) {
            EpmdClient client = client(server.port());
            assertTrue(client.isReachable());
            for (Executable call : new Executable[] {() -> client.lookup("a"), client::names, () -> client.register("a", 1)}) {
                long start = System.nanoTime();
                EpmdTimeoutException e = assertThrows(EpmdTimeoutException.class, call);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertEquals(READ_TIMEOUT, e.timeout());
                assertTrue(e.getMessage().startsWith("EPMD at 127.0.0.1:" + server.port() + " did not answer "), e.getMessage());
                assertTrue(e.getMessage().endsWith(": no complete message within PT0.7S (received: 0 bytes)"), e.getMessage());
                assertTrue(took.compareTo(READ_TIMEOUT.minusMillis(50)) >= 0, "gave up early: " + took);
                assertTrue(took.compareTo(READ_TIMEOUT.plus(SLACK)) < 0, "gave up late: " + took);
            }
        }
    }

    @Test
    void aServerThatTricklesItsReplyCannotStretchTheTimeout() throws IOException {
        byte[] reply = HEX.parseHex("77" + "00" + "1f90" + "4d" + "00" + "0006" + "0005" + "0001" + "61" + "0000");
        try (ScriptedServer server = ScriptedServer.start((connection, request) -> {
            for (byte b : reply) {
                connection.getOutputStream().write(b);
                Thread.sleep(150);
            }
        })) {
            long start = System.nanoTime();
            assertThrows(EpmdTimeoutException.class, () -> client(server.port()).lookup("a"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Duration.ofMillis(150L * reply.length)) < 0, "the deadline covers the whole reply: " + took);
        }
    }

    @Test
    void aConnectionClosedWithoutAReplyIsATruncatedReply() throws IOException {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replying(new byte[0]))) {
            EpmdProtocolException e = assertThrows(EpmdProtocolException.class, () -> client(server.port()).lookup("a"));
            assertEquals("malformed reply from EPMD at 127.0.0.1:" + server.port() + " to PORT_PLEASE2_REQ for 'a': "
                    + "truncated at PORT2_RESP tag (expected: 1 bytes, received: 0 bytes)", e.getMessage());
            assertEquals("1 bytes", e.expected());
            assertEquals("0 bytes", e.received());
        }
    }

    @Test
    void aMalformedReplyNamesExpectedAndReceived() throws IOException {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replying(HEX.parseHex("2a00000001")))) {
            EpmdProtocolException e = assertThrows(EpmdProtocolException.class, () -> client(server.port()).register("a", 1));
            assertTrue(e.getMessage().endsWith("to ALIVE2_REQ for 'a': ALIVE2 reply tag: 42 (expected: 118 or 121)"), e.getMessage());
            assertEquals("118 or 121", e.expected());
            assertEquals("42", e.received());
        }
    }

    @Test
    void aRefusalIsNameInUse() throws IOException {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replying(HEX.parseHex("760100000063")))) {
            EpmdNameInUseException e = assertThrows(EpmdNameInUseException.class, () -> client(server.port()).register("taken", 1));
            assertEquals("taken", e.name());
            assertEquals(1, e.result());
            assertEquals("EPMD at 127.0.0.1:" + server.port() + " refused to register 'taken' (result: 1): "
                    + "the name is registered already", e.getMessage());
        }
    }

    @Test
    void acceptsTheOlderAlive2RespWith16BitCreation() throws IOException {
        try (ScriptedServer server = ScriptedServer.start((connection, request) -> {
            connection.getOutputStream().write(HEX.parseHex("790000ff"));
            Thread.sleep(60_000); // hold the registration
        })) {
            try (EpmdRegistration registration = client(server.port()).register("old", 1)) {
                assertEquals(255, registration.creation());
                assertTrue(registration.isOpen());
            }
        }
    }

    @Test
    void aNotRegisteredNameIsAnEmptyResult() throws IOException {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replying(HEX.parseHex("7701")))) {
            assertEquals(Optional.empty(), client(server.port()).lookup("nobody"));
        }
    }
}
