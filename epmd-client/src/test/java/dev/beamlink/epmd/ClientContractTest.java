package dev.beamlink.epmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.testing.Await;
import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.ErlNode;
import dev.beamlink.testing.FreePorts;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the client does against an EPMD and a live erl node registered there; run against OTP's own
 * {@code epmd} ({@link RealEpmdClientTest}) and against {@link EpmdServer} ({@link EmbeddedEpmdClientTest}),
 * each started by the test on a free loopback port.
 */
@Tag("interop")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClientContractTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    private AutoCloseable epmd;
    private int epmdPort;
    private ErlNode erl;
    private int erlDistPort;
    private EpmdClient client;

    /** An EPMD under test, and how to stop it. */
    record Running(int port, AutoCloseable stop) {
    }

    /** {@return a running EPMD of the kind under test, on a loopback port of its own} */
    abstract Running startEpmd() throws Exception;

    /** {@return what {@code epmd -names} prints for the EPMD under test} */
    String epmdNames() {
        return Epmd.names(epmdPort);
    }

    @BeforeAll
    void start() throws Exception {
        Running running = startEpmd();
        epmd = running.stop();
        epmdPort = running.port();
        erlDistPort = FreePorts.pick();
        erl = ErlNode.builder().name("contract").epmdPort(epmdPort).distPort(erlDistPort).start();
        client = EpmdClient.builder().port(epmdPort).build();
    }

    @AfterAll
    void stop() throws Exception {
        if (erl != null) {
            erl.close();
        }
        if (epmd != null) {
            epmd.close();
        }
    }

    private static String shortName(ErlNode node) {
        return node.nodeName().substring(0, node.nodeName().indexOf('@'));
    }

    @Test
    void registersAndLooksItselfUp() throws Exception {
        NodeEntry self = NodeEntry.of("java_self", 40001).withNodeType(NodeType.HIDDEN).withExtra(new byte[] {1, 2, 3});
        try (EpmdRegistration registration = client.register(self)) {
            assertTrue(registration.isOpen());
            assertTrue(Integer.compareUnsigned(registration.creation(), 4) >= 0, "epmd's 32-bit creation: " + registration.creation());
            assertEquals(self, registration.node());
            assertEquals(Optional.of(self), client.lookup("java_self"));
            // Erlang's own EPMD client sees the registration as we made it.
            assertEquals("{port,40001,6}", erl.evalText("erl_epmd:port_please(\"java_self\", \"localhost\")."));
        }
    }

    @Test
    void looksUpAnErlNode() throws Exception {
        NodeEntry node = client.lookup(shortName(erl)).orElseThrow();
        assertEquals(shortName(erl), node.name());
        assertEquals(erlDistPort, node.port());
        assertEquals(NodeType.NORMAL, node.nodeType());
        assertEquals(EpmdProtocol.PROTOCOL_TCP_IPV4, node.protocol());
        assertEquals(6, node.highestVersion());
        assertTrue(node.lowestVersion() >= 5 && node.lowestVersion() <= 6, "lowest version " + node.lowestVersion());
    }

    @Test
    void looksUpAnErlNodeByItsFullName() throws Exception {
        assertEquals(erlDistPort, client.lookupNode(erl.nodeName()).orElseThrow().port());
        assertEquals(Optional.empty(), client.lookupNode("nobody_here@127.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> client.lookupNode("no_host@"));
        assertThrows(IllegalArgumentException.class, () -> client.lookupNode("@localhost"));
    }

    @Test
    void aNameNobodyRegisteredIsEmpty() throws Exception {
        assertEquals(Optional.empty(), client.lookup("nobody_here"));
    }

    @Test
    void listsNames() throws Exception {
        try (EpmdRegistration ignored = client.register("java_listed", 40002)) {
            List<RegisteredName> names = client.names();
            assertTrue(names.contains(new RegisteredName("java_listed", 40002)), names.toString());
            assertTrue(names.contains(new RegisteredName(shortName(erl), erlDistPort)), names.toString());
            String printed = epmdNames();
            assertTrue(printed.contains("name java_listed at port 40002"), printed);
        }
    }

    @Test
    void refusesADuplicateName() throws Exception {
        try (EpmdRegistration first = client.register("java_dup", 40003)) {
            EpmdNameInUseException e = assertThrows(EpmdNameInUseException.class, () -> client.register("java_dup", 40004));
            assertEquals("java_dup", e.name());
            assertEquals(1, e.result());
            assertTrue(first.isOpen());
            assertEquals(40003, client.lookup("java_dup").orElseThrow().port());
        }
        // The erl node's name is taken too.
        assertThrows(EpmdNameInUseException.class, () -> client.register(shortName(erl), 40005));
    }

    @Test
    void closingUnregisters() throws Exception {
        EpmdRegistration registration = client.register("java_closed", 40006);
        registration.close();
        registration.close();
        assertFalse(registration.isOpen());
        Await.value("epmd drops java_closed", LIMIT, () -> client.lookup("java_closed").isEmpty() ? true : null);
        assertFalse(registration.whenLost().toCompletableFuture().isDone(), "a closed registration is not lost");
        // The name is free again, with a fresh creation.
        try (EpmdRegistration again = client.register("java_closed", 40007)) {
            assertTrue(again.creation() != registration.creation(), "fresh creation");
        }
    }

    @Test
    void aNodeBelowVersion6GetsTheOlderAlive2Resp() throws Exception {
        try (EpmdRegistration registration = client.register(NodeEntry.of("java_v5", 40008).withVersions(5, 5))) {
            assertTrue(registration.creation() >= 1 && registration.creation() <= 3, "16-bit creation " + registration.creation());
        }
    }

    @Test
    void aRegistrationIsLostWhenEpmdStops() throws Exception {
        Running own = startEpmd();
        try (AutoCloseable stop = own.stop()) {
            EpmdClient ownClient = EpmdClient.builder().port(own.port()).build();
            try (EpmdRegistration registration = ownClient.register("java_lost", 40009)) {
                stop.close();
                registration.whenLost().toCompletableFuture().get(LIMIT.toSeconds(), TimeUnit.SECONDS);
                assertFalse(registration.isOpen());
                assertThrows(EpmdUnreachableException.class, ownClient::names);
                assertFalse(ownClient.isReachable());
            }
        }
    }
}
