package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Nil;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Down;
import dev.beamlink.node.Exit;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.NodeDown;
import dev.beamlink.node.Reasons;
import dev.beamlink.otp.Erpc;
import dev.beamlink.testing.Await;
import dev.beamlink.testing.FreePorts;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Two Java nodes, no Erlang at all: the first starts an EPMD inside its JVM, the second finds it there. */
@Tag("interop")
class JavaToJavaTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void twoJavaNodesTalkThroughTheEmbeddedEpmd() {
        int epmdPort = FreePorts.pick();
        try (DistributedNode a = JavaNodes.start(JavaNodes.builder(JavaNodes.uniqueName("alpha"), epmdPort)
                     .startEpmdIfNoneAnswers(true));
             Mailbox aInbox = a.node().mailbox(Atom.of("inbox"));
             Mailbox aWatcher = a.node().mailbox()) {
            DistributedNode b = JavaNodes.start(JavaNodes.builder(JavaNodes.uniqueName("beta"), epmdPort)
                    .startEpmdIfNoneAnswers(true));
            try {
                Mailbox bInbox = b.node().mailbox(Atom.of("inbox"));
                assertTrue(b.ping(a.name()));
                assertTrue(a.ping(b.name()));
                assertEquals(java.util.List.of(b.name()), a.node().nodes());

                bInbox.send(Atom.of("inbox"), a.name(), Tuple.of(Atom.of("hello"), bInbox.self()));
                Tuple hello = (Tuple) aInbox.receive(WAIT).orElseThrow();
                Pid bPid = (Pid) hello.get(1);
                aInbox.send(bPid, Atom.of("world"));
                assertEquals(Optional.of(Atom.of("world")), bInbox.receive(WAIT));

                aWatcher.trapExit(true);
                aWatcher.link(bPid);
                aWatcher.monitor(Atom.of("inbox"), b.name());
                aWatcher.monitorNode(b.name());
                assertTrue(Await.eventually(() -> bInbox.links().contains(aWatcher.self())
                        && bInbox.monitoredBy().contains(aWatcher.self())), "the link and the monitor crossed");
            } finally {
                b.close(); // the node, with its process inbox still alive: everything across fires noconnection
            }
            Object first = aWatcher.receive(WAIT).orElseThrow();
            Object second = aWatcher.receive(WAIT).orElseThrow();
            Object third = aWatcher.receive(WAIT).orElseThrow();
            java.util.List<Object> got = java.util.List.of(first, second, third);
            assertTrue(got.contains(new NodeDown(b.name())), got.toString());
            assertTrue(got.stream().anyMatch(m -> m instanceof Exit exit
                    && exit.reason().equals(Reasons.NOCONNECTION)), got.toString());
            assertTrue(got.stream().anyMatch(m -> m instanceof Down down
                    && down.reason().equals(Reasons.NOCONNECTION)), got.toString());
            assertFalse(a.ping(b.name()));
        }
    }

    @Test
    void twoNodesConnectingToEachOtherAtTheSameMomentEndWithOneConnection() throws Exception {
        int epmdPort = FreePorts.pick();
        for (int round = 0; round < 5; round++) {
            try (DistributedNode a = JavaNodes.start(JavaNodes.builder(JavaNodes.uniqueName("sim_a"), epmdPort)
                         .startEpmdIfNoneAnswers(true));
                 DistributedNode b = JavaNodes.start(JavaNodes.builder(JavaNodes.uniqueName("sim_b"), epmdPort));
                 Mailbox aInbox = a.node().mailbox(Atom.of("inbox"));
                 Mailbox bInbox = b.node().mailbox(Atom.of("inbox"))) {
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                Thread fromA = Thread.ofVirtual().start(() -> {
                    awaitQuietly(go);
                    aInbox.send(Atom.of("inbox"), b.name(), Atom.of("from_a"));
                });
                Thread fromB = Thread.ofVirtual().start(() -> {
                    awaitQuietly(go);
                    bInbox.send(Atom.of("inbox"), a.name(), Atom.of("from_b"));
                });
                go.countDown();
                fromA.join();
                fromB.join();
                assertEquals(Optional.of(Atom.of("from_b")), aInbox.receive(WAIT), "round " + round);
                assertEquals(Optional.of(Atom.of("from_a")), bInbox.receive(WAIT), "round " + round);
                assertEquals(java.util.List.of(b.name()), a.node().connectedNodes());
                assertEquals(java.util.List.of(a.name()), b.node().connectedNodes());
            }
        }
    }

    /**
     * A remote spawn toward a Java node runs what that node exports (an unknown function ends its process with undef,
     * as on BEAM); a node that stopped exporting refuses it, and the requester gets notsup at once.
     */
    @Test
    void aSpawnRequestToAJavaNodeRunsWhatItExportsOrIsAnsweredNotsup() {
        int epmdPort = FreePorts.pick();
        try (DistributedNode a = JavaNodes.start(JavaNodes.builder(JavaNodes.uniqueName("asks"), epmdPort)
                     .startEpmdIfNoneAnswers(true));
             DistributedNode b = JavaNodes.start(JavaNodes.builder(JavaNodes.uniqueName("refuses"), epmdPort));
             Mailbox parent = a.node().mailbox()) {
            parent.trapExit(true);
            Pid undef = parent.spawnLink(b.name(), Atom.of("lists"), Atom.of("seq"), java.util.List.of());
            assertEquals(b.name(), undef.node(), "a process of the other Java node");
            assertEquals(Optional.of(new Exit(undef, Tuple.of(Atom.of("undef"),
                    ErlList.of(Tuple.of(Atom.of("lists"), Atom.of("seq"), Nil.NIL, Nil.NIL))))), parent.receive(WAIT));
            assertEquals(b.name(), Erpc.call(parent, b.name(), Atom.of("erlang"), Atom.of("node"), java.util.List.of()));

            b.exports().close();
            Pid crasher = parent.spawnLink(b.name(), Atom.of("lists"), Atom.of("seq"), java.util.List.of());
            assertEquals(a.name(), crasher.node(), "as in Erlang: a local process that ends with the reason");
            assertEquals(Optional.of(new Exit(crasher, Reasons.NOTSUP)), parent.receive(WAIT));
            assertEquals(java.util.List.of(b.name()), a.node().connectedNodes(), "the connection stays");
        }
    }

    private static void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
