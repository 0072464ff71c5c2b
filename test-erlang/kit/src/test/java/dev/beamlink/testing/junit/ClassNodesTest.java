package dev.beamlink.testing.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Etf;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Mailbox;
import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.ErlNode;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Nodes of a whole test class: static fields, one erl with a module loaded and a beamlink node connected to it. */
@Tag("interop")
class ClassNodesTest {

    @Erl(load = "erlang/kit_echo.erl")
    static ErlNode erl;

    @Beamlink
    static DistributedNode java;

    @Test
    void theBeamlinkNodeIsConnectedToTheErlNodeWithTheClassCookieAndEpmd(Epmd epmd) {
        assertTrue(java.node().nodes().contains(Atom.of(erl.nodeName())), java.node().nodes().toString());
        assertTrue(erl.nodeName().startsWith("erl_" + ProcessHandle.current().pid() + "_"), erl.nodeName());
        assertTrue(java.name().text().startsWith("java_" + ProcessHandle.current().pid() + "_"), java.name().text());
        assertTrue(erl.cookie().startsWith("kit-"), erl.cookie());
        assertEquals("'" + erl.cookie() + "'", erl.evalText("erlang:get_cookie()."));
        String names = epmd.names();
        assertTrue(names.contains("name " + erl.nodeName().split("@")[0] + " "), names);
        assertTrue(names.contains("name " + java.name().text().split("@")[0] + " "), names);
    }

    @Test
    void theLoadedModuleAnswersTheJavaNode() {
        erl.eval("kit_echo:start().");
        try (Mailbox me = java.node().mailbox()) {
            me.send(Atom.of("kit_echo"), Atom.of(erl.nodeName()), Tuple.of(me.self(), Int.of(42)));
            assertEquals(Tuple.of(Atom.of("echo"), Int.of(42)), me.receive(Duration.ofSeconds(10)).orElseThrow());
        }
        assertEquals(Atom.of("true"), Etf.decode(erl.eval("exit(whereis(kit_echo), kill).").etf()));
    }

    @Test
    void aParameterOfAFieldsNameIsThatFieldsNode(@Erl ErlNode erl, @Beamlink DistributedNode java) {
        assertSame(ClassNodesTest.erl, erl);
        assertSame(ClassNodesTest.java, java);
    }
}
