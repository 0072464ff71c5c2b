package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.tls.LogCapture;
import dev.beamlink.dist.transport.DistChannel;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Etf;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Tuple;
import dev.beamlink.testing.Await;
import dev.beamlink.testing.Epmd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A peer that never reads (issue 14, item 7): it links to processes of the Java node that do not exist, and never
 * reads the {@code noproc} exits the node answers with. The node's answers to it stay under the high-water mark (it
 * stops reading the peer's requests instead), the connection is dropped with a logged reason once nothing could be
 * written to it for net_ticktime, and another peer is answered throughout.
 */
@Tag("interop")
@PlainTcp
class DeafPeerTest {

    private static final long HIGH_WATER = 1 << 20;
    private static final Duration TICKTIME = Duration.ofSeconds(4);
    /** Links sent at most: their answers (some 100 bytes each) are 40 times the mark, and more than sockets hold. */
    private static final int LINKS = 400_000;
    private static final int BATCH = 1_000;

    @Test
    void itsAnswersStayUnderTheMarkAndItIsDroppedAfterTheTickTime() throws Exception {
        try (Epmd epmd = Epmd.start();
             DistributedNode java = JavaNodes.start(JavaNodes.builder("deaf_java", epmd).ticktime(TICKTIME)
                     .sendHighWaterMark(HIGH_WATER));
             DistributedNode healthy = JavaNodes.start(JavaNodes.builder("healthy", epmd).ticktime(TICKTIME));
             LogCapture log = new LogCapture()) {
            String name = JavaNodes.uniqueName("deaf");
            DistChannel deaf = RawPeers.authenticated(java, name, 0); // pass-through frames, no atom cache
            Connection connection = java.connection(Atom.of(name));
            Pid gone = deadProcess(java);
            AtomicLong sent = new AtomicLong();
            CountDownLatch stopped = new CountDownLatch(1);
            long start = System.nanoTime();
            Thread.ofVirtual().start(() -> {
                try {
                    linkInBatches(deaf, name, gone, sent);
                } catch (IOException closedByTheNode) {
                    // what the test waits for
                } finally {
                    stopped.countDown();
                }
            });

            long most = 0;
            long deadline = start + TICKTIME.multipliedBy(4).toNanos();
            while (connection.isOpen() && System.nanoTime() < deadline) {
                most = Math.max(most, connection.queuedBytes());
                assertTrue(connection.queuedBytes() <= 2 * HIGH_WATER, connection.queuedBytes()
                        + " bytes queued for a peer that does not read (" + sent.get() + " links sent)");
                assertTrue(healthy.ping(java.name().text()), "another peer is answered meanwhile");
                Thread.sleep(100);
            }
            assertTrue(!connection.isOpen(), "the connection to the deaf peer is dropped within "
                    + TICKTIME.multipliedBy(4) + " (" + sent.get() + " links sent, " + most + " bytes queued at most)");
            assertNotNull(log.awaitLine(Duration.ofSeconds(5), name, "nothing could be written to the peer"),
                    "the reason is logged");
            assertTrue(sent.get() < LINKS, "the node stopped reading the peer: " + sent.get() + " links taken");
            assertTrue(stopped.await(10, TimeUnit.SECONDS), "the peer's writes end when the node closes the socket");
            assertTrue(Await.eventually(() -> java.connection(Atom.of(name)) == null));
            assertNull(java.connection(Atom.of(name)));
            assertTrue(healthy.ping(java.name().text()), "and afterwards");
            deaf.close();
        }
    }

    /** {@return the pid of a process of {@code node} that has ended} */
    private static Pid deadProcess(DistributedNode node) throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        Pid pid = node.node().spawn(self -> ran.countDown());
        assertTrue(ran.await(10, TimeUnit.SECONDS));
        assertTrue(Await.eventually(() -> !node.node().isAlive(pid)));
        return pid;
    }

    /** LINK frames ({1, From, To}, pass-through) from the peer's pids to {@code to}, a batch a write, and a tick after each. */
    private static void linkInBatches(DistChannel channel, String peer, Pid to, AtomicLong sent) throws IOException {
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        for (int id = 1; id <= LINKS; id++) {
            byte[] control = Etf.encode(Tuple.of(Int.of(1), new Pid(Atom.of(peer), id, 0, 5), to));
            batch.writeBytes(ByteBuffer.allocate(5).putInt(control.length + 1).put((byte) 112).array());
            batch.writeBytes(control);
            if (id % BATCH == 0) {
                batch.writeBytes(new byte[4]); // a tick: the peer is alive, it only does not read
                channel.write(new ByteBuffer[] {ByteBuffer.wrap(batch.toByteArray())});
                batch.reset();
                sent.set(id);
            }
        }
    }
}
