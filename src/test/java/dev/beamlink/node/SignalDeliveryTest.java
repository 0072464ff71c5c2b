package dev.beamlink.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Signals reach every process whatever one process does with its own lock: a receive pattern that is slow (it runs
 * while the process holds its lock) holds up that process's own signals only, never the node's signal workers, so
 * other processes' exit signals, links and monitors are applied meanwhile. And the opt-in limit on a mailbox.
 */
class SignalDeliveryTest extends NodeFixture {

    private static final Atom BLOCK = Atom.of("block");

    @Test
    void slowReceivePatternsDoNotStallOtherProcessesSignals() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        int slow = 400; // more than the node's signal workers, and the spares its pool adds for blocked ones (256)
        List<Pid> slowOnes = new ArrayList<>();
        CountDownLatch inPattern = new CountDownLatch(slow);
        for (int i = 0; i < slow; i++) {
            slowOnes.add(test.spawn(self -> {
                self.receive(message -> {
                    if (BLOCK.equals(message)) {
                        inPattern.countDown();
                        try {
                            release.await(); // a pattern that takes its time, the process's lock held
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return message;
                });
                self.receive(); // then waits, until its exit signal
            }));
        }
        try {
            slowOnes.forEach(pid -> test.send(pid, BLOCK));
            assertTrue(inPattern.await(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS));
            // A signal for each slow process: its drain finds the lock held (before the fix, a worker waited on it).
            List<Ref> onSlow = slowOnes.stream().map(test::monitor).toList();

            // Meanwhile, processes that have nothing to do with them exchange exit signals, links and monitors.
            try (Mailbox trapper = node.mailbox()) {
                trapper.trapExit(true);
                Pid victim = trapper.spawnLink(self -> self.receive());
                Ref watch = trapper.monitor(victim);
                trapper.exit(victim, Atom.of("bye"));
                assertEquals(Atom.of("bye"), trapper.receive(m -> m instanceof Exit e && e.from().equals(victim) ? e.reason() : null,
                        Duration.ofSeconds(5)).orElse(Atom.of("stalled")), "the exit signal came through");
                assertEquals(Atom.of("bye"), trapper.receive(m -> m instanceof Down d && d.ref().equals(watch) ? d.reason() : null,
                        Duration.ofSeconds(5)).orElse(Atom.of("stalled")), "the DOWN came through");
            }

            // No worker waited on a slow process's lock: the node's pool did not have to add threads for blocked ones.
            DrainScheduler drains = node.router().drains();
            assertTrue(drains.workers() <= drains.parallelism(),
                    drains.workers() + " signal workers for " + drains.parallelism() + ": some waited on a process's lock");

            // Once a slow pattern is done, its process applies what was left to it: the monitors hold.
            release.countDown();
            for (int i = 0; i < slow; i++) {
                test.exit(slowOnes.get(i), Int.of(i));
                int index = i;
                Optional<Object> down = test.receive(m -> m instanceof Down d && d.ref().equals(onSlow.get(index)) ? d.reason() : null,
                        Await.PATIENCE);
                assertEquals(Optional.of(Int.of(i)), down);
            }
        } finally {
            release.countDown();
        }
    }

    @Test
    void anExitSignalToAProcessInASlowPatternEndsItOnceThePatternReturns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch inPattern = new CountDownLatch(1);
        Spawned busy = test.spawnMonitor(self -> {
            self.receive(message -> {
                inPattern.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null; // keeps waiting: the kill must end it
            });
        });
        test.send(busy.pid(), BLOCK);
        assertTrue(inPattern.await(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS));
        test.exit(busy.pid(), Reasons.KILL);
        release.countDown();
        assertEquals(Optional.of(Reasons.KILLED),
                test.receive(m -> m instanceof Down d && d.ref().equals(busy.ref()) ? d.reason() : null, Await.PATIENCE));
    }

    @Test
    void aMailboxPastItsLimitEndsItsProcessWithKilled() {
        test.trapExit(true);
        CountDownLatch limited = new CountDownLatch(1);
        Pid flooded = test.spawnLink(self -> {
            self.maxMessageQueueLength(10);
            limited.countDown();
            self.receive(m -> null); // never takes anything
        });
        Await.until("the limit is set", () -> limited.getCount() == 0);
        for (int i = 0; i < 10; i++) {
            test.send(flooded, Int.of(i));
        }
        assertTrue(node.processInfo(flooded).isPresent(), "ten messages are within the limit");
        test.send(flooded, Int.of(10));
        Exit exit = test.receive(m -> m instanceof Exit e && e.from().equals(flooded) ? e : null, Await.PATIENCE).orElseThrow();
        assertEquals(Reasons.KILLED, exit.reason());
    }
}
