package dev.beamlink.interop.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.etf.Atom;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.NodeDown;
import dev.beamlink.testing.Await;
import dev.beamlink.testing.ErlNode;
import dev.beamlink.testing.junit.Beamlink;
import dev.beamlink.testing.junit.Erl;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** net_adm:ping between a live erl and a Java node, both ways, with the right cookie and a wrong one. */
@Tag("interop")
class PingInteropTest {

    @Erl(name = "ping")
    static ErlNode erl;

    @Test
    void erlPingsJavaAndJavaListsErlAsConnected(@Beamlink(name = "ping_java", connect = false) DistributedNode java) {
        assertEquals("pong", erl.evalText("net_adm:ping('" + java.name().text() + "')."));
        assertEquals("true", erl.evalText("lists:member('" + java.name().text() + "', nodes())."));
        assertTrue(Await.eventually(() -> java.node().nodes().contains(Atom.of(erl.nodeName()))));
    }

    @Test
    void javaPingsErl(@Beamlink(name = "ping_java", connect = false) DistributedNode java) {
        assertTrue(java.ping(erl.nodeName()));
        assertEquals("true", erl.evalText("lists:member('" + java.name().text() + "', nodes())."));
        assertTrue(java.node().nodes().contains(Atom.of(erl.nodeName())));
    }

    @Test
    void javaPingOfANodeThatDoesNotExistIsPang(@Beamlink(name = "ping_java", connect = false) DistributedNode java) {
        assertFalse(java.ping("nosuchnode@localhost"));
        assertTrue(java.node().connectedNodes().isEmpty());
        try (Mailbox watcher = java.node().mailbox()) {
            watcher.monitorNode(Atom.of("nosuchnode@localhost"));
            assertEquals(Optional.of(new NodeDown(Atom.of("nosuchnode@localhost"))), watcher.receive(Duration.ofSeconds(10)),
                    "a node monitor on a node that cannot be reached fires at once");
        }
    }
}
