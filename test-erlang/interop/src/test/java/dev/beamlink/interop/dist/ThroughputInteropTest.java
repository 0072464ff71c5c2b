package dev.beamlink.interop.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Mailbox;
import dev.beamlink.testing.ErlNode;
import dev.beamlink.testing.junit.ErlangExtension;
import dev.beamlink.testing.junit.Nodes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 100,000 numbered messages each way between a live erl and a Java node, in both directions at once, from
 * several senders on each side: none lost, each sender's in order. Prints the rate of each direction.
 */
@Tag("interop")
@ExtendWith(ErlangExtension.class)
class ThroughputInteropTest {

    private static final int SENDERS = 4;
    private static final int PER_SENDER = 25_000;
    private static final int TOTAL = SENDERS * PER_SENDER;
    private static final Atom SEQ = Atom.of("seq");

    @Test
    void hundredThousandMessagesEachWayAtOnceInOrder(Nodes nodes) throws Exception {
        ErlNode erl = nodes.erl("tput", builder -> builder.evalTimeout(Duration.ofSeconds(120)));
        DistributedNode java = nodes.beamlink("tput_java");
        try (Mailbox report = java.node().mailbox(Atom.of("report"));
             Mailbox receiver = java.node().mailbox(Atom.of("jrecv"))) {
            Atom erlNode = Atom.of(erl.nodeName());
            String javaNode = java.name().text();
            assertTrue(java.ping(erlNode));
            erl.eval("dist_helper:start_sink(jsink, " + TOTAL + ", {report, '" + javaNode + "'}).");

            CompletableFuture<long[]> received = CompletableFuture.supplyAsync(() -> receiveAll(receiver),
                    command -> Thread.ofVirtual().start(command));
            erl.eval("dist_helper:start_blasters({jrecv, '" + javaNode + "'}, " + SENDERS + ", " + PER_SENDER
                    + ", {report, '" + javaNode + "'}).");
            long javaStart = System.nanoTime();
            List<Thread> senders = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                senders.add(Thread.ofVirtual().start(() -> {
                    try (Mailbox sender = java.node().mailbox()) {
                        for (int i = 1; i <= PER_SENDER; i++) {
                            sender.send(Atom.of("jsink"), erlNode, Tuple.of(SEQ, sender.self(), Int.of(i)));
                        }
                    }
                }));
            }
            for (Thread sender : senders) {
                sender.join();
            }
            long javaQueued = System.nanoTime() - javaStart;

            Tuple done = (Tuple) report.receiveIf(m -> m instanceof Tuple t && t.get(0).equals(Atom.of("sink_done")),
                    Duration.ofSeconds(120)).orElseThrow(() -> new AssertionError("erl's sink did not finish"));
            assertEquals(Int.of(TOTAL), done.get(1), "messages erl received");
            assertEquals(Int.of(0), done.get(2), "messages erl received out of order");
            long[] javaSide = received.get();
            assertEquals(TOTAL, javaSide[0], "messages Java received");
            assertEquals(0, javaSide[1], "messages Java received out of order");

            double erlSeconds = ((Int) done.get(3)).value() / 1e6;
            double javaSeconds = javaSide[2] / 1e9;
            System.out.printf("Java -> erl: %,d messages in %.2f s (%,.0f msg/s; queued by the senders in %.2f s)%n",
                    TOTAL, erlSeconds, TOTAL / erlSeconds, javaQueued / 1e9);
            System.out.printf("erl -> Java: %,d messages in %.2f s (%,.0f msg/s)%n", TOTAL, javaSeconds, TOTAL / javaSeconds);
            assertEquals("true", erl.evalText("lists:member('" + javaNode + "', nodes())."));
        }
    }

    /** {@return {received, out of order, nanos from first to last}} */
    private static long[] receiveAll(Mailbox receiver) {
        Map<Pid, Long> next = new HashMap<>();
        long received = 0;
        long outOfOrder = 0;
        long first = 0;
        while (received < TOTAL) {
            Object message = receiver.receive(Duration.ofSeconds(60)).orElse(null);
            if (message == null) {
                break;
            }
            if (received == 0) {
                first = System.nanoTime();
            }
            Tuple seq = (Tuple) message;
            Pid sender = (Pid) seq.get(1);
            long i = ((Int) seq.get(2)).value();
            if (i != next.getOrDefault(sender, 1L)) {
                outOfOrder++;
            }
            next.put(sender, i + 1);
            received++;
        }
        return new long[] {received, outOfOrder, System.nanoTime() - first};
    }
}
