package dev.beamlink.testing.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Binary;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Int;
import dev.beamlink.node.ErlangExit;
import dev.beamlink.node.Mailbox;
import dev.beamlink.otp.Erpc;
import dev.beamlink.testing.ErlNode;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Elixir 1.18 on OTP 27 calls a Java node's exported functions ({@code :erpc.call}, {@code :rpc.call},
 * {@code Node.spawn_link}) and Java calls it back, as between two BEAM nodes; OTP 27's erpc and rpc get undef and
 * Java's exceptions as they would from an Erlang function.
 */
@Tag("interop")
class CallsIntoJavaTest {

    @Erl(elixir = true)
    static ErlNode elixir;

    @Beamlink
    static DistributedNode java;

    @BeforeAll
    static void export() {
        java.exports().export(Atom.of("jfun"), Atom.of("add"), 2,
                call -> Int.of(((Int) call.arg(0)).value() + ((Int) call.arg(1)).value()));
        java.exports().export(Atom.of("jfun"), Atom.of("bye"), 0, call -> {
            throw new ErlangExit(Atom.of("bye"), "asked to");
        });
    }

    private String javaNode() {
        return ":\"" + java.name().text() + "\"";
    }

    @Test
    void elixirCallsAnExportedFunction() {
        assertEquals("3", elixir.evalElixir(":erpc.call(" + javaNode() + ", :jfun, :add, [1, 2])").text());
        assertEquals("3", elixir.evalElixir(":rpc.call(" + javaNode() + ", :jfun, :add, [1, 2])").text());
        assertEquals("{:error, {:exception, :undef, [{:jfun, :nope, [1], []}]}}", elixir.evalElixir(
                "try do :erpc.call(" + javaNode() + ", :jfun, :nope, [1]) catch kind, reason -> {kind, reason} end").text());
        assertEquals("{:badrpc, {:EXIT, {:undef, [{:jfun, :nope, [1], []}]}}}",
                elixir.evalElixir(":rpc.call(" + javaNode() + ", :jfun, :nope, [1])").text());
        assertEquals("{:exit, {:exception, :bye}}", elixir.evalElixir(
                "try do :erpc.call(" + javaNode() + ", :jfun, :bye, []) catch kind, reason -> {kind, reason} end").text());
    }

    @Test
    void elixirSpawnsALinkedJavaProcess() {
        assertEquals("{:EXIT, :bye}", elixir.evalElixir("Process.flag(:trap_exit, true); "
                + "pid = Node.spawn_link(" + javaNode() + ", :jfun, :bye, []); "
                + "receive do {:EXIT, ^pid, why} -> {:EXIT, why} after 10_000 -> :timeout end").text());
    }

    @Test
    void javaCallsElixir() {
        try (Mailbox self = java.node().mailbox()) {
            assertEquals(Int.of(6), Erpc.call(self, Atom.of(elixir.nodeName()), Atom.of("Elixir.Enum"), Atom.of("sum"),
                    List.of(ErlList.of(Int.of(1), Int.of(2), Int.of(3)))));
            assertTrue(Erpc.call(self, Atom.of(elixir.nodeName()), Atom.of("Elixir.System"), Atom.of("version"), List.of())
                    instanceof Binary);
        }
    }
}
