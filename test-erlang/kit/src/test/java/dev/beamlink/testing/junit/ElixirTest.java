package dev.beamlink.testing.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.BigInt;
import dev.beamlink.etf.Binary;
import dev.beamlink.etf.ErlFloat;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.ErlMap;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Mailbox;
import dev.beamlink.testing.ErlNode;
import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An Elixir node (Elixir 1.18 on OTP 27) with a module of its own, and a beamlink node connected to it: Elixir terms
 * arrive in Java as the terms they are, and go back intact.
 */
@Tag("interop")
class ElixirTest {

    @Erl(elixir = true, load = "elixir/kit_shapes.ex")
    static ErlNode elixir;

    @Beamlink
    static DistributedNode java;

    @Test
    void theElixirNodeRunsElixir118AndIsConnected() {
        assertTrue(elixir.evalElixir("System.version()").text().startsWith("\"1.18."));
        assertEquals("\"27\"", elixir.evalElixir(":erlang.system_info(:otp_release) |> List.to_string()").text());
        assertTrue(java.node().nodes().contains(Atom.of(elixir.nodeName())));
        assertEquals("true", elixir.evalElixir("Node.list() |> Enum.member?(:\"" + java.name().text() + "\")").text());
    }

    @Test
    void theElixirNodeConnectsToABeamlinkNodeThatWaits(@Beamlink(connect = false) DistributedNode waiting) {
        assertEquals(":pong", elixir.evalElixir("Node.ping(:\"" + waiting.name().text() + "\")").text());
        assertTrue(waiting.node().nodes().contains(Atom.of(elixir.nodeName())));
    }

    @Test
    void theLoadedModuleIsCalledFromElixirAndErlang() {
        assertEquals("%KitShapes.Circle{radius: 2.5, label: :big}",
                elixir.evalElixir("%KitShapes.Circle{radius: 2.5, label: :big}").text());
        assertEquals("11", elixir.evalText("length('Elixir.KitShapes':samples())."));
    }

    @Test
    void elixirTermsArriveAsTheirJavaTermsAndGoBackIntact() throws Exception {
        try (Mailbox inbox = java.node().mailbox(Atom.of("elixir_inbox"))) {
            CompletableFuture<String> roundTrip = CompletableFuture.supplyAsync(() -> elixir.evalElixir(
                    "KitShapes.round_trip({:elixir_inbox, :\"" + java.name().text() + "\"})").text());
            Tuple samples = (Tuple) inbox.receive(Duration.ofSeconds(10)).orElseThrow();
            assertEquals(Atom.of("samples"), samples.get(0));
            assertEquals(expectedSamples(), ((ErlList) samples.get(2)).elements());
            inbox.send((Pid) samples.get(1), Tuple.of(Atom.of("back"), samples.get(2)));
            assertEquals(":same", roundTrip.get(20, TimeUnit.SECONDS));
        }
    }

    /** {@return KitShapes.samples() as Java terms} */
    private static List<Term> expectedSamples() {
        Map<Term, Term> map = new LinkedHashMap<>();
        map.put(Binary.ofUtf8("key"), Int.of(1));
        map.put(Atom.of("atom_key"), ErlList.of(Int.of(1), Int.of(2), Int.of(3)));
        Map<Term, Term> circle = new LinkedHashMap<>();
        circle.put(Atom.of("__struct__"), Atom.of("Elixir.KitShapes.Circle"));
        circle.put(Atom.of("radius"), new ErlFloat(2.5));
        circle.put(Atom.of("label"), Atom.of("big"));
        return List.of(
                Binary.ofUtf8("héllo, wörld"),                                     // "héllo, wörld": a UTF-8 binary
                ErlList.ofString("charlist"),                                     // ~c"charlist"
                Atom.of("ok"),                                                    // :ok
                Atom.of("Elixir.KitShapes.Circle"),                               // a module name
                Atom.of("nil"),                                                   // nil
                Atom.of("true"),                                                  // true
                ErlList.of(Tuple.of(Atom.of("name"), Binary.ofUtf8("circle")),    // [name: "circle", sides: 0]
                        Tuple.of(Atom.of("sides"), Int.of(0))),
                new ErlMap(map),                                                  // %{"key" => 1, atom_key: [1, 2, 3]}
                new ErlMap(circle),                                               // %KitShapes.Circle{...}
                Tuple.of(Atom.of("tuple"), Int.of(1), Int.of(-2), new ErlFloat(3.5)),
                BigInt.integer(new BigInteger("12345678901234567890")));
    }
}
