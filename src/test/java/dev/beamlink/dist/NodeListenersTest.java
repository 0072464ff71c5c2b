package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.NodeDown;
import dev.beamlink.node.NodeListener;
import dev.beamlink.node.NodeUp;
import dev.beamlink.testing.Await;
import dev.beamlink.testing.FreePorts;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Node listeners run apart from the connections (issue: a listener that throws, an Error too, or blocks must not
 * stop ticks): two Java nodes with a short net_ticktime keep their connection through a listener that blocks for
 * ever and one that throws an Error, and processes monitoring nodes hear of every connection as messages.
 */
class NodeListenersTest {

    private static final Duration TICKTIME = Duration.ofMillis(400);

    @Test
    void aListenerThatBlocksOrThrowsStopsNeitherTicksNorTheOtherListeners() throws Exception {
        int epmdPort = FreePorts.pick();
        CountDownLatch never = new CountDownLatch(1);
        List<String> heard = new CopyOnWriteArrayList<>();
        try (DistributedNode a = JavaNodes.start(JavaNodes.builder(JavaNodes.uniqueName("listen_a"), epmdPort)
                     .startEpmdIfNoneAnswers(true).ticktime(TICKTIME));
             DistributedNode b = JavaNodes.start(JavaNodes.builder(JavaNodes.uniqueName("listen_b"), epmdPort)
                     .ticktime(TICKTIME))) {
            a.node().addNodeListener(new NodeListener() {
                @Override
                public void nodeUp(Atom node, boolean hidden) {
                    throw new AssertionError("a listener that throws an Error");
                }
            });
            a.node().addNodeListener(new NodeListener() {
                @Override
                public void nodeUp(Atom node, boolean hidden) {
                    heard.add("up " + node.text());
                    try {
                        never.await(); // and then blocks for ever
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            assertTrue(a.ping(b.name()));
            Await.until("the second listener heard of the connection, after the first threw",
                    () -> heard.equals(List.of("up " + b.name().text())));
            // Five tick times with a listener blocked: the connection lives on, ticked.
            Thread.sleep(TICKTIME.multipliedBy(5).toMillis());
            assertEquals(List.of(b.name()), a.node().nodes(), "the connection lived through the blocked listener");
            assertTrue(a.ping(b.name()));
        } finally {
            never.countDown();
        }
    }

    @Test
    void aProcessMonitoringNodesGetsNodeUpAndNodeDown() {
        int epmdPort = FreePorts.pick();
        try (DistributedNode a = JavaNodes.start(JavaNodes.builder(JavaNodes.uniqueName("mon_a"), epmdPort)
                     .startEpmdIfNoneAnswers(true));
             Mailbox watcher = a.node().mailbox()) {
            watcher.monitorNodes(true);
            Atom bName;
            try (DistributedNode b = JavaNodes.start(JavaNodes.builder(JavaNodes.uniqueName("mon_b"), epmdPort))) {
                bName = b.name();
                assertTrue(b.ping(a.name()));
                assertEquals(new NodeUp(bName), watcher.receive(NodeUp.class, Await.PATIENCE).orElseThrow());
            }
            assertEquals(new NodeDown(bName), watcher.receive(NodeDown.class, Await.PATIENCE).orElseThrow());
            watcher.monitorNodes(false);
        }
    }
}
