package dev.beamlink.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Elixir nodes (Elixir 1.18 on OTP 27, from the trixie root): Elixir and Erlang evaluated on them, .ex files loaded. */
@Tag("interop")
class ElixirNodeTest {

    @Test
    void anElixirNodeEvaluatesElixirAndErlangAndLoadsModules() {
        try (Epmd epmd = Epmd.start();
             ErlNode elixir = ErlNode.builder().name("ex").elixir(true).epmd(epmd).start();
             ErlNode erl = ErlNode.builder().name("erl").epmd(epmd).start()) {
            assertTrue(elixir.evalElixir("System.version()").text().startsWith("\"1.18."));
            assertEquals("[ok: 1, error: nil]", elixir.evalElixir("x = 1\n[ok: x, error: nil]").text());
            assertEquals("2", elixir.evalElixir("x + 1").text(), "bindings last");
            assertEquals("{ok,1}", elixir.evalText("{ok, 1}."), "Erlang too");
            assertEquals(List.of("Elixir.Greeter"), elixir.load(Resources.file("elixir/greeter.ex")));
            assertEquals("\"hi, José\"", elixir.evalElixir("Greeter.greet(%Greeter{name: \"José\", greeting: :hi})").text());
            assertEquals("pong", erl.evalText("net_adm:ping('" + elixir.nodeName() + "')."));
            assertEquals("<<\"hello, world\">>",
                    erl.evalText("rpc:call('" + elixir.nodeName() + "', 'Elixir.Greeter', greet, [#{'__struct__' => 'Elixir.Greeter', name => <<\"world\">>, greeting => hello}])."));
        }
    }

    @Test
    void elixirErrorsComeBackAsElixirPrintsThem() {
        try (Epmd epmd = Epmd.start(); ErlNode elixir = ErlNode.builder().name("exerr").elixir(true).epmd(epmd).start()) {
            ErlangEvalException raised = assertThrows(ErlangEvalException.class, () -> elixir.evalElixir("raise ArgumentError, \"no\""));
            assertTrue(raised.printed().contains("** (ArgumentError) no"), raised.printed());
            IllegalStateException broken = assertThrows(IllegalStateException.class, () -> elixir.load(Resources.file("elixir/broken.ex")));
            assertTrue(broken.getMessage().contains("broken.ex"), broken.getMessage());
            assertEquals(":still_here", elixir.evalElixir(":still_here").text());
        }
    }

    @Test
    void anErlNodeRefusesElixir() {
        try (Epmd epmd = Epmd.start(); ErlNode erl = ErlNode.builder().name("noex").epmd(epmd).start()) {
            assertThrows(IllegalStateException.class, () -> erl.evalElixir(":ok"));
            assertThrows(IllegalStateException.class, () -> erl.load(Resources.file("elixir/greeter.ex")));
        }
    }
}
