package dev.beamlink.interop.dist;

import static dev.beamlink.dist.WireBase.PATIENCE;
import static dev.beamlink.dist.WireBase.QUIET;
import static dev.beamlink.dist.WireBase.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.dist.ErlSide;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Down;
import dev.beamlink.node.Exit;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.NodeDown;
import dev.beamlink.node.ProcessEnded;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * docs/semantics.md, "Connections and nodes": a lost connection fires every link and monitor that crossed it exactly
 * once with {@code noconnection}, on both sides, whichever side made them; toward a node that cannot be reached
 * they fire at once. Each test has nodes of its own, since it ends their connection.
 */
@Tag("interop")
@ExtendWith(ErlangExtension.class)
class RemoteConnectionLossInteropTest {

    private static final Atom NOWHERE = Atom.of("nowhere@localhost");

    @Test
    void whenErlDiesEveryLinkAndMonitorOnTheJavaSideFiresNoconnectionOnce(@Erl(name = "dies") ErlNode erlNode,
            @Beamlink(name = "outlives", connect = false) DistributedNode java) {
        ErlSide erl = new ErlSide(erlNode);
        Atom name = Atom.of("named_on_erl");
        Pid linkedByJava = erl.probe(false, name);
        Pid linkedToJava = erl.probe(false);
        Mailbox trapping = java.node().mailbox();
        trapping.trapExit(true);
        Mailbox nonTrapping = java.node().mailbox();
        Mailbox watcher = java.node().mailbox();
        Mailbox watched = java.node().mailbox();
        trapping.link(linkedByJava);
        nonTrapping.link(linkedByJava);
        erl.call(linkedToJava, "link(%s)", trapping.self());
        Pid child = trapping.spawnLink(erl.nodeName(), Atom.of("timer"), Atom.of("sleep"), List.of(Atom.of("infinity")));
        Ref byPid = watcher.monitor(linkedByJava);
        Ref byName = watcher.monitor(name, erl.nodeName());
        erl.call(linkedToJava, "monitor(process, %s)", watched.self());
        assertTrue(Await.eventually(() -> trapping.links().size() == 3 && watched.monitoredBy().size() == 1));

        erlNode.kill();

        Set<Object> exits = Set.of(next(trapping), next(trapping), next(trapping));
        assertEquals(Set.of(new Exit(linkedByJava, Reasons.NOCONNECTION), new Exit(linkedToJava, Reasons.NOCONNECTION),
                new Exit(child, Reasons.NOCONNECTION)), exits);
        assertEquals(Reasons.NOCONNECTION, assertThrows(ProcessEnded.class, () -> nonTrapping.receive(PATIENCE)).reason());
        assertEquals(Set.of(new Down(byPid, linkedByJava, Reasons.NOCONNECTION),
                new Down(byName, Tuple.of(name, erl.nodeName()), Reasons.NOCONNECTION)), Set.of(next(watcher), next(watcher)));
        for (Mailbox box : List.of(trapping, watcher)) {
            assertEquals(Optional.empty(), box.receive(QUIET), "exactly once");
            assertEquals(List.of(), box.links());
            assertEquals(List.of(), box.monitors());
        }
        assertEquals(List.of(), watched.monitoredBy(), "the erl process's monitor is forgotten");
    }

    @Test
    void whenTheJavaNodeStopsEveryLinkAndMonitorOnTheErlSideFiresNoconnectionOnce(@Erl(name = "outlives") ErlNode erlNode,
            Nodes nodes) {
        ErlSide erl = new ErlSide(erlNode);
        DistributedNode java = nodes.beamlink("stops");
        Atom name = Atom.of("named_on_java");
        Pid trapping = erl.probe(true);
        Pid nonTrapping = erl.probe(false);
        Pid watcher = erl.probe(false);
        try {
            Mailbox linkedFromErl = java.node().mailbox();
            Mailbox linkingToErl = java.node().mailbox();
            Mailbox watched = java.node().mailbox(name);
            erl.call(trapping, "link(%s)", linkedFromErl.self());
            linkingToErl.link(trapping);
            linkingToErl.link(nonTrapping);
            erl.call(watcher, "monitor(process, %s), monitor(process, {%s, %s}), monitor_node(%s, true)",
                    watched.self(), name, java.name(), java.name());
            assertTrue(Await.eventually(() -> watched.monitoredBy().size() == 2 && linkedFromErl.links().size() == 1));
            assertTrue(Await.eventually(() -> erl.linksOf(nonTrapping).size() == 1 && erl.linksOf(trapping).size() == 2));
        } finally {
            java.close();
        }
        List<Term> exits = erl.messages(trapping, 2, PATIENCE);
        assertEquals(2, exits.size(), exits::toString);
        exits.forEach(exit -> assertEquals(Reasons.NOCONNECTION, ((Tuple) exit).get(2), exits::toString));
        assertEquals(Reasons.NOCONNECTION, erl.awaitEnd(nonTrapping, PATIENCE));
        List<Term> downs = erl.messages(watcher, 3, PATIENCE);
        assertEquals(3, downs.size(), downs::toString);
        assertTrue(downs.contains(Tuple.of(Atom.of("nodedown"), java.name())), downs::toString);
        assertTrue(downs.stream().filter(d -> ((Tuple) d).size() == 5)
                .allMatch(down -> ((Tuple) down).get(4).equals(Reasons.NOCONNECTION)), downs::toString);
        assertTrue(downs.stream().anyMatch(d -> ((Tuple) d).size() == 5 && ((Tuple) d).get(3).equals(Tuple.of(name, java.name()))),
                "the DOWN of the monitor by name names {Name, Node}: " + downs);
        assertEquals(2, erl.messages(trapping, 3, QUIET).size(), "exactly once");
        assertEquals(3, erl.messages(watcher, 4, QUIET).size(), "exactly once");
    }

    @Test
    void linksMonitorsAndSpawnsTowardANodeThatCannotBeReachedFireNoconnectionAtOnce(
            @Beamlink(name = "alone", connect = false) DistributedNode java) {
        try (Mailbox trapping = java.node().mailbox();
             Mailbox watcher = java.node().mailbox()) {
            trapping.trapExit(true);
            Pid there = new Pid(NOWHERE, 40, 0, 1);
            long start = System.nanoTime();
            trapping.link(there);
            Ref byPid = watcher.monitor(there);
            Ref byName = watcher.monitor(Atom.of("server"), NOWHERE);
            watcher.monitorNode(NOWHERE);
            assertEquals(new Exit(there, Reasons.NOCONNECTION), next(trapping));
            assertEquals(Set.of(new Down(byPid, there, Reasons.NOCONNECTION),
                            new Down(byName, Tuple.of(Atom.of("server"), NOWHERE), Reasons.NOCONNECTION),
                            new NodeDown(NOWHERE)),
                    Set.of(next(watcher), next(watcher), next(watcher)));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "at once, not after a time-out: " + took);
            Mailbox nonTrapping = java.node().mailbox();
            nonTrapping.link(there);
            assertEquals(Reasons.NOCONNECTION, assertThrows(ProcessEnded.class, () -> nonTrapping.receive(PATIENCE)).reason());
        }
    }

}
