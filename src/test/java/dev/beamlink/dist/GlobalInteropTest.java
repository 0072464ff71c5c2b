package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.node.Mailbox;
import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.ErlNode;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a published OTP 25 node does with a new published peer that has no {@code global}: it casts
 * {@code init_connect} to {@code global_name_server} there (dropped: no such process), and otherwise leaves it
 * be. Nothing disconnects, nothing is logged as an error on the erl side, and global's registry and locks keep
 * working; only {@code global:sync/0} waits for the peer (see the package overview).
 */
class GlobalInteropTest {

    @Test
    void aPublishedJavaNodeStaysConnectedAndGlobalKeepsWorking() {
        try (Epmd epmd = Epmd.start();
             ErlNode erl = ErlNode.builder().name("global").cookie(JavaNodes.COOKIE).epmd(epmd).start();
             DistributedNode java = JavaNodes.start(JavaNodes.builder("published", epmd));
             Mailbox watcher = java.node().mailbox()) {
            String us = java.name().text();
            assertEquals("pong", erl.evalText("net_adm:ping('" + us + "')."));
            watcher.monitorNode(Atom.of(erl.nodeName()));
            assertEquals("yes", erl.evalText("global:register_name(beamlink_test_name, self())."));
            assertEquals("ok", erl.evalText("global:trans({beamlink_lock, self()}, fun() -> ok end)."));
            assertEquals("timeout", erl.evalText("S = self(), spawn(fun() -> S ! {synced, global:sync()} end), "
                    + "receive {synced, R} -> R after 1000 -> timeout end."), "global:sync/0 waits for a published node");
            // A few seconds idle: the connection stays, and erl logs no error about us.
            assertEquals(Optional.empty(), watcher.receive(Duration.ofSeconds(3)));
            assertTrue(erl.evalText("nodes().").contains(us));
            assertTrue(java.nodes().contains(Atom.of(erl.nodeName())));
            String output = erl.recentOutput().toLowerCase(Locale.ROOT);
            assertFalse(output.contains("error report") || output.contains("=error") || output.contains("crash"), output);
        }
    }
}
