package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.node.Mailbox;
import dev.beamlink.testing.Await;
import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.ErlNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Global names of a node that goes away disappear everywhere, as global removes them; those left stay in sync. */
@Tag("interop")
class GlobalNodeLossInteropTest {

    @Test
    void theNamesOfAClosedJavaNodeAreGoneOnEveryErlNode() {
        try (Epmd epmd = Epmd.start();
             ErlNode first = GlobalInteropTest.erl(epmd, "first");
             ErlNode second = GlobalInteropTest.erl(epmd, "second")) {
            try (DistributedNode java = JavaNodes.start(JavaNodes.builder("closing", epmd));
                 Mailbox holder = java.node().mailbox()) {
                GlobalInteropTest.joinThree(first, second, java);
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
    }

    @Test
    void theNamesOfAKilledErlNodeAreGoneOnTheJavaNode() {
        try (Epmd epmd = Epmd.start();
             ErlNode first = GlobalInteropTest.erl(epmd, "first");
             ErlNode killed = GlobalInteropTest.erl(epmd, "killed");
             DistributedNode java = JavaNodes.start(JavaNodes.builder("survivor", epmd))) {
            GlobalInteropTest.joinThree(first, killed, java);
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
    }

    @Test
    void aLostConnectionTakesEachSidesNamesAwayFromTheOtherUntilItIsBack() {
        try (Epmd epmd = Epmd.start();
             ErlNode erl = GlobalInteropTest.erl(epmd, "erl");
             DistributedNode java = JavaNodes.start(JavaNodes.builder("java", epmd));
             Mailbox holder = java.node().mailbox()) {
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
