package dev.beamlink.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.testing.Await;
import java.util.Optional;

/** Process bodies and the message waits the runtime tests share; how long they wait is {@link Await}'s. */
public final class Probes {

    /** A message a {@link #reporter} forwards: who received what. */
    record Got(Pid who, Object message) {
    }

    /** What a probe sends once it is set up. */
    record Ready(Pid who) {
    }

    private Probes() {
    }

    /** A body that waits for messages forever. */
    static ProcessBody idle() {
        return self -> {
            while (true) {
                self.receive();
            }
        };
    }

    /** A body that sets trap_exit as told, says {@link Ready}, then forwards every message it gets as {@link Got}. */
    static ProcessBody reporter(Pid reportTo, boolean trapExit) {
        return self -> {
            self.trapExit(trapExit);
            self.send(reportTo, new Ready(self.self()));
            while (true) {
                Object message = self.receive();
                self.send(reportTo, new Got(self.self(), message));
            }
        };
    }

    /** Spawns {@link #reporter} and waits until it is set up. */
    static Pid spawnReporter(Mailbox test, boolean trapExit) {
        Pid pid = spawnWatched(test, reporter(test.self(), trapExit));
        awaitReady(test, pid);
        return pid;
    }

    static void awaitReady(Mailbox test, Pid pid) {
        await(test, m -> m instanceof Ready(Pid who) && who.equals(pid) ? m : null);
    }

    /** {@return the first message {@code pattern} accepts, failing the test after {@link Await#PATIENCE}} */
    static <R> R await(Mailbox mailbox, MessagePattern<R> pattern) {
        return mailbox.receive(pattern, Await.PATIENCE).orElseGet(() -> fail("no such message within " + Await.PATIENCE
                + "; mailbox length " + mailbox.info().messageQueueLength()));
    }

    /** {@return the message {@code who} forwarded next that {@code pattern} accepts} */
    static <R> R awaitGot(Mailbox test, Pid who, MessagePattern<R> pattern) {
        return await(test, m -> m instanceof Got(Pid from, Object message) && from.equals(who) ? pattern.match(message) : null);
    }

    /** Asserts that no message {@code pattern} accepts arrives for a while. */
    static void assertNone(Mailbox mailbox, MessagePattern<?> pattern) {
        Optional<?> got = mailbox.receive(pattern, Await.QUIET);
        assertTrue(got.isEmpty(), () -> "unexpected message: " + got.get());
    }

    /** {@return a new process, monitored by {@code test} from its start, so that {@link #awaitEnd} sees its end} */
    static Pid spawnWatched(Mailbox test, ProcessBody body) {
        return test.spawnMonitor(body).pid();
    }

    /**
     * {@return the reason {@code pid} ended with} The watcher must monitor it already ({@link #spawnWatched}),
     * or else it must still be alive: then a monitor is set up now.
     */
    static Term awaitEnd(Mailbox watcher, Pid pid) {
        if (!watcher.monitors().contains(pid)) {
            watcher.monitor(pid);
        }
        Down down = await(watcher, m -> m instanceof Down d && d.object().equals(pid) ? d : null);
        return down.reason();
    }

    /** {@return the reason of the {@link Down} for {@code ref}} */
    static Term awaitDown(Mailbox watcher, Ref ref) {
        return await(watcher, m -> m instanceof Down d && d.ref().equals(ref) ? d : null).reason();
    }

    /** Asserts that {@code pid} still lives, after giving signals in flight time to land. */
    static void assertAlive(Node node, Pid pid) {
        Await.quietPeriod();
        assertTrue(node.isAlive(pid), pid + " should be alive");
    }

    /** Waits until {@code pid} has ended. */
    static void awaitDead(Node node, Pid pid) {
        Await.until(pid + " ends", () -> !node.isAlive(pid));
    }

    static Atom atom(String text) {
        return Atom.of(text);
    }

    static void assertReason(Term expected, Term actual) {
        assertEquals(expected, actual, "exit reason");
    }
}
