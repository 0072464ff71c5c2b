package dev.beamlink.interop.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.etf.Atom;
import dev.beamlink.node.Mailbox;
import dev.beamlink.testing.ErlNode;
import dev.beamlink.testing.junit.Beamlink;
import dev.beamlink.testing.junit.Erl;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A wrong cookie, in both directions: the connection is refused and nothing is delivered. */
@Tag("interop")
class CookieInteropTest {

    @Erl(name = "cookie")
    static ErlNode erl;

    @BeforeAll
    static void start() {
        erl.eval("register(erlbox, self()).");
    }

    @Test
    void javaWithAWrongCookieIsRefusedAndItsMessagesAreNotDelivered(
            @Beamlink(name = "badcookie", cookie = "not-the-cookie", connect = false) DistributedNode java) {
        try (Mailbox sender = java.node().mailbox()) {
            sender.send(Atom.of("erlbox"), Atom.of(erl.nodeName()), Atom.of("must_not_arrive"));
            assertFalse(java.ping(erl.nodeName()));
            assertTrue(java.node().connectedNodes().isEmpty());
            assertEquals("false", erl.evalText("lists:member('" + java.name().text() + "', nodes(connected))."));
            assertEquals("nothing", erl.evalText("receive must_not_arrive -> arrived after 500 -> nothing end."));
        }
    }

    @Test
    void erlWithAWrongCookieIsRefusedAndItsMessagesAreNotDelivered(
            @Beamlink(name = "goodcookie", cookie = "the-java-cookie", connect = false) DistributedNode java) {
        try (Mailbox inbox = java.node().mailbox(Atom.of("inbox"))) {
            String us = java.name().text();
            assertEquals("pang", erl.evalText("net_adm:ping('" + us + "')."));
            erl.eval("{inbox, '" + us + "'} ! must_not_arrive.");
            assertEquals(Optional.empty(), inbox.receive(Duration.ofMillis(500)));
            assertTrue(java.node().connectedNodes().isEmpty());
            assertEquals("false", erl.evalText("lists:member('" + us + "', nodes(connected))."));
        }
    }
}
