package dev.beamlink.interop.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Etf;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Down;
import dev.beamlink.node.Exit;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.NodeDown;
import dev.beamlink.node.NodeListener;
import dev.beamlink.node.Reasons;
import dev.beamlink.testing.Await;
import dev.beamlink.testing.ErlNode;
import dev.beamlink.testing.junit.Beamlink;
import dev.beamlink.testing.junit.Erl;
import dev.beamlink.testing.junit.ErlangExtension;
import dev.beamlink.testing.junit.Nodes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A peer killed with SIGKILL, frozen with SIGSTOP, or closed; and erl's monitor_node on a Java node that stops. */
@Tag("interop")
@ExtendWith(ErlangExtension.class)
class PeerLossInteropTest {

    private static final int TICKTIME_SECONDS = 2;

    @Test
    void aKilledPeerIsDownWithinASecondAndEveryLinkAndMonitorFiresOnce(@Erl(name = "killed") ErlNode erl,
            @Beamlink(name = "survivor", connect = false) DistributedNode java) {
        List<String> downs = new CopyOnWriteArrayList<>();
        try (Mailbox linker = java.node().mailbox();
             Mailbox watcher = java.node().mailbox();
             Mailbox linkedFromErl = java.node().mailbox(Atom.of("linked_from_erl"));
             Mailbox nodeWatcher = java.node().mailbox()) {
            java.node().addNodeListener(new NodeListener() {
                @Override
                public void nodeDown(Atom node, boolean hidden, String reason) {
                    downs.add(node.text());
                }
            });
            Atom erlNode = Atom.of(erl.nodeName());
            Pid erlPid = (Pid) Etf.decode(erl.eval(
                    "P = spawn(fun() -> register(victim, self()), receive stop -> ok end end), P.").etf());
            linker.trapExit(true);
            linkedFromErl.trapExit(true);
            assertTrue(linker.link(erlPid));
            Ref byPid = watcher.monitor(erlPid);
            Ref byName = watcher.monitor(Atom.of("victim"), erlNode);
            nodeWatcher.monitorNode(erlNode);
            erl.eval("spawn(fun() -> {linked_from_erl, '" + java.name().text() + "'} ! {linker, self()}, "
                    + "receive {link_to, J} -> link(J) end, receive never -> ok end end).");
            // The erl process links to the Java mailbox that asked for it: a link made from BEAM's side.
            Pid erlLinker = (Pid) ((Tuple) linkedFromErl.receive(Duration.ofSeconds(10)).orElseThrow()).get(1);
            linkedFromErl.send(erlLinker, Tuple.of(Atom.of("link_to"), linkedFromErl.self()));
            assertTrue(Await.eventually(() -> linkedFromErl.links().contains(erlLinker)), "erl linked to us");
            assertTrue(Await.eventually(() -> linker.links().contains(erlPid)));

            erl.kill();

            assertEquals(Optional.of(new NodeDown(erlNode)), nodeWatcher.receive(Duration.ofSeconds(1)),
                    "NodeDown within a second of the kill");
            assertEquals(new Exit(erlPid, Reasons.NOCONNECTION), linker.receive(Duration.ofSeconds(5)).orElseThrow());
            assertEquals(new Exit(erlLinker, Reasons.NOCONNECTION), linkedFromErl.receive(Duration.ofSeconds(5)).orElseThrow());
            Down first = (Down) watcher.receive(Duration.ofSeconds(5)).orElseThrow();
            Down second = (Down) watcher.receive(Duration.ofSeconds(5)).orElseThrow();
            assertEquals(Set.of(byPid, byName), Set.of(first.ref(), second.ref()));
            assertEquals(Reasons.NOCONNECTION, first.reason());
            assertEquals(Reasons.NOCONNECTION, second.reason());
            // Exactly once: nothing more arrives.
            for (Mailbox box : List.of(linker, watcher, linkedFromErl, nodeWatcher)) {
                assertEquals(Optional.empty(), box.receive(Duration.ofMillis(300)), box + " got a second message");
            }
            assertTrue(Await.eventually(() -> downs.equals(List.of(erl.nodeName()))), downs.toString());
            assertTrue(java.node().connectedNodes().isEmpty());
        }
    }

    @Test
    void aFrozenPeerIsFoundLostByTicksAndReconnectsOnceResumed(Nodes nodes) {
        ErlNode erl = nodes.erl("frozen", builder -> builder.ticktimeSeconds(TICKTIME_SECONDS));
        DistributedNode java = nodes.beamlink("ticker", builder -> builder.ticktime(Duration.ofSeconds(TICKTIME_SECONDS)));
        try (Mailbox nodeWatcher = java.node().mailbox()) {
            Atom erlNode = Atom.of(erl.nodeName());
            assertTrue(java.ping(erlNode));
            // Idle for two ticktimes: ticks alone keep the connection up.
            assertEquals(Optional.empty(), nodeWatcher.receiveIf(m -> true, Duration.ofSeconds(2L * TICKTIME_SECONDS)));
            nodeWatcher.monitorNode(erlNode);
            assertTrue(java.node().connectedNodes().contains(erlNode), "ticks kept the idle connection");

            erl.freeze();
            long frozenAt = System.nanoTime();
            try {
                Object down = nodeWatcher.receive(Duration.ofSeconds(4L * TICKTIME_SECONDS)).orElseThrow(
                        () -> new AssertionError("the frozen peer was not found lost"));
                double seconds = (System.nanoTime() - frozenAt) / 1e9;
                assertInstanceOf(NodeDown.class, down);
                // net_ticktime's bound is 5/4 of the ticktime; allow a second more for a loaded machine.
                assertTrue(seconds <= TICKTIME_SECONDS * 1.25 + 1, "found lost after " + seconds + " s");
                assertTrue(seconds >= TICKTIME_SECONDS * 0.5, "found lost too early, after " + seconds + " s");
            } finally {
                erl.resume();
            }
            assertTrue(Await.eventually(() -> java.ping(erlNode)), "reconnects after the peer resumed");
            assertTrue(erl.evalText("nodes().").contains(java.name().text()));
        }
    }

    @Test
    void erlMonitorNodeSeesTheJavaNodeGoDownWhenItCloses(@Erl(name = "watches") ErlNode erl, Nodes nodes) {
        DistributedNode java = nodes.beamlink("goes_down");
        String us = java.name().text();
        try {
            assertEquals("true", erl.evalText("monitor_node('" + us + "', true)."));
            assertTrue(Await.eventually(() -> erl.evalText("nodes().").contains(us)), "monitor_node connected");
        } finally {
            java.close();
        }
        assertEquals("{nodedown," + us + "}",
                erl.evalText("receive {nodedown, _} = D -> D after 10000 -> timeout end."));
        assertEquals("[]", erl.evalText("nodes()."));
    }

    @Test
    void javaMonitorNodeSeesACleanlyClosedErlGoDown(@Beamlink(name = "outlives", connect = false) DistributedNode java,
            Nodes nodes) {
        try (Mailbox watcher = java.node().mailbox()) {
            ErlNode erl = nodes.erl("closes");
            Atom erlNode = Atom.of(erl.nodeName());
            try {
                watcher.monitorNode(erlNode);
                watcher.monitorNode(erlNode);
            } finally {
                erl.close();
            }
            assertEquals(Optional.of(new NodeDown(erlNode)), watcher.receive(Duration.ofSeconds(10)));
            assertEquals(Optional.of(new NodeDown(erlNode)), watcher.receive(Duration.ofSeconds(10)), "one per monitor");
            assertEquals(Optional.empty(), watcher.receive(Duration.ofMillis(300)));
        }
    }
}
