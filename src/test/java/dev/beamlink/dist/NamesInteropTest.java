package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.node.Mailbox;
import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.ErlNode;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Short and long names, and hidden nodes on either side, against live erl nodes. */
class NamesInteropTest {

    private static Epmd epmd;

    @BeforeAll
    static void start() {
        epmd = Epmd.start();
    }

    @AfterAll
    static void stop() {
        epmd.close();
    }

    @Test
    void longNamesBothWays() {
        try (ErlNode erl = ErlNode.builder().name("long").longNames(true).cookie(JavaNodes.COOKIE).epmd(epmd).start();
             DistributedNode java = JavaNodes.start(JavaNodes.builder(
                     "long_java_" + ProcessHandle.current().pid() + "@127.0.0.1", epmd.port()).longNames(true));
             Mailbox inbox = java.node().mailbox(Atom.of("inbox"))) {
            assertEquals("long_java_" + ProcessHandle.current().pid() + "@127.0.0.1", java.name().text());
            assertEquals("pong", erl.evalText("net_adm:ping('" + java.name().text() + "')."));
            erl.eval("{inbox, '" + java.name().text() + "'} ! over_long_names.");
            assertEquals(Optional.of(Atom.of("over_long_names")), inbox.receive(Duration.ofSeconds(10)));
            java.disconnect(Atom.of(erl.nodeName()));
            assertTrue(JavaNodes.eventually(() -> erl.evalText("nodes().").equals("[]")));
            assertTrue(java.ping(erl.nodeName()));
        }
    }

    @Test
    void aHiddenJavaNodeIsListedByErlAmongTheHiddenOnly() {
        try (ErlNode erl = ErlNode.builder().name("seeshidden").cookie(JavaNodes.COOKIE).epmd(epmd).start();
             DistributedNode java = JavaNodes.start(JavaNodes.builder("hidden_java", epmd).hidden(true))) {
            assertTrue(java.ping(erl.nodeName()));
            String us = java.name().text();
            assertEquals("{false,true}", erl.evalText("{lists:member('" + us + "', nodes()), lists:member('" + us
                    + "', nodes(hidden))}."));
            assertEquals(java.nodes(), java.connectedNodes(), "erl is a visible node to us");
        }
    }

    @Test
    void aHiddenErlNodeIsListedByJavaAmongTheHiddenOnly() {
        try (ErlNode erl = ErlNode.builder().name("hiddenerl").hidden(true).cookie(JavaNodes.COOKIE).epmd(epmd).start();
             DistributedNode java = JavaNodes.start(JavaNodes.builder("sees_hidden", epmd))) {
            assertEquals("pong", erl.evalText("net_adm:ping('" + java.name().text() + "')."));
            Atom erlNode = Atom.of(erl.nodeName());
            assertTrue(JavaNodes.eventually(() -> java.hiddenNodes().contains(erlNode)));
            assertFalse(java.nodes().contains(erlNode));
            assertTrue(java.connectedNodes().contains(erlNode));
        }
    }

    @Test
    void namesAreCheckedAsErlChecksThem() {
        assertEquals("a-b_1@host", NodeNames.fullName("a-b_1@host", false));
        assertEquals("n@host.example.com", NodeNames.fullName("n@host.example.com", true));
        assertEquals("n@127.0.0.1", NodeNames.fullName("n@127.0.0.1", true));
        assertThrowsIllegal(() -> NodeNames.fullName("n@host.example.com", false));
        assertThrowsIllegal(() -> NodeNames.fullName("bad name@host", false));
        assertThrowsIllegal(() -> NodeNames.fullName("@host", false));
        assertThrowsIllegal(() -> NodeNames.fullName("n@", false));
        assertThrowsIllegal(() -> NodeNames.fullName("n@a@b", true));
        assertThrowsIllegal(() -> NodeNames.fullName("n@sp ace", true));
        assertFalse(NodeNames.fullName("n", false).contains("."), "a short name made from this host has no dot");
    }

    private static void assertThrowsIllegal(Runnable call) {
        try {
            call.run();
        } catch (IllegalArgumentException expected) {
            assertFalse(expected.getMessage().isEmpty());
            return;
        }
        throw new AssertionError("accepted");
    }
}
