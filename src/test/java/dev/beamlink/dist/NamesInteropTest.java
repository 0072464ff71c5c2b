package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.node.Mailbox;
import dev.beamlink.testing.Await;
import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.ErlNode;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Short and long names, and hidden nodes on either side, against live erl nodes. */
@Tag("interop")
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
            java.node().disconnect(Atom.of(erl.nodeName()));
            assertTrue(Await.eventually(() -> erl.evalText("nodes().").equals("[]")));
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
            assertEquals(java.node().nodes(), java.node().connectedNodes(), "erl is a visible node to us");
        }
    }

    @Test
    void aHiddenErlNodeIsListedByJavaAmongTheHiddenOnly() {
        try (ErlNode erl = ErlNode.builder().name("hiddenerl").hidden(true).cookie(JavaNodes.COOKIE).epmd(epmd).start();
             DistributedNode java = JavaNodes.start(JavaNodes.builder("sees_hidden", epmd))) {
            assertEquals("pong", erl.evalText("net_adm:ping('" + java.name().text() + "')."));
            Atom erlNode = Atom.of(erl.nodeName());
            assertTrue(Await.eventually(() -> java.node().hiddenNodes().contains(erlNode)));
            assertFalse(java.node().nodes().contains(erlNode));
            assertTrue(java.node().connectedNodes().contains(erlNode));
        }
    }

    @Test
    void namesAreCheckedAsErlChecksThem() {
        assertEquals("a-b_1@host", NodeNameRules.fullName("a-b_1@host", false));
        assertEquals("n@host.example.com", NodeNameRules.fullName("n@host.example.com", true));
        assertEquals("n@127.0.0.1", NodeNameRules.fullName("n@127.0.0.1", true));
        assertThrowsIllegal(() -> NodeNameRules.fullName("n@host.example.com", false));
        assertThrowsIllegal(() -> NodeNameRules.fullName("bad name@host", false));
        assertThrowsIllegal(() -> NodeNameRules.fullName("@host", false));
        assertThrowsIllegal(() -> NodeNameRules.fullName("n@", false));
        assertThrowsIllegal(() -> NodeNameRules.fullName("n@a@b", true));
        assertThrowsIllegal(() -> NodeNameRules.fullName("n@sp ace", true));
        assertFalse(NodeNameRules.fullName("n", false).contains("."), "a short name made from this host has no dot");
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
