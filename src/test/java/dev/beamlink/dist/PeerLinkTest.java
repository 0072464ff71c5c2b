package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.node.spi.Delivery;
import dev.beamlink.node.spi.Signal;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A peer's slot while its handshake runs: signals queue, and past the pending limit their senders wait for it. */
class PeerLinkTest {

    private static final Atom PEER = Atom.of("peer@localhost");
    private static final Signal SIGNAL = new Signal.Send(null, new Pid(PEER, 1, 0, 1), Atom.of("m"));

    @Test
    void pastThePendingLimitSendersWaitUntilTheSlotSettles() throws Exception {
        PeerLink link = new PeerLink(PEER, 3);
        for (int i = 0; i < 3; i++) {
            assertSame(Delivery.QUEUED, link.offer(SIGNAL), "within the limit");
        }
        assertEquals(new Delivery.Throttled(link), link.offer(SIGNAL), "past it: wait for the slot");
        CountDownLatch waited = new CountDownLatch(1);
        Thread.ofVirtual().start(() -> {
            link.await();
            waited.countDown();
        });
        assertFalse(waited.await(200, TimeUnit.MILLISECONDS), "the handshake still runs");
        link.down();
        assertTrue(waited.await(10, TimeUnit.SECONDS), "the slot went down: nothing more to wait for");
    }
}
