package dev.beamlink.testing.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.etf.Atom;
import dev.beamlink.testing.Distribution;
import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.ErlNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Nodes a test starts itself through a {@link Nodes} parameter: the class's epmd and cookie, the builder options the test
 * sets, unique names (or the full name given), and stopped with the test, or with the class for a {@code @BeforeAll}'s.
 */
@Tag("interop")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodesTest {

    private static final List<ErlNode> EARLIER = new ArrayList<>();
    private static final List<DistributedNode> EARLIER_JAVA = new ArrayList<>();
    private static ErlNode classNode;

    @Erl
    static ErlNode erl;

    @BeforeAll
    static void startAClassNode(Nodes nodes) {
        classNode = nodes.erl("class_node");
    }

    @Test
    @Order(1)
    void aTestStartsNodesWithOptionsOfItsOwnOnTheClassesEpmdAndCookie(Nodes nodes, Epmd epmd) {
        ErlNode ticking = nodes.erl("ticking", builder -> builder.ticktimeSeconds(7));
        DistributedNode limited = nodes.beamlink("limited", builder -> builder.processLimit(50));
        assertEquals(epmd, nodes.epmd());
        assertEquals(erl.cookie(), nodes.cookie());
        assertEquals(erl.cookie(), ticking.cookie());
        assertTrue(ticking.nodeName().startsWith("ticking_" + ProcessHandle.current().pid() + "_"), ticking.nodeName());
        assertEquals("7", ticking.evalText("net_kernel:get_net_ticktime()."));
        assertTrue(limited.name().text().matches("limited_[0-9]+_[0-9]+@localhost"), limited.name().text());
        assertTrue(limited.node().connectedNodes().isEmpty(), "not connected until it is asked to");
        assertTrue(limited.ping(erl.nodeName()), "the class's cookie");
        assertEquals("pong", ticking.evalText("net_adm:ping('" + limited.name().text() + "')."));
        assertTrue(epmd.names().contains(ticking.nodeName().substring(0, ticking.nodeName().indexOf('@'))), epmd.names());
        assertEquals(Distribution.TCP, nodes.distribution());
        assertEquals(erl.installation(), nodes.installation());
        EARLIER.add(ticking);
        EARLIER_JAVA.add(limited);
    }

    @Test
    @Order(2)
    void theyStopAfterTheirTestAndTheClassesAfterTheClass(Nodes nodes) {
        assertFalse(EARLIER.getFirst().isAlive(), "stopped after its test");
        assertFalse(EARLIER_JAVA.getFirst().ping(erl.nodeName()), "closed after its test");
        assertTrue(classNode.isAlive(), "a @BeforeAll's node lives as long as the class");
        String fullName = "given_" + ProcessHandle.current().pid() + "@localhost";
        DistributedNode named = nodes.beamlink(fullName);
        assertEquals(Atom.of(fullName), named.name(), "a name with a host is the full name");
        named.close();
        assertFalse(named.ping(erl.nodeName()), "a test may stop its nodes itself (the kit's close does no harm)");
        assertTrue(nodes.tls().optFile().toFile().isFile(), "the class's certificates, made on demand");
        assertEquals(nodes.tls(), nodes.tls(), "one set for the class");
    }
}
