package dev.beamlink.node;

import static dev.beamlink.node.Probes.assertAlive;
import static dev.beamlink.node.Probes.assertNone;
import static dev.beamlink.node.Probes.atom;
import static dev.beamlink.node.Probes.await;
import static dev.beamlink.node.Probes.awaitEnd;
import static dev.beamlink.node.Probes.awaitGot;
import static dev.beamlink.node.Probes.spawnReporter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.testing.Await;
import org.junit.jupiter.api.Test;

/** docs/semantics.md, "Exit signals": both tables, row by row, and the observations on OTP 25. */
class ExitSignalsTest extends NodeFixture {

    /** {@return a process linked to {@code peer}, that ends with the reason it is sent ({@code normal}: by returning)} */
    private Pid linkedTo(Pid peer) {
        Pid pid = Probes.spawnWatched(test, self -> {
            self.link(peer);
            self.send(test.self(), new Probes.Ready(self.self()));
            Term reason = (Term) self.receive();
            if (!reason.equals(Reasons.NORMAL)) {
                throw self.exit(reason);
            }
        });
        Probes.awaitReady(test, pid);
        return pid;
    }

    // ---- exit signals through a link

    @Test
    void linkNormalIsIgnoredByANonTrappingReceiver() {
        Pid receiver = spawnReporter(test, false);
        Pid dying = linkedTo(receiver);
        test.send(dying, Reasons.NORMAL);
        assertEquals(Reasons.NORMAL, awaitEnd(test, dying));
        assertAlive(node, receiver);
    }

    @Test
    void linkNormalBecomesAnExitMessageForATrappingReceiver() {
        Pid receiver = spawnReporter(test, true);
        Pid dying = linkedTo(receiver);
        test.send(dying, Reasons.NORMAL);
        assertEquals(new Exit(dying, Reasons.NORMAL), awaitGot(test, receiver, MessagePattern.ofType(Exit.class)));
        assertAlive(node, receiver);
    }

    @Test
    void linkOtherReasonEndsANonTrappingReceiverAndItsOwnLinksGetTheSameReason() {
        Pid middle = spawnReporter(test, false);
        Pid dying = linkedTo(middle);
        Pid tail = linkedTo(middle);
        Pid trappingTail = Probes.spawnWatched(test, self -> {
            self.trapExit(true);
            self.link(middle);
            self.send(test.self(), new Probes.Ready(self.self()));
            self.send(test.self(), self.receive());
        });
        Probes.awaitReady(test, trappingTail);
        test.send(dying, atom("crash"));
        assertEquals(atom("crash"), awaitEnd(test, middle));
        assertEquals(atom("crash"), awaitEnd(test, tail));
        assertEquals(new Exit(middle, atom("crash")), await(test, MessagePattern.ofType(Exit.class)));
    }

    @Test
    void linkOtherReasonBecomesAnExitMessageForATrappingReceiver() {
        Pid receiver = spawnReporter(test, true);
        Pid dying = linkedTo(receiver);
        test.send(dying, atom("crash"));
        assertEquals(new Exit(dying, atom("crash")), awaitGot(test, receiver, MessagePattern.ofType(Exit.class)));
        assertAlive(node, receiver);
    }

    @Test
    void anExceptionEndsTheProcessAndItsLinksGetTheExceptionReason() {
        test.trapExit(true);
        Pid thrower = test.spawnLink(self -> {
            throw new IllegalStateException("broken invariant");
        });
        Exit exit = await(test, MessagePattern.ofType(Exit.class));
        assertEquals(thrower, exit.from());
        String printed = exit.reason().toString();
        assertTrue(printed.startsWith("{{'java.lang.IllegalStateException',<<\"broken invariant\">>},[{'dev.beamlink.node.ExitSignalsTest',"),
                printed);
        assertTrue(printed.contains("{file,\"ExitSignalsTest.java\"},{line,"), printed);
    }

    // ---- exit/2

    @Test
    void exit2NormalIsIgnoredByANonTrappingReceiver() {
        Pid receiver = spawnReporter(test, false);
        test.exit(receiver, Reasons.NORMAL);
        assertAlive(node, receiver);
    }

    @Test
    void exit2NormalToSelfEndsTheNonTrappingCaller() {
        Pid self = Probes.spawnWatched(test, me -> {
            me.exit(me.self(), Reasons.NORMAL);
            me.send(test.self(), "still running");
        });
        assertEquals(Reasons.NORMAL, awaitEnd(test, self));
        assertNone(test, m -> "still running".equals(m) ? m : null);
        Mailbox passive = node.mailbox();
        ProcessEnded exit = assertThrows(ProcessEnded.class, () -> passive.exit(passive.self(), Reasons.NORMAL));
        assertEquals(Reasons.NORMAL, exit.reason());
        assertFalse(passive.isAlive());
    }

    @Test
    void exit2NormalBecomesAnExitMessageForATrappingReceiver() {
        Pid receiver = spawnReporter(test, true);
        test.exit(receiver, Reasons.NORMAL);
        assertEquals(new Exit(test.self(), Reasons.NORMAL), awaitGot(test, receiver, MessagePattern.ofType(Exit.class)));
    }

    @Test
    void exit2NormalToSelfGivesATrappingCallerAnExitMessage() {
        test.trapExit(true);
        test.exit(test.self(), Reasons.NORMAL);
        assertEquals(new Exit(test.self(), Reasons.NORMAL), await(test, MessagePattern.ofType(Exit.class)));
        assertTrue(test.isAlive());
    }

    @Test
    void exit2KillEndsANonTrappingReceiverWithKilled() {
        Pid receiver = spawnReporter(test, false);
        test.exit(receiver, Reasons.KILL);
        assertEquals(Reasons.KILLED, awaitEnd(test, receiver));
    }

    @Test
    void exit2KillIsUntrappable() {
        Pid receiver = spawnReporter(test, true);
        test.exit(receiver, Reasons.KILL);
        assertEquals(Reasons.KILLED, awaitEnd(test, receiver));
        Mailbox trapping = node.mailbox();
        trapping.trapExit(true);
        test.exit(trapping.self(), Reasons.KILL);
        assertEquals(Reasons.KILLED, assertThrows(ProcessEnded.class, trapping::receive).reason());
    }

    @Test
    void exit2OtherReasonEndsANonTrappingReceiver() {
        Pid receiver = spawnReporter(test, false);
        test.exit(receiver, atom("go_away"));
        assertEquals(atom("go_away"), awaitEnd(test, receiver));
    }

    @Test
    void exit2OtherReasonBecomesAnExitMessageForATrappingReceiver() {
        Pid receiver = spawnReporter(test, true);
        test.exit(receiver, atom("go_away"));
        assertEquals(new Exit(test.self(), atom("go_away")), awaitGot(test, receiver, MessagePattern.ofType(Exit.class)));
        assertAlive(node, receiver);
    }

    // ---- observed on OTP 25

    @Test
    void killedFromOutsideReachesLinksAsTrappableKilled() {
        Pid trapping = spawnReporter(test, true);
        Pid nonTrapping = spawnReporter(test, false);
        Pid victim = linkedTo(trapping);
        Pid victimLink = Probes.spawnWatched(test, self -> {
            self.link(victim);
            self.link(nonTrapping);
            self.send(test.self(), new Probes.Ready(self.self()));
            self.receive();
        });
        Probes.awaitReady(test, victimLink);
        test.exit(victim, Reasons.KILL);
        assertEquals(Reasons.KILLED, awaitEnd(test, victim));
        assertEquals(new Exit(victim, Reasons.KILLED), awaitGot(test, trapping, MessagePattern.ofType(Exit.class)));
        assertEquals(Reasons.KILLED, awaitEnd(test, victimLink));
        assertEquals(Reasons.KILLED, awaitEnd(test, nonTrapping));
        assertAlive(node, trapping);
    }

    @Test
    void exitKillOfItsOwnReachesLinksAsKillTrappableThroughALink() {
        Pid trapping = spawnReporter(test, true);
        Pid nonTrapping = spawnReporter(test, false);
        Pid dying = Probes.spawnWatched(test, self -> {
            self.link(trapping);
            self.link(nonTrapping);
            self.send(test.self(), new Probes.Ready(self.self()));
            self.receive();
            throw self.exit(Reasons.KILL);
        });
        Probes.awaitReady(test, dying);
        test.send(dying, "go");
        assertEquals(Reasons.KILL, awaitEnd(test, dying));
        assertEquals(new Exit(dying, Reasons.KILL), awaitGot(test, trapping, MessagePattern.ofType(Exit.class)));
        assertEquals(Reasons.KILL, awaitEnd(test, nonTrapping), "a non-trapping receiver dies with kill, not killed");
        assertAlive(node, trapping);
    }

    @Test
    void aKilledProcessRunningJavaCodeIsInterruptedAndEveryLaterCallThrows() {
        Atom reached = atom("reached");
        Pid busy = Probes.spawnWatched(test, self -> {
            self.send(test.self(), new Probes.Ready(self.self()));
            try {
                Thread.sleep(Await.PATIENCE.toMillis() * 3);
            } catch (InterruptedException expected) {
                // interrupted by the kill; the process is already dead
            }
            try {
                self.send(test.self(), reached);
            } catch (Exception swallowed) {
                // a ProcessEnded is an Error: catch (Exception) does not swallow it
            }
            test.node().send(test.self(), "after the kill");
        });
        Probes.awaitReady(test, busy);
        test.exit(busy, Reasons.KILL);
        assertEquals(Reasons.KILLED, awaitEnd(test, busy));
        assertNone(test, m -> m.equals(reached) || "after the kill".equals(m) ? m : null);
    }
}
