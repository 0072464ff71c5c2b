package dev.beamlink.node;

import static dev.beamlink.node.FakeTransport.remotePid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.node.spi.Attachment;
import dev.beamlink.node.spi.Signal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Exactly once under races (issue 14, item 8): a LINK or MONITOR_P from the wire that its process applies only after
 * the connection it came on was lost. Made deterministic by holding the process's lock (a receive pattern that waits)
 * while the signal arrives and the connection is lost; every check reads the process's tables, which applies whatever
 * is queued first.
 */
class ConnectionLossRacesTest extends NodeFixture {

    private static final Atom PEER = Atom.of("peer@elsewhere");

    private final FakeTransport transport = new FakeTransport().reachable(PEER);
    private final Pid remote = remotePid(PEER, 1);

    /** A mailbox whose lock is held, by a thread in its receive pattern, until {@link Held#letGo()}. */
    private record Held(Mailbox mailbox, CountDownLatch release, Thread holder) {
        void letGo() throws InterruptedException {
            release.countDown();
            holder.join();
        }
    }

    private Held held(Mailbox mailbox) throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Atom wake = Atom.of("wake");
        mailbox.send(mailbox.self(), wake);
        Thread holder = Thread.ofVirtual().start(() -> mailbox.receive(message -> {
            if (!wake.equals(message)) {
                return null;
            }
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return message;
        }));
        entered.await();
        return new Held(mailbox, release, holder);
    }

    @Test
    void aLinkFromTheWireAppliedAfterItsConnectionWasLostFiresNoconnectionOnceAndAtOnce() throws Exception {
        Attachment binding = node.attach(transport);
        Mailbox linked = node.mailbox();
        linked.trapExit(true);
        Held held = held(linked);
        binding.inject(transport.circuit(PEER), new Signal.Link(remote, linked.self()));
        binding.connectionLost(transport.lose(PEER));
        held.letGo();

        assertEquals(List.of(), linked.links(), "the link over the lost connection is gone");
        assertEquals(Optional.of(new Exit(remote, Reasons.NOCONNECTION)), linked.receive(Duration.ZERO), "fired at once");
        binding.connectionLost(transport.lose(PEER)); // a later, unrelated loss
        assertEquals(Optional.empty(), linked.receive(Duration.ZERO), "and only once");
    }

    @Test
    void aMonitorFromTheWireAppliedAfterItsConnectionWasLostIsForgotten() throws Exception {
        Attachment binding = node.attach(transport);
        Mailbox watched = node.mailbox();
        Held held = held(watched);
        Ref ref = node.makeRef();
        binding.inject(transport.circuit(PEER), new Signal.MonitorP(remote, watched.self(), ref));
        binding.connectionLost(transport.lose(PEER));
        held.letGo();

        assertEquals(List.of(), watched.info().monitoredBy(), "the monitor over the lost connection is gone");
        watched.close();
        assertTrue(transport.sent(Signal.MonitorPExit.class).isEmpty(),
                "no DOWN for a watcher whose connection was lost: " + transport.sent(Signal.MonitorPExit.class));
    }
}
