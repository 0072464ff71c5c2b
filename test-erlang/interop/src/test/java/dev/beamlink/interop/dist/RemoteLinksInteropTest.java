package dev.beamlink.interop.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Exit;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.ProcessEnded;
import dev.beamlink.node.Reasons;
import dev.beamlink.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * docs/semantics.md, "Links", across the wire: every rule with a BEAM process at the other end, in
 * both directions of who links and who unlinks (LINK, UNLINK_ID / UNLINK_ID_ACK, erl_dist_protocol "Link Protocol").
 */
@Tag("interop")
class RemoteLinksInteropTest extends WireFixture {

    private static final Atom BOOM = Atom.of("boom");
    private static final Atom EXIT_TAG = Atom.of("EXIT");
    private static final Atom TRUE = Atom.of("true");

    private static Tuple exitMessage(Pid from, Term reason) {
        return Tuple.of(EXIT_TAG, from, reason);
    }

    // ---- link/1 is idempotent

    @Test
    void javaLinkingTwiceToAnErlProcessKeepsOneLink() {
        Pid probe = erl.probe(false);
        Mailbox linker = mailbox(true);
        assertTrue(linker.link(probe), "a new link");
        assertFalse(linker.link(probe), "already linked: nothing is done");
        assertEquals(List.of(probe), linker.links());
        awaitErlLinks(probe, List.of(linker.self()));
        erl.call(probe, "exit(boom)");
        assertEquals(new Exit(probe, BOOM), next(linker));
        assertNothingMore(linker);
    }

    @Test
    void erlLinkingTwiceToAJavaProcessKeepsOneLink() {
        Pid probe = erl.probe(true);
        Mailbox linked = mailbox(false);
        assertEquals(TRUE, erl.call(probe, "link(%s)", linked.self()));
        assertEquals(TRUE, erl.call(probe, "link(%s)", linked.self()));
        awaitJavaLinks(linked, List.of(probe));
        awaitErlLinks(probe, List.of(linked.self()));
        assertThrows(ProcessEnded.class, () -> linked.exit(BOOM));
        assertEquals(List.of(exitMessage(linked.self(), BOOM)), erl.messages(probe, 1, PATIENCE));
        assertEquals(1, erl.messages(probe, 2, QUIET).size(), "one link, so one EXIT");
    }

    // ---- a link to a process that does not exist

    @Test
    void javaLinkingToADeadOrNonexistentErlPidGetsNoprocLaterTrappingOrNot() {
        Pid dead = erl.deadPid();
        Pid otherIncarnation = new Pid(dead.node(), dead.id(), dead.serial(), dead.creation() + 1);
        for (Pid target : List.of(dead, otherIncarnation)) {
            Mailbox trapping = mailbox(true);
            assertTrue(trapping.link(target), "for a remote pid the link is made and the answer comes later");
            assertEquals(new Exit(target, Reasons.NOPROC), next(trapping));
            assertEquals(List.of(), trapping.links());

            Mailbox nonTrapping = mailbox(false);
            assertTrue(nonTrapping.link(target));
            ProcessEnded ended = assertThrows(ProcessEnded.class, () -> nonTrapping.receive(PATIENCE));
            assertEquals(Reasons.NOPROC, ended.reason());
        }
    }

    @Test
    void erlLinkingToADeadOrNonexistentJavaPidGetsNoprocTrappingOrNot() {
        Mailbox gone = mailbox();
        gone.close();
        Pid dead = gone.self();
        Pid otherIncarnation = new Pid(dead.node(), dead.id(), dead.serial(), dead.creation() + 1);
        for (Pid target : List.of(dead, otherIncarnation)) {
            Pid trapping = erl.probe(true);
            assertEquals(TRUE, erl.call(trapping, "link(%s)", target));
            assertEquals(List.of(exitMessage(target, Reasons.NOPROC)), erl.messages(trapping, 1, PATIENCE));
            assertEquals(List.of(), erl.linksOf(trapping));

            Pid nonTrapping = erl.probe(false);
            erl.call(nonTrapping, "link(%s)", target);
            assertEquals(Reasons.NOPROC, erl.awaitEnd(nonTrapping, PATIENCE));
        }
    }

    // ---- unlink/1: once it returns, the old link has no effect

    @Test
    void onceJavaUnlinksAnErlProcessItsEndHasNoEffect() {
        Pid probe = erl.probe(false);
        Mailbox nonTrapping = mailbox(false);
        Mailbox trapping = mailbox(true);
        nonTrapping.link(probe);
        trapping.link(probe);
        awaitErlLinks(probe, List.of(nonTrapping.self(), trapping.self()));
        assertTrue(nonTrapping.unlink(probe));
        assertTrue(trapping.unlink(probe));
        assertFalse(trapping.unlink(probe), "no link left to remove");
        assertEquals(List.of(), trapping.links());
        awaitErlLinks(probe, List.of());
        erl.call(probe, "exit(boom)");
        assertNothingMore(trapping);
        assertTrue(nonTrapping.isAlive());
    }

    @Test
    void onceErlUnlinksAJavaProcessItsEndHasNoEffect() {
        Pid probe = erl.probe(false);
        Mailbox linked = mailbox(false);
        erl.call(probe, "link(%s)", linked.self());
        awaitJavaLinks(linked, List.of(probe));
        assertEquals(TRUE, erl.call(probe, "unlink(%s)", linked.self()));
        awaitJavaLinks(linked, List.of());
        assertEquals(List.of(), erl.linksOf(probe));
        assertThrows(ProcessEnded.class, () -> linked.exit(BOOM));
        assertTrue(erl.aliveAfter(probe, QUIET));
    }

    /**
     * The erl process ends at once when told, so its EXIT is in flight toward the Java process while that one
     * unlinks: an EXIT may only take effect if it was applied before unlink returned, never after.
     */
    @Test
    void anExitInFlightFromErlHasNoEffectOnceJavaUnlinkReturns() {
        Atom die = Atom.of("die");
        List<Mailbox> survivors = new ArrayList<>();
        for (int round = 0; round < 16; round++) {
            Pid probe = erl.probe(false);
            erl.cast(probe, "receive die -> exit(boom) end");
            Mailbox unlinker = mailbox(round % 2 == 0);
            unlinker.link(probe);
            awaitErlLinks(probe, List.of(unlinker.self()));
            unlinker.send(probe, die);
            try {
                unlinker.unlink(probe);
            } catch (ProcessEnded diedBeforeTheUnlink) {
                assertEquals(BOOM, diedBeforeTheUnlink.reason());
                continue;
            }
            // An EXIT applied before unlink returned is in the mailbox already; nothing may come after it.
            unlinker.receive(m -> m instanceof Exit e && e.from().equals(probe) ? e : null, Duration.ZERO);
            assertEquals(BOOM, erl.awaitEnd(probe, PATIENCE));
            survivors.add(unlinker);
        }
        assertFalse(survivors.isEmpty(), "no round had the EXIT arrive after the unlink");
        Await.quietPeriod();
        for (Mailbox survivor : survivors) {
            assertTrue(survivor.isAlive(), "the EXIT arrived after unlink returned: no effect");
            assertEquals(Optional.empty(), survivor.receive(Duration.ZERO));
        }
    }

    /**
     * The mirror image: the Java process ends while the erl process unlinks it. BEAM may have handled the EXIT
     * before the erl process ran unlink/1 (then it ends with the reason); if not, the EXIT has no effect.
     */
    @Test
    void anExitInFlightFromJavaHasNoEffectOnceErlUnlinkReturns() {
        List<Pid> probes = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            Pid probe = erl.probe(false);
            Mailbox dying = mailbox(false);
            erl.call(probe, "link(%s)", dying.self());
            awaitJavaLinks(dying, List.of(probe));
            erl.cast(probe, "receive go -> unlink(%s) end", dying.self());
            dying.send(probe, Atom.of("go"));
            assertThrows(ProcessEnded.class, () -> dying.exit(BOOM));
            probes.add(probe);
        }
        Await.quietPeriod();
        for (Pid probe : probes) {
            Term end = erl.awaitEnd(probe, Duration.ZERO);
            if (end.equals(Atom.of("alive"))) {
                assertEquals(List.of(), erl.linksOf(probe), "the EXIT came after the unlink: no effect");
            } else {
                assertEquals(BOOM, end, "hit before it unlinked");
            }
        }
    }

    @Test
    void crossingUnlinksLeaveNoLinkAndANewLinkWorks() {
        Pid probe = erl.probe(false);
        Mailbox javaSide = mailbox(true);
        javaSide.link(probe);
        awaitErlLinks(probe, List.of(javaSide.self()));
        erl.cast(probe, "receive go -> unlink(%s) end", javaSide.self());
        javaSide.send(probe, Atom.of("go"));
        javaSide.unlink(probe);    // true when it crosses erl's unlink; false if erl's was applied here first
        // Both acknowledge the other's UNLINK_ID and drop the link on their own acknowledgement. (A LINK sent before
        // those landed could meet the peer's outstanding unlink and be undone by it: both would then agree on no link.)
        settle(probe, javaSide);
        assertEquals(List.of(), javaSide.links());
        assertEquals(List.of(), erl.linksOf(probe));
        assertTrue(javaSide.link(probe), "linking again after the crossing unlinks");
        awaitErlLinks(probe, List.of(javaSide.self()));
        erl.call(probe, "exit(boom)");
        assertEquals(new Exit(probe, BOOM), next(javaSide));
    }

    /**
     * Links and unlinks from both sides at once: whatever the interleaving, once the signals in flight have landed
     * both sides agree (erl_dist_protocol, "Link Protocol": a LINK that meets an outstanding unlink is ignored, and
     * both ends then see no link), and a link made afterwards works.
     */
    @Test
    void linksAndUnlinksFromBothSidesAtOnceEndInAgreement() {
        Pid probe = erl.probe(true);
        Mailbox javaSide = mailbox(false);
        for (int round = 0; round < 20; round++) {
            erl.cast(probe, "link(%s), unlink(%s)", javaSide.self(), javaSide.self());
            javaSide.link(probe);
            javaSide.unlink(probe);
        }
        settle(probe, javaSide);
        assertEquals(List.of(), javaSide.links());
        assertEquals(List.of(), erl.linksOf(probe));
        assertTrue(javaSide.link(probe));
        awaitErlLinks(probe, List.of(javaSide.self()));
        assertThrows(ProcessEnded.class, () -> javaSide.exit(BOOM));
        assertEquals(exitMessage(javaSide.self(), BOOM), erl.messages(probe, 2, PATIENCE).getLast());
    }

    /**
     * A round trip after which every link signal either side sent before it has been applied (signals between two
     * processes arrive in order): the probe sends ping after its unlinks, the Java side answers pong after it applied
     * them (and sent its acknowledgements), and the probe has pong once it applied those.
     */
    private void settle(Pid probe, Mailbox javaSide) {
        Atom pong = Atom.of("pong");
        erl.call(probe, "%s ! ping", javaSide.self());
        assertEquals(Atom.of("ping"), next(javaSide));
        javaSide.send(probe, pong);
        assertTrue(Await.eventually(() -> erl.messages(probe, 1, QUIET).contains(pong)), "pong reached the probe");
    }
}
