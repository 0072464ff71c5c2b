package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Mailbox;
import dev.beamlink.testing.Await;
import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.ErlNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Java node under attack and a live erl connected to it, the bystander: after each attack, {@link #assertCarriesOn()}
 * checks that the node still talks to erl both ways over the connection it had, and that no other peer is left.
 * Registered as a static extension ({@code @RegisterExtension}), it checks after each test and closes after the last.
 */
final class Bystander implements AutoCloseable, AfterEachCallback, AfterAllCallback {

    final Epmd epmd;
    final ErlNode erl;
    final DistributedNode java;
    final Mailbox inbox;
    private int checks;

    private Bystander(Epmd epmd, ErlNode erl, DistributedNode java) {
        this.epmd = epmd;
        this.erl = erl;
        this.java = java;
        this.inbox = java.node().mailbox(Atom.of("inbox"));
    }

    /** Starts epmd, the erl bystander and a Java node named after {@code prefix} with {@code options}, connected. */
    static Bystander start(String prefix, UnaryOperator<DistributedNode.Builder> options) {
        Epmd epmd = Epmd.start();
        ErlNode erl = ErlNode.builder().name("bystander").cookie(JavaNodes.COOKIE).epmd(epmd).start();
        Bystander fixture = new Bystander(epmd, erl, JavaNodes.start(options.apply(JavaNodes.builder(prefix, epmd))));
        assertTrue(fixture.java.ping(erl.nodeName()));
        return fixture;
    }

    /** The node still talks to erl both ways over the connection it had, and erl is its only peer. */
    void assertCarriesOn() {
        int n = ++checks;
        erl.eval("{inbox, '" + java.name().text() + "'} ! {still_here, " + n + "}.");
        assertEquals(Optional.of(Tuple.of(Atom.of("still_here"), Int.of(n))), inbox.receive(Duration.ofSeconds(10)));
        assertTrue(java.ping(erl.nodeName()));
        assertTrue(Await.eventually(() -> java.node().connectedNodes().equals(List.of(Atom.of(erl.nodeName())))),
                () -> "erl is the only peer: " + java.node().connectedNodes());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        assertCarriesOn();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        inbox.close();
        java.close();
        erl.close();
        epmd.close();
    }
}
