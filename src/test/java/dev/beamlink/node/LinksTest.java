package dev.beamlink.node;

import static dev.beamlink.node.Probes.assertAlive;
import static dev.beamlink.node.Probes.assertNone;
import static dev.beamlink.node.Probes.atom;
import static dev.beamlink.node.Probes.await;
import static dev.beamlink.node.Probes.awaitDown;
import static dev.beamlink.node.Probes.awaitEnd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.testing.Await;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/semantics.md, "Links": one test per rule, Java process to Java process. */
class LinksTest extends NodeFixture {

    @Test
    void linkIsIdempotentAndSaysWhetherANewLinkWasMade() {
        Pid other = Probes.spawnWatched(test, Probes.idle());
        assertTrue(test.link(other));
        assertFalse(test.link(other));
        assertEquals(List.of(other), test.links());
        assertEquals(List.of(test.self()), node.processInfo(other).orElseThrow().links());
        // One link, so one exit signal: a trapping linker gets exactly one EXIT.
        test.trapExit(true);
        test.exit(other, atom("boom"));
        assertEquals(new Exit(other, atom("boom")), await(test, MessagePattern.ofType(Exit.class)));
        assertNone(test, MessagePattern.ofType(Exit.class));
    }

    @Test
    void linkToSelfDoesNothing() {
        assertFalse(test.link(test.self()));
        assertEquals(List.of(), test.links());
    }

    @Test
    void linkToADeadLocalPidGivesATrappingCallerAnExitNoprocMessage() {
        Pid dead = Probes.spawnWatched(test, self -> { });
        awaitEnd(test, dead);
        test.trapExit(true);
        assertFalse(test.link(dead));
        assertEquals(new Exit(dead, Reasons.NOPROC), await(test, MessagePattern.ofType(Exit.class)));
        assertTrue(test.isAlive());
        assertEquals(List.of(), test.links());
    }

    @Test
    void linkToADeadLocalPidFailsANonTrappingCallerWithNoproc() {
        Pid dead = Probes.spawnWatched(test, self -> { });
        awaitEnd(test, dead);
        ErlangError error = assertThrows(ErlangError.class, () -> test.link(dead));
        assertEquals(Reasons.NOPROC, error.reason());
        // Uncaught in a body, the process ends with {noproc, Stack}, as erlang:error(noproc) does.
        Spawned linker = test.spawnMonitor(self -> self.link(dead));
        Term reason = awaitDown(test, linker.ref());
        Tuple tuple = assertInstanceOf(Tuple.class, reason);
        assertEquals(Reasons.NOPROC, tuple.get(0));
    }

    @Test
    void onceUnlinkReturnsTheOldLinkHasNoEffectOnTheCaller() {
        Pid other = Probes.spawnWatched(test, Probes.idle());
        test.link(other);
        assertTrue(test.unlink(other));
        assertFalse(test.unlink(other));
        assertEquals(List.of(), test.links());
        test.exit(other, atom("boom"));
        assertEquals(atom("boom"), awaitEnd(test, other));
        assertAlive(node, test.self());
        // And for a trapping caller: no EXIT message from the old link.
        test.trapExit(true);
        Pid second = Probes.spawnWatched(test, Probes.idle());
        test.link(second);
        test.unlink(second);
        test.exit(second, atom("boom"));
        awaitEnd(test, second);
        assertNone(test, MessagePattern.ofType(Exit.class));
        assertEquals(List.of(), node.processInfo(test.self()).orElseThrow().links());
    }

    @Test
    void unlinkIsAcknowledgedOnBothSides() {
        Pid other = Probes.spawnWatched(test, Probes.idle());
        test.link(other);
        test.unlink(other);
        Await.quietPeriod();
        assertEquals(List.of(), node.processInfo(other).orElseThrow().links());
        assertEquals(List.of(), test.links());
        // Linking again after the unlink works as the first time did.
        assertTrue(test.link(other));
        test.trapExit(true);
        test.exit(other, atom("again"));
        assertEquals(new Exit(other, atom("again")), await(test, MessagePattern.ofType(Exit.class)));
    }

    @Test
    void spawnLinkIsAtomicTheChildCannotDieUnlinked() {
        test.trapExit(true);
        for (int i = 0; i < 200; i++) {
            Pid child = test.spawnLink(self -> {
                throw self.exit(atom("at_once"));
            });
            Exit exit = await(test, m -> m instanceof Exit e && e.from().equals(child) ? e : null);
            assertEquals(atom("at_once"), exit.reason());
        }
    }

    @Test
    void spawnLinkedChildDiesWithItsParent() {
        Mailbox parent = node.mailbox();
        Pid child = parent.spawnLink(Probes.idle());
        test.monitor(child);
        assertThrows(ProcessEnded.class, () -> parent.exit(parent.self(), atom("parent_gone")));
        assertEquals(atom("parent_gone"), awaitEnd(test, child));
        assertFalse(parent.isAlive());
    }
}
