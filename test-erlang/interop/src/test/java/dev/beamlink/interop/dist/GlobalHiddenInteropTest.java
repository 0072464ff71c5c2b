package dev.beamlink.interop.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.dist.ErlGlobal;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Nil;
import dev.beamlink.node.Mailbox;
import dev.beamlink.testing.Await;
import dev.beamlink.testing.ErlNode;
import dev.beamlink.testing.junit.Beamlink;
import dev.beamlink.testing.junit.Erl;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A connection that involves a hidden node starts no global protocol, as in OTP: erl's {@code global_name_server}
 * and locker, traced, neither send to nor receive from the Java node anything while a hidden Java node connects to
 * erl, or a hidden erl node to a published Java node, and their names stay apart.
 */
@Tag("interop")
class GlobalHiddenInteropTest {

    /** How long the connection is left alone before the trace is read: long enough for global to have started. */
    private static final Duration QUIET = Duration.ofSeconds(2);

    @Test
    void aHiddenJavaNodeMakesNoGlobalTraffic(@Erl(name = "visible") ErlNode erl,
            @Beamlink(name = "hidden", hidden = true, connect = false) DistributedNode java) throws InterruptedException {
        try (Mailbox holder = java.node().mailbox(Atom.of("holder"))) {
            assertEquals("yes", erl.evalText("global:register_name(visible_name, global_helper:holder())."));
            erl.eval("Trace = global_helper:trace_start().");
            assertTrue(java.ping(erl.nodeName()));
            assertTrue(java.global().register(Atom.of("hidden_name"), holder.self()), "a registry of its own");
            assertEquals("ok", erl.evalText("{holder, '" + java.name().text() + "'} ! hello, ok."));
            assertEquals(Atom.of("hello"), holder.receive(Await.PATIENCE).orElseThrow());
            assertTrue(java.global().sync(Await.PATIENCE), "nothing to sync with");
            quiet();

            assertEquals(Nil.NIL, ErlGlobal.eval(erl, "global_helper:trace_stop(Trace, '" + java.name().text() + "')."), "no global traffic");
            assertEquals("ok", ErlGlobal.sync(erl));
            assertEquals("[]", erl.evalText("nodes()."));
            assertEquals("true", erl.evalText("lists:member('" + java.name().text() + "', nodes(hidden))."));
            assertEquals("undefined", erl.evalText("global:whereis_name(hidden_name)."));
            assertTrue(java.global().whereis(Atom.of("visible_name")).isEmpty());
        }
    }

    @Test
    void aHiddenErlPeerGetsNoGlobalTrafficFromAPublishedJavaNode(@Erl(name = "hidden", hidden = true) ErlNode erl,
            @Beamlink(name = "published", connect = false) DistributedNode java) throws InterruptedException {
        try (Mailbox holder = java.node().mailbox()) {
            erl.eval("Trace = global_helper:trace_start().");
            assertEquals("pong", erl.evalText("net_adm:ping('" + java.name().text() + "')."));
            assertTrue(java.node().hiddenNodes().contains(Atom.of(erl.nodeName())));
            assertTrue(java.global().register(Atom.of("published_name"), holder.self()));
            assertTrue(java.global().sync(Await.PATIENCE), "a hidden peer is not waited for");
            quiet();

            assertEquals(Nil.NIL, ErlGlobal.eval(erl, "global_helper:trace_stop(Trace, '" + java.name().text() + "')."), "no global traffic");
            assertEquals("undefined", erl.evalText("global:whereis_name(published_name)."));
            assertEquals("ok", ErlGlobal.sync(erl));
        }
    }

    private static void quiet() throws InterruptedException {
        Thread.sleep(QUIET.toMillis());
    }
}
