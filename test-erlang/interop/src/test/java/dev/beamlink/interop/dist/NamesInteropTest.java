package dev.beamlink.interop.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.etf.Atom;
import dev.beamlink.node.Mailbox;
import dev.beamlink.testing.Await;
import dev.beamlink.testing.ErlNode;
import dev.beamlink.testing.junit.Beamlink;
import dev.beamlink.testing.junit.Erl;
import dev.beamlink.testing.junit.ErlangExtension;
import dev.beamlink.testing.junit.Nodes;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Short and long names, and hidden nodes on either side, against live erl nodes. */
@Tag("interop")
@ExtendWith(ErlangExtension.class)
class NamesInteropTest {

    @Test
    void longNamesBothWays(@Erl(name = "long", longNames = true) ErlNode erl, Nodes nodes) {
        DistributedNode java = nodes.beamlink("long_java_" + ProcessHandle.current().pid() + "@127.0.0.1",
                builder -> builder.longNames(true).hidden(true)); // no global to connect them again after the disconnect
        try (Mailbox inbox = java.node().mailbox(Atom.of("inbox"))) {
            assertEquals("long_java_" + ProcessHandle.current().pid() + "@127.0.0.1", java.name().text());
            assertEquals("pong", erl.evalText("net_adm:ping('" + java.name().text() + "')."));
            erl.eval("{inbox, '" + java.name().text() + "'} ! over_long_names.");
            assertEquals(Optional.of(Atom.of("over_long_names")), inbox.receive(Duration.ofSeconds(10)));
            java.node().disconnect(Atom.of(erl.nodeName()));
            assertTrue(Await.eventually(() -> erl.evalText("nodes(connected).").equals("[]")));
            assertTrue(java.ping(erl.nodeName()));
        }
    }

    @Test
    void aHiddenJavaNodeIsListedByErlAmongTheHiddenOnly(@Erl(name = "seeshidden") ErlNode erl,
            @Beamlink(name = "hidden_java", hidden = true, connect = false) DistributedNode java) {
        assertTrue(java.ping(erl.nodeName()));
        String us = java.name().text();
        assertEquals("{false,true}", erl.evalText("{lists:member('" + us + "', nodes()), lists:member('" + us
                + "', nodes(hidden))}."));
        assertEquals(java.node().nodes(), java.node().connectedNodes(), "erl is a visible node to us");
    }

    @Test
    void aHiddenErlNodeIsListedByJavaAmongTheHiddenOnly(@Erl(name = "hiddenerl", hidden = true) ErlNode erl,
            @Beamlink(name = "sees_hidden", connect = false) DistributedNode java) {
        assertEquals("pong", erl.evalText("net_adm:ping('" + java.name().text() + "')."));
        Atom erlNode = Atom.of(erl.nodeName());
        assertTrue(Await.eventually(() -> java.node().hiddenNodes().contains(erlNode)));
        assertFalse(java.node().nodes().contains(erlNode));
        assertTrue(java.node().connectedNodes().contains(erlNode));
    }
}
