package dev.beamlink.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("interop")
class ErlNodeTest {

    @Test
    void twoNodesOnTheirOwnEpmdPingEachOtherAndKeepBindings() {
        try (Epmd epmd = Epmd.start();
             ErlNode a = ErlNode.builder().name("a").epmd(epmd).start();
             ErlNode b = ErlNode.builder().name("b").epmd(epmd).start()) {
            assertEquals("pong", b.evalText("net_adm:ping('" + a.nodeName() + "')."));
            assertTrue(epmd.names().contains(a.nodeName().substring(0, a.nodeName().indexOf('@'))), epmd.names());
            a.eval("X = 20 + 1.");
            assertEquals("42", a.evalText("X * 2."));
            // term_to_binary(42) = <<131,97,42>>
            assertEquals(3, a.eval("42.").etf().length);
        }
    }

    @Test
    void anExceptionOnTheNodeIsReportedWithItsReason() {
        try (Epmd epmd = Epmd.start(); ErlNode a = ErlNode.builder().name("x").epmd(epmd).start()) {
            ErlangEvalException e = assertThrows(ErlangEvalException.class, () -> a.eval("erlang:error(boom)."));
            assertTrue(e.getMessage().contains("error:boom"), e.getMessage());
            assertEquals("ok", a.evalText("ok."));
        }
    }

    @Test
    void closingHaltsTheNodeAndKillEndsItAtOnce() {
        try (Epmd epmd = Epmd.start()) {
            ErlNode a = ErlNode.builder().name("c").epmd(epmd).start();
            a.close();
            assertFalse(a.isAlive());
            ErlNode b = ErlNode.builder().name("k").epmd(epmd).start();
            b.kill();
            assertFalse(b.isAlive());
            b.close();
        }
    }
}
