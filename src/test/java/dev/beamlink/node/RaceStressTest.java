package dev.beamlink.node;

import static dev.beamlink.node.Probes.atom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Races between signals, as bounded stress loops (a count, and a time budget on a shared machine):
 * no signal lost, none delivered twice, no deadlock (every wait is bounded and fails the test).
 */
class RaceStressTest extends NodeFixture {

    private static final int ROUNDS = 1_000;
    private static final Duration BUDGET = Duration.ofSeconds(10);



    /** Runs rounds until the count or the time budget is used up; {@return how many ran} */
    private static int rounds(Round round) {
        long deadline = System.nanoTime() + BUDGET.toNanos();
        int done = 0;
        while (done < ROUNDS && System.nanoTime() < deadline) {
            round.run(done++);
        }
        assertTrue(done >= 50, "only " + done + " rounds ran");
        return done;
    }

    @FunctionalInterface
    private interface Round {
        void run(int round);
    }

    /** {@return every message in the mailbox now} */
    private static List<Object> drain(Mailbox mailbox) {
        List<Object> all = new ArrayList<>();
        for (Optional<Object> m = mailbox.receive(Duration.ZERO); m.isPresent(); m = mailbox.receive(Duration.ZERO)) {
            all.add(m.get());
        }
        return all;
    }

    /** Spawns a process that sends {@code reason} as an exit signal to {@code target} as soon as it runs. */
    private Pid killer(Pid target, Term reason) {
        return node.spawn(self -> self.exit(target, reason));
    }

    @Test
    void linkAgainstExitGivesExactlyOneExit() {
        Mailbox linker = node.mailbox();
        linker.trapExit(true);
        rounds(round -> {
            Pid target = linker.spawn(Probes.idle());
            Ref watch = linker.monitor(target);
            killer(target, Int.of(round));
            linker.link(target);
            Probes.awaitDown(linker, watch);
            Exit exit = Probes.await(linker, m -> m instanceof Exit e && e.from().equals(target) ? e : null);
            assertTrue(exit.reason().equals(Int.of(round)) || exit.reason().equals(Reasons.NOPROC), exit.toString());
            assertEquals(List.of(), linker.links());
            List<Object> rest = drain(linker);
            assertTrue(rest.stream().noneMatch(m -> m instanceof Exit), "a second EXIT: " + rest);
        });
        Probes.assertNone(linker, MessagePattern.ofType(Exit.class));
    }

    @Test
    void onceUnlinkReturnsAnExitInFlightHasNoEffect() {
        Mailbox trapping = node.mailbox();
        trapping.trapExit(true);
        Mailbox watcher = node.mailbox();
        int exitsBeforeUnlink = rounds(round -> {
            Pid target = trapping.spawnLink(Probes.idle());
            Ref watch = watcher.monitor(target);
            killer(target, atom("racing"));
            trapping.unlink(target);
            drain(trapping); // an EXIT placed before unlink returned is allowed
            // The target's exit signal to its link was queued before its DOWN: draining applies it, if it came.
            Probes.awaitDown(watcher, watch);
            List<Object> after = drain(trapping);
            assertTrue(after.stream().noneMatch(m -> m instanceof Exit), "an EXIT after unlink returned: " + after);
            assertEquals(List.of(), trapping.links());
        });
        assertTrue(exitsBeforeUnlink > 0);
        Probes.assertNone(trapping, MessagePattern.ofType(Exit.class));
    }

    @Test
    void aNonTrappingProcessThatUnlinkedSurvivesAnExitInFlight() {
        Mailbox watcher = node.mailbox();
        rounds(round -> {
            Mailbox linker = node.mailbox();
            Pid target = linker.spawnLink(Probes.idle());
            Ref watch = watcher.monitor(target);
            killer(target, atom("racing"));
            boolean returned;
            try {
                linker.unlink(target);
                returned = true;
            } catch (ProcessEnded died) {
                assertEquals(atom("racing"), died.reason());
                returned = false;
            }
            Probes.awaitDown(watcher, watch);
            if (returned) {
                // The exit signal to the linker was queued before the DOWN; processInfo applies what is queued.
                assertTrue(node.processInfo(linker.self()).isPresent(), "round " + round + ": died after unlink returned");
            }
            linker.close();
        });
    }

    @Test
    void monitorAgainstExitGivesExactlyOneDown() {
        Mailbox watcher = node.mailbox();
        rounds(round -> {
            Pid target = watcher.spawn(Probes.idle());
            killer(target, Int.of(round));
            Ref ref = watcher.monitor(target);
            Term reason = Probes.awaitDown(watcher, ref);
            assertTrue(reason.equals(Int.of(round)) || reason.equals(Reasons.NOPROC), reason.toString());
            assertEquals(List.of(), watcher.monitors());
        });
        Probes.assertNone(watcher, MessagePattern.ofType(Down.class));
    }

    @Test
    void demonitorWithFlushAgainstDownLeavesNoDown() {
        Mailbox watcher = node.mailbox();
        Mailbox observer = node.mailbox();
        rounds(round -> {
            Pid target = watcher.spawn(Probes.idle());
            Ref ref = watcher.monitor(target);
            Ref observed = observer.monitor(target);
            killer(target, Int.of(round));
            watcher.demonitor(ref, true);
            // A DOWN for the watcher's monitor, queued before or after the observer's, is dropped once demonitored.
            Probes.awaitDown(observer, observed);
            List<Object> left = drain(watcher);
            assertTrue(left.isEmpty(), "left after demonitor with flush: " + left);
        });
    }

    @Test
    void aThousandProcessesLinkToAndExitOneTrappingProcess() {
        Mailbox hub = node.mailbox();
        hub.trapExit(true);
        int count = 1_000;
        List<Pid> pids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            pids.add(hub.spawn(self -> {
                self.link(hub.self());
                self.exit(hub.self(), Tuple.of(atom("hello"), Int.of(n)));
                throw self.exit(Tuple.of(atom("bye"), Int.of(n)));
            }));
        }
        Map<Pid, List<Term>> seen = new HashMap<>();
        for (int i = 0; i < 2 * count; i++) {
            Exit exit = hub.receive(MessagePattern.ofType(Exit.class), Await.PATIENCE)
                    .orElseGet(() -> fail("EXIT messages missing: " + seen.size() + " senders seen"));
            seen.computeIfAbsent(exit.from(), p -> new ArrayList<>()).add(exit.reason());
        }
        for (int i = 0; i < count; i++) {
            List<Term> reasons = seen.get(pids.get(i));
            assertEquals(List.of(Tuple.of(atom("hello"), Int.of(i)), Tuple.of(atom("bye"), Int.of(i))), reasons,
                    "from process " + i + ", in the order sent");
        }
        Probes.assertNone(hub, m -> m);
        assertEquals(List.of(), hub.links());
    }

    @Test
    void aThousandProcessesLinkedToOneDieWithItAndNoneIsLeft() {
        Mailbox watcher = node.mailbox();
        Mailbox hub = node.mailbox();
        int count = 1_000;
        List<Ref> refs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Spawned spawned = watcher.spawnMonitor(self -> {
                self.link(hub.self());
                while (true) {
                    self.receive();
                }
            });
            refs.add(spawned.ref());
        }
        // Links are made by the processes themselves: wait until the hub holds all of them.
        Await.until(() -> "the hub holds " + count + " links: " + hub.links().size(), () -> hub.links().size() == count);
        watcher.exit(hub.self(), atom("crash"));
        for (Ref ref : refs) {
            assertEquals(atom("crash"), Probes.awaitDown(watcher, ref));
        }
        assertEquals(java.util.Set.of(test.self(), watcher.self()), java.util.Set.copyOf(node.processes()),
                "only the watcher and the test's mailbox are left");
    }
}
