package dev.beamlink.interop.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.dist.ErlGlobal;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.node.Mailbox;
import dev.beamlink.testing.Await;
import dev.beamlink.testing.ErlNode;
import dev.beamlink.testing.junit.Beamlink;
import dev.beamlink.testing.junit.Erl;
import dev.beamlink.testing.junit.ErlangExtension;
import dev.beamlink.testing.junit.Nodes;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Global names of a node that goes away disappear everywhere, as global removes them; those left stay in sync. */
@Tag("interop")
@ExtendWith(ErlangExtension.class)
class GlobalNodeLossInteropTest {

    @Test
    void theNamesOfAClosedJavaNodeAreGoneOnEveryErlNode(@Erl(name = "first") ErlNode first,
            @Erl(name = "second") ErlNode second, Nodes nodes) {
        try (DistributedNode java = nodes.beamlink("closing");
             Mailbox holder = java.node().mailbox()) {
            ErlGlobal.joinThree(first, second, java);
            assertTrue(java.global().register(Atom.of("java_name"), holder.self()));
            for (ErlNode erl : List.of(first, second)) {
                assertEquals(holder.self(), ErlGlobal.awaitWhereis(erl, "java_name", ErlGlobal.literal(holder.self())));
            }
        }
        for (ErlNode erl : List.of(first, second)) {
            assertEquals(Atom.of("undefined"), ErlGlobal.awaitWhereis(erl, "java_name", "undefined"));
        }
        assertEquals("true", first.evalText("lists:member('" + second.nodeName() + "', nodes())."),
                "the erl nodes stay connected to each other");
        assertEquals("ok", ErlGlobal.sync(first));
        assertEquals("ok", ErlGlobal.sync(second));
    }

    @Test
    void theNamesOfAKilledErlNodeAreGoneOnTheJavaNode(@Erl(name = "first") ErlNode first,
            @Erl(name = "killed") ErlNode killed, @Beamlink(name = "survivor", connect = false) DistributedNode java) {
        ErlGlobal.joinThree(first, killed, java);
        Pid stays = ErlGlobal.holder(first, "Stays");
        assertEquals("yes", first.evalText("global:register_name(stays, Stays)."));
        Pid goes = ErlGlobal.holder(killed, "Goes");
        assertEquals("yes", killed.evalText("global:register_name(goes, Goes)."));
        assertTrue(Await.eventually(() -> java.global().whereis(Atom.of("goes")).equals(Optional.of(goes))));

        killed.kill();

        assertTrue(Await.eventually(() -> java.global().whereis(Atom.of("goes")).isEmpty()),
                "the killed node's name is gone");
        assertEquals(Optional.of(stays), java.global().whereis(Atom.of("stays")));
        assertEquals(Atom.of("undefined"), ErlGlobal.awaitWhereis(first, "goes", "undefined"));
        assertTrue(java.node().nodes().contains(Atom.of(first.nodeName())), "the survivors stay connected");
        assertEquals("ok", ErlGlobal.sync(first));
        assertTrue(java.global().sync(Await.PATIENCE));
    }

    @Test
    void aLostConnectionTakesEachSidesNamesAwayFromTheOtherUntilItIsBack(@Erl ErlNode erl,
            @Beamlink(connect = false) DistributedNode java) {
        try (Mailbox holder = java.node().mailbox()) {
            Pid erlHolder = ErlGlobal.holder(erl, "ErlHolder");
            assertEquals("yes", erl.evalText("global:register_name(erl_name, ErlHolder)."));
            assertTrue(java.global().register(Atom.of("java_name"), holder.self()));
            assertTrue(java.ping(erl.nodeName()));
            assertEquals("ok", ErlGlobal.sync(erl));
            assertEquals(holder.self(), ErlGlobal.awaitWhereis(erl, "java_name", ErlGlobal.literal(holder.self())));

            assertEquals("true", erl.evalText("erlang:disconnect_node('" + java.name().text() + "')."));

            assertEquals(Atom.of("undefined"), ErlGlobal.awaitWhereis(erl, "java_name", "undefined"));
            assertTrue(Await.eventually(() -> java.global().whereis(Atom.of("erl_name")).isEmpty()));
            assertEquals(Optional.of(holder.self()), java.global().whereis(Atom.of("java_name")), "its own names stay");

            assertEquals("pong", erl.evalText("net_adm:ping('" + java.name().text() + "')."));
            assertEquals("ok", ErlGlobal.sync(erl));
            assertEquals(holder.self(), ErlGlobal.awaitWhereis(erl, "java_name", ErlGlobal.literal(holder.self())));
            assertTrue(Await.eventually(() -> java.global().whereis(Atom.of("erl_name")).equals(Optional.of(erlHolder))),
                    "reconnected, the names are exchanged again");
        }
    }
}
