package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.handshake.ConnectionArbiter.InboundDecision;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.node.spi.Delivery;
import dev.beamlink.node.spi.Signal;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A peer's slot while its handshakes run: signals queue, past the pending limit their senders wait for it, and of two
 * crossing handshakes both nodes keep the same one.
 */
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

    /** Our name, smaller than the peer's: the peer's attempt wins a simultaneous connect. */
    private static final String SMALLER = "a@localhost";
    /** Our name, greater than the peer's: our attempt wins. */
    private static final String GREATER = "z@localhost";

    @Test
    void anOutboundHandshakeGivesWayToAnInboundOneAnsweredOkSimultaneousBeforeItCommits() {
        PeerLink link = new PeerLink(PEER, 10);
        assertTrue(link.claimOutbound());
        assertEquals(InboundDecision.ACCEPT_SIMULTANEOUS, link.inbound(SMALLER));
        assertFalse(link.commitOutbound(), "the peer was told our attempt ends");
    }

    @Test
    void anInboundHandshakeAfterOurOutboundOneCommittedIsAnsweredNokWhateverTheNames() {
        // The peer accepted our attempt before it began its own (a beamlink peer may): it may hold ours up already.
        PeerLink link = new PeerLink(PEER, 10);
        assertTrue(link.claimOutbound());
        assertTrue(link.commitOutbound());
        assertEquals(InboundDecision.DECLINE_SIMULTANEOUS, link.inbound(SMALLER));
        assertEquals(InboundDecision.DECLINE_SIMULTANEOUS, link.inbound(GREATER));
    }

    @Test
    void anUncommittedOutboundHandshakeWinsOverAGreaterNameAsBefore() {
        PeerLink link = new PeerLink(PEER, 10);
        assertTrue(link.claimOutbound());
        assertEquals(InboundDecision.DECLINE_SIMULTANEOUS, link.inbound(GREATER));
        assertTrue(link.commitOutbound());
    }

    @Test
    void anOutboundHandshakeGoesOnWhenWhatItWasToGiveWayToFailedFirst() {
        // A stranger claimed the peer's name and got ok_simultaneous, then failed: our attempt is all there is.
        PeerLink link = new PeerLink(PEER, 10);
        assertTrue(link.claimOutbound());
        assertEquals(InboundDecision.ACCEPT_SIMULTANEOUS, link.inbound(SMALLER));
        assertEquals(PeerLink.AfterInbound.NOTHING, link.inboundFailed(false), "our outbound handshake still runs");
        assertTrue(link.commitOutbound());
    }

    @Test
    void signalsQueuedBehindAnOutboundHandshakeThatGaveWayAreDialledAgainWhenTheInboundOneFails() {
        PeerLink link = new PeerLink(PEER, 10);
        assertTrue(link.claimOutbound());
        assertSame(Delivery.QUEUED, link.offer(SIGNAL));
        assertEquals(InboundDecision.ACCEPT_SIMULTANEOUS, link.inbound(SMALLER));
        assertFalse(link.commitOutbound());
        assertFalse(link.outboundFailed(true), "the inbound handshake it gave way to still runs");
        assertEquals(PeerLink.AfterInbound.DIAL, link.inboundFailed(false), "the queued signal is not dropped");
        assertFalse(link.isLost());
    }

    @Test
    void twoNodesKeepTheSameOneOfTwoCrossingHandshakes() {
        // Node a (smaller) dials b; b accepts that attempt (no outbound of its own yet), then dials a; a's attempt
        // has not answered b's challenge when b's arrives. Before commitOutbound both would go on: each node could
        // bring up the other connection and close the one it has not.
        PeerLink atA = new PeerLink(Atom.of("b@localhost"), 10);
        PeerLink atB = new PeerLink(Atom.of("a@localhost"), 10);
        assertTrue(atA.claimOutbound());
        assertEquals(InboundDecision.ACCEPT, atB.inbound("b@localhost"), "a's attempt reaches b first");
        assertTrue(atB.claimOutbound(), "b dials while a's attempt runs: it may be a stranger's");
        assertEquals(InboundDecision.ACCEPT_SIMULTANEOUS, atA.inbound("a@localhost"), "b's attempt reaches a");
        assertFalse(atA.commitOutbound(), "a's attempt ends before b can bring it up");
        assertTrue(atB.commitOutbound(), "b's goes on");
    }

    @Test
    void anInboundHandshakeWhosePeerProvedTheCookieCountsAsAConnectionUntilItEnds() {
        // The peer holds it up once our ack is out: its alive answer to our attempt means this one, not a stale one.
        PeerLink link = new PeerLink(PEER, 10);
        assertEquals(InboundDecision.ACCEPT, link.inbound(SMALLER));
        assertFalse(link.connectedOrProven(), "a name proves nothing: it may be a stranger's");
        link.inboundProven();
        assertTrue(link.connectedOrProven());
        link.inboundFailed(true);
        assertFalse(link.connectedOrProven(), "it never came up: an alive answer now means a stale connection");
    }
}
