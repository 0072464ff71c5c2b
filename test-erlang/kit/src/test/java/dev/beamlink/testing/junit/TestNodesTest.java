package dev.beamlink.testing.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.etf.Atom;
import dev.beamlink.testing.ErlNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Nodes of each test: instance fields and parameters, new for every test and stopped after it. */
@Tag("interop")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TestNodesTest {

    private static final List<ErlNode> EARLIER = new ArrayList<>();

    @Erl
    ErlNode erl;

    @Beamlink
    DistributedNode java;

    @Test
    @Order(1)
    void eachTestHasNodesOfItsOwn(@Erl(name = "other", hidden = true) ErlNode other) {
        assertTrue(java.node().nodes().contains(Atom.of(erl.nodeName())));
        assertTrue(java.node().hiddenNodes().contains(Atom.of(other.nodeName())), "connected to the hidden node too");
        assertEquals("true", other.evalText("lists:member('" + java.name().text() + "', nodes(hidden))."));
        EARLIER.add(erl);
        EARLIER.add(other);
    }

    @Test
    @Order(2)
    void theNodesOfAnEarlierTestHaveStopped() {
        assertEquals(2, EARLIER.size());
        for (ErlNode earlier : EARLIER) {
            assertFalse(earlier.isAlive(), earlier + " still runs");
            assertNotEquals(earlier.nodeName(), erl.nodeName());
        }
    }

    @Test
    @Order(3)
    void longNamesOnBothSides(@Erl(longNames = true) ErlNode erlLong, @Beamlink(longNames = true) DistributedNode javaLong) {
        assertTrue(erlLong.nodeName().endsWith("@127.0.0.1"), erlLong.nodeName());
        assertTrue(javaLong.node().nodes().contains(Atom.of(erlLong.nodeName())));
        assertFalse(javaLong.node().nodes().contains(Atom.of(erl.nodeName())), "short and long names do not mix");
    }

    @Test
    @Order(4)
    void aNodeOfItsOwnCookieIsLeftAlone(@Erl(cookie = "another") ErlNode stranger) {
        assertFalse(java.node().nodes().contains(Atom.of(stranger.nodeName())));
        assertEquals("pang", stranger.evalText("net_adm:ping('" + java.name().text() + "')."));
    }
}
