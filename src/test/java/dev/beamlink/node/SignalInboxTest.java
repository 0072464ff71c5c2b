package dev.beamlink.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.node.spi.Signal;
import dev.beamlink.testing.Await;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * Which signals wake a receiver parked in {@code receive}: every one but a peer's monitor or demonitor, which waits, up
 * to {@link SignalInbox#MAX_DEFERRED} of them, for the receiver's next wake-up, and is applied then, in order; and an
 * exit signal to a process that does not trap exits, which a drain applies.
 */
class SignalInboxTest {

    private static final Atom NODE = Atom.of("inbox@test");
    private static final Pid OWNER = new Pid(NODE, 1, 0, 1);
    private static final Pid PEER = new Pid(Atom.of("peer@test"), 7, 0, 1);

    @Test
    void monitorsAndDemonitorsWaitForTheParkedReceiversNextWakeUpUpToTheirBound() throws Exception {
        SignalInbox inbox = new SignalInbox(() -> { }, new DrainScheduler("inbox-test"));
        CountDownLatch woken = new CountDownLatch(1);
        Thread receiver = parkedReceiver(inbox, woken);
        assertTrue(Await.eventually(inbox::hasWaiter), "the receiver parks");
        for (int i = 0; i < SignalInbox.MAX_DEFERRED / 2; i++) {
            Ref ref = new Ref(NODE, 1, new int[] {i, 0, 0});
            inbox.push(new Signal.MonitorP(PEER, OWNER, ref), null, SignalInbox.Kind.DEFERRABLE);
            inbox.push(new Signal.DemonitorP(PEER, OWNER, ref), null, SignalInbox.Kind.DEFERRABLE);
        }
        assertFalse(woken.await(Await.QUIET.toMillis(), TimeUnit.MILLISECONDS),
                "not woken by " + SignalInbox.MAX_DEFERRED + " deferrable signals");
        Ref last = new Ref(NODE, 1, new int[] {-1, 0, 0});
        inbox.push(new Signal.MonitorP(PEER, OWNER, last), null, SignalInbox.Kind.DEFERRABLE);
        assertTrue(woken.await(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS), "one more wakes it");
        receiver.join();

        int queued = 0;
        Ref lastQueued = null;
        for (SignalQueue.Node node = inbox.takeAll(); node != null; node = node.next) {
            queued++;
            if (node.signal instanceof Signal.MonitorP monitor) {
                lastQueued = monitor.ref();
            }
        }
        assertEquals(SignalInbox.MAX_DEFERRED + 1, queued, "all of them wait in the queue, in order");
        assertEquals(last, lastQueued);
    }

    @Test
    void aMessageWakesTheParkedReceiverAndTheDeferredSignalsAreTakenWithIt() throws Exception {
        SignalInbox inbox = new SignalInbox(() -> { }, new DrainScheduler("inbox-test"));
        CountDownLatch woken = new CountDownLatch(1);
        Thread receiver = parkedReceiver(inbox, woken);
        assertTrue(Await.eventually(inbox::hasWaiter));
        Ref ref = new Ref(NODE, 1, new int[] {1, 0, 0});
        inbox.push(new Signal.DemonitorP(PEER, OWNER, ref), null, SignalInbox.Kind.DEFERRABLE);
        inbox.push(new Signal.Send(PEER, OWNER, Atom.of("hello")), null, SignalInbox.Kind.MESSAGE);
        assertTrue(woken.await(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS));
        receiver.join();
        SignalQueue.Node batch = inbox.takeAll();
        assertTrue(batch.signal instanceof Signal.DemonitorP, "the deferred signal first");
        assertTrue(batch.next.signal instanceof Signal.Send);
    }

    /**
     * An exit signal to a process that does not trap exits goes to a drain even while a receiver is parked: it ends the
     * process or does nothing, and the drain wakes the receiver only in the first case (not here: the drain is a stub).
     */
    @Test
    void anExitSignalToAProcessThatDoesNotTrapExitsIsAppliedByADrainNotByTheParkedReceiver() throws Exception {
        CountDownLatch drained = new CountDownLatch(1);
        SignalInbox inbox = new SignalInbox(drained::countDown, new DrainScheduler("inbox-test"));
        CountDownLatch woken = new CountDownLatch(1);
        Thread receiver = parkedReceiver(inbox, woken);
        assertTrue(Await.eventually(inbox::hasWaiter));
        inbox.push(new Signal.LinkExit(PEER, OWNER, Atom.of("normal")), null, SignalInbox.Kind.DRAINED);
        assertTrue(drained.await(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS), "a drain ran");
        assertFalse(woken.await(Await.QUIET.toMillis(), TimeUnit.MILLISECONDS), "the receiver was left parked");
        inbox.push(new Signal.Send(PEER, OWNER, Atom.of("hello")), null, SignalInbox.Kind.MESSAGE);
        assertTrue(woken.await(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS));
        receiver.join();
    }

    /** {@return a thread that parks in receive on {@code inbox} once, then counts {@code woken} down} */
    private static Thread parkedReceiver(SignalInbox inbox, CountDownLatch woken) {
        ReentrantLock lock = new ReentrantLock();
        return Thread.ofPlatform().start(() -> {
            lock.lock();
            try {
                inbox.park(lock, -1);
                woken.countDown();
            } finally {
                lock.unlock();
            }
        });
    }
}
