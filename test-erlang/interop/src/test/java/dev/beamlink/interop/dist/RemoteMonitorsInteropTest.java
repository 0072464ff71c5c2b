package dev.beamlink.interop.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Down;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.MessagePattern;
import dev.beamlink.node.ProcessEnded;
import dev.beamlink.node.ProcessName;
import dev.beamlink.node.Reasons;
import dev.beamlink.testing.Await;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * docs/semantics.md, "Monitors", across the wire: MONITOR_P, DEMONITOR_P and MONITOR_P_EXIT by pid and by
 * name, a Java process watching a BEAM one and a BEAM process watching a Java one.
 */
@Tag("interop")
class RemoteMonitorsInteropTest extends WireFixture {

    private static final Atom BOOM = Atom.of("boom");
    private static final Atom DOWN_TAG = Atom.of("DOWN");
    private static final Atom PROCESS = Atom.of("process");
    private static final int MONITORS = 5;

    private static Tuple downMessage(Ref ref, Term object, Term reason) {
        return Tuple.of(DOWN_TAG, ref, PROCESS, object, reason);
    }

    // ---- each monitor is a new reference; N monitors give N DOWNs

    @Test
    void javaMonitoringAnErlProcessNTimesGetsNDowns() {
        Pid target = erl.probe(false);
        Mailbox watcher = mailbox(false);
        Set<Ref> refs = new HashSet<>();
        for (int i = 0; i < MONITORS; i++) {
            refs.add(watcher.monitor(target));
        }
        assertEquals(MONITORS, refs.size(), "a new reference each time");
        assertEquals(List.of(target, target, target, target, target), watcher.monitors());
        awaitErlMonitors(target, watcher.self(), MONITORS);
        erl.call(target, "exit(boom)");
        Set<Ref> downs = new HashSet<>();
        for (int i = 0; i < MONITORS; i++) {
            Down down = await(watcher, MessagePattern.ofType(Down.class));
            assertEquals(target, down.object());
            assertEquals(BOOM, down.reason());
            downs.add(down.ref());
        }
        assertEquals(refs, downs);
        assertNothingMore(watcher);
        assertTrue(watcher.isAlive(), "a monitor never kills its owner");
    }

    @Test
    void erlMonitoringAJavaProcessNTimesGetsNDowns() {
        Pid watcher = erl.probe(false);
        Mailbox target = mailbox();
        List<Term> refs = new ArrayList<>();
        for (int i = 0; i < MONITORS; i++) {
            refs.add(erl.call(watcher, "monitor(process, %s)", target.self()));
        }
        assertEquals(MONITORS, Set.copyOf(refs).size());
        assertTrue(Await.eventually(() -> target.monitoredBy().size() == MONITORS), "MONITOR_P applied");
        assertEquals(Set.of(watcher), Set.copyOf(target.monitoredBy()));
        assertThrows(ProcessEnded.class, () -> target.exit(BOOM));
        List<Term> downs = erl.messages(watcher, MONITORS, PATIENCE);
        assertEquals(refs.stream().map(ref -> downMessage((Ref) ref, target.self(), BOOM)).collect(Collectors.toSet()),
                Set.copyOf(downs), "N DOWNs, told apart by their references");
        assertEquals(MONITORS, erl.messages(watcher, MONITORS + 1, QUIET).size());
        assertTrue(erl.aliveAfter(watcher, QUIET), "a monitor never kills its owner");
    }

    // ---- by name: the DOWN names {Name, Node}; normal is delivered too

    @Test
    void javaMonitoringAnErlNameGetsADownNamingNameAndNode() {
        Atom name = Atom.of("watched_by_java");
        Pid target = erl.probe(false, name);
        Mailbox watcher = mailbox();
        Ref ref = watcher.monitor(name, erlNode());
        assertEquals(List.of(new ProcessName(name, erlNode())), watcher.monitorsByName());
        awaitErlMonitors(target, watcher.self(), 1);
        erl.call(target, "exit(normal)");
        assertEquals(new Down(ref, Tuple.of(name, erlNode()), Reasons.NORMAL), next(watcher));
        assertEquals(List.of(), watcher.monitorsByName());
    }

    @Test
    void erlMonitoringAJavaNameGetsADownNamingNameAndNode() {
        Atom name = Atom.of("watched_by_erl");
        Mailbox target = java.node().mailbox(name);
        Pid watcher = erl.probe(false);
        Term ref = erl.call(watcher, "monitor(process, {%s, %s})", name, java.name());
        assertTrue(Await.eventually(() -> target.monitoredBy().equals(List.of(watcher))), "MONITOR_P by name applied");
        target.close();
        assertEquals(List.of(downMessage((Ref) ref, Tuple.of(name, java.name()), Reasons.NORMAL)),
                erl.messages(watcher, 1, PATIENCE));
    }

    // ---- a target that does not exist: noproc at once

    @Test
    void javaMonitoringADeadErlPidOrAnUnregisteredNameGetsNoprocAtOnce() {
        Pid dead = erl.deadPid();
        Atom nobody = Atom.of("nobody_on_erl");
        Mailbox watcher = mailbox();
        Ref byPid = watcher.monitor(dead);
        Ref byName = watcher.monitor(nobody, erlNode());
        assertEquals(Set.of(new Down(byPid, dead, Reasons.NOPROC), new Down(byName, Tuple.of(nobody, erlNode()), Reasons.NOPROC)),
                Set.of(next(watcher), next(watcher)));
        assertEquals(List.of(), watcher.monitors());
        assertEquals(List.of(), watcher.monitorsByName());
    }

    @Test
    void erlMonitoringADeadJavaPidOrAnUnregisteredNameGetsNoprocAtOnce() {
        Mailbox gone = mailbox();
        gone.close();
        Atom nobody = Atom.of("nobody_on_java");
        Pid watcher = erl.probe(false);
        Term byPid = erl.call(watcher, "monitor(process, %s)", gone.self());
        Term byName = erl.call(watcher, "monitor(process, {%s, %s})", nobody, java.name());
        assertEquals(Set.of(downMessage((Ref) byPid, gone.self(), Reasons.NOPROC),
                        downMessage((Ref) byName, Tuple.of(nobody, java.name()), Reasons.NOPROC)),
                Set.copyOf(erl.messages(watcher, 2, PATIENCE)));
    }

    // ---- demonitor, with flush; unknown or finished references are no error

    @Test
    void javaDemonitorRemovesTheMonitorOnBothSidesAndFlushRemovesADownAlreadyThere() {
        Pid target = erl.probe(false);
        Mailbox watcher = mailbox();
        Ref removed = watcher.monitor(target);
        Ref fired = watcher.monitor(target);
        awaitErlMonitors(target, watcher.self(), 2);
        assertTrue(watcher.demonitor(removed));
        awaitErlMonitors(target, watcher.self(), 1);
        erl.call(target, "exit(boom)");
        assertTrue(Await.eventually(() -> watcher.info().messageQueueLength() == 1), "the DOWN arrived");
        assertFalse(watcher.demonitor(fired, true), "it had fired");
        assertNothingMore(watcher);
        assertFalse(watcher.demonitor(removed), "an unknown or finished reference is no error");
        assertFalse(watcher.demonitor(java.node().makeRef(), true));
    }

    @Test
    void erlDemonitorRemovesTheMonitorFromTheJavaProcess() {
        Pid watcher = erl.probe(false);
        Mailbox target = mailbox();
        Term ref = erl.call(watcher, "monitor(process, %s)", target.self());
        Term byName = erl.call(watcher, "monitor(process, {%s, %s})", Atom.of("no_such_name"), java.name());
        assertTrue(Await.eventually(() -> target.monitoredBy().equals(List.of(watcher))));
        assertEquals(Atom.of("true"), erl.call(watcher, "demonitor(%s, [flush])", ref));
        assertTrue(Await.eventually(() -> target.monitoredBy().isEmpty()), "DEMONITOR_P applied");
        target.close();
        assertEquals(List.of(downMessage((Ref) byName, Tuple.of(Atom.of("no_such_name"), java.name()), Reasons.NOPROC)),
                erl.messages(watcher, 2, QUIET), "no DOWN for the removed monitor");
    }
}
