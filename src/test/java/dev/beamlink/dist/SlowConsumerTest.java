package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.frame.FrameReader;
import dev.beamlink.dist.frame.PassThroughFormat;
import dev.beamlink.dist.transport.DistChannel;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Binary;
import dev.beamlink.etf.Etf;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Down;
import dev.beamlink.node.Exit;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.Reasons;
import dev.beamlink.testing.Await;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A peer that stops reading: the Java node's queue for it stays under its high-water mark (plus one message), the
 * sender waits there, and goes on when the peer reads again; if the peer is lost meanwhile, the sender is released
 * and links and monitors across the connection fire {@code noconnection}.
 */
@Tag("interop")
@PlainTcp
class SlowConsumerTest extends WireFixture {

    private static final long HIGH_WATER = 1 << 20;
    private static final int MESSAGE = 64 << 10;
    private static final int COUNT = 600; // 37.5 MiB: far more than the mark and the sockets' buffers hold

    @Override
    protected DistributedNode.Builder javaOptions(DistributedNode.Builder builder) {
        return builder.sendHighWaterMark(HIGH_WATER);
    }

    @Test
    void sendersWaitAtTheHighWaterMarkAndGoOnWhenThePeerDrains() throws Exception {
        String name = JavaNodes.uniqueName("slow");
        DistChannel peer = RawPeers.authenticated(java, name, 0); // pass-through frames: easy to count
        Connection connection = java.connection(Atom.of(name));
        Pid target = new Pid(Atom.of(name), 1, 0, 5);
        AtomicInteger sent = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(1);
        java.node().spawn(self -> {
            for (int i = 1; i <= COUNT; i++) {
                self.send(target, Tuple.of(Int.of(i), Binary.wrap(new byte[MESSAGE])));
                sent.set(i);
            }
            finished.countDown();
        });

        assertTrue(heldAtTheMark(sent, connection), "the sender waits: " + sent.get() + " sent");
        assertFalse(finished.await(0, TimeUnit.SECONDS));
        assertTrue(sent.get() < COUNT, sent.get() + " sent");

        int received = drain(peer, COUNT);
        assertEquals(COUNT, received, "the peer reads again: every message arrives, in order");
        assertTrue(finished.await(20, TimeUnit.SECONDS), "and the sender went on to the end");
        peer.close();
    }

    @Test
    void aPeerLostWhileSendersWaitReleasesThemAndFiresNoconnection() throws Exception {
        try (Mailbox watcher = java.node().mailbox()) {
            String name = JavaNodes.uniqueName("lost");
            DistChannel peer = RawPeers.authenticated(java, name, 0);
            Pid remote = new Pid(Atom.of(name), 1, 0, 5);
            watcher.trapExit(true);
            assertTrue(watcher.link(remote));
            var monitor = watcher.monitor(remote);
            CountDownLatch finished = new CountDownLatch(1);
            AtomicInteger sent = new AtomicInteger();
            java.node().spawn(self -> {
                for (int i = 1; i <= COUNT; i++) {
                    self.send(remote, Binary.wrap(new byte[MESSAGE]));
                    sent.set(i);
                }
                finished.countDown();
            });
            assertTrue(heldAtTheMark(sent, java.connection(Atom.of(name))), "the sender is held: " + sent.get() + " sent");
            assertFalse(finished.await(0, TimeUnit.SECONDS));

            peer.close(); // the peer is lost
            assertTrue(finished.await(20, TimeUnit.SECONDS), "the waiting sender is released");
            Object first = watcher.receive(Duration.ofSeconds(20)).orElseThrow();
            Object second = watcher.receive(Duration.ofSeconds(20)).orElseThrow();
            assertTrue(first.equals(new Exit(remote, Reasons.NOCONNECTION)) || second.equals(new Exit(remote, Reasons.NOCONNECTION)),
                    first + ", " + second);
            assertTrue(first.equals(new Down(monitor, remote, Reasons.NOCONNECTION))
                    || second.equals(new Down(monitor, remote, Reasons.NOCONNECTION)), first + ", " + second);
            assertEquals(Optional.empty(), watcher.receive(Duration.ofMillis(200)));
        }
    }

    /**
     * Waits until the sender stopped sending for half a second with messages queued, and the queue holds at most the
     * high-water mark and one message. (Where between half the mark and the mark a held sender's queue sits depends on
     * how much the writer staged before the socket filled.)
     */
    private static boolean heldAtTheMark(AtomicInteger sent, Connection connection) throws InterruptedException {
        long deadline = System.nanoTime() + Await.PATIENCE.toNanos();
        int last = -1;
        long stillSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(50);
            int now = sent.get();
            long queued = connection.queuedBytes();
            assertTrue(queued <= HIGH_WATER + MESSAGE + 64, queued + " bytes queued");
            if (now != last) {
                last = now;
                stillSince = System.nanoTime();
            } else if (queued > 0 && System.nanoTime() - stillSince > 500_000_000L) {
                return true;
            }
        }
        return false;
    }

    /** Reads pass-through SEND frames until {@code count} numbered messages came; {@return how many, in order} */
    private static int drain(DistChannel peer, int count) throws IOException {
        int next = 1;
        try (FrameReader frames = new FrameReader(peer, 1 << 17, 1 << 24, PooledByteBufAllocator.DEFAULT)) {
            while (next <= count) {
                ByteBuf frame = frames.next();
                if (!frame.isReadable()) {
                    continue; // a tick
                }
                assertEquals(PassThroughFormat.PASS_THROUGH, frame.readUnsignedByte());
                Etf.decode(frame); // the control message
                Tuple message = (Tuple) Etf.decode(frame);
                assertEquals(Int.of(next), message.get(0), "in order");
                next++;
            }
        }
        return next - 1;
    }
}
