package dev.beamlink.node;

import static dev.beamlink.node.Probes.assertAlive;
import static dev.beamlink.node.Probes.assertNone;
import static dev.beamlink.node.Probes.atom;
import static dev.beamlink.node.Probes.await;
import static dev.beamlink.node.Probes.awaitDown;
import static dev.beamlink.node.Probes.awaitEnd;
import static dev.beamlink.node.Probes.spawnWatched;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Tuple;
import dev.beamlink.testing.Await;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/semantics.md, "Monitors": one test per rule, Java process to Java process. */
class MonitorsTest extends NodeFixture {

    @Test
    void eachMonitorIsANewReferenceAndNMonitorsGiveNDowns() {
        Pid target = spawnWatched(test, Probes.idle());
        Mailbox watcher = node.mailbox();
        Set<Ref> refs = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            refs.add(watcher.monitor(target));
        }
        assertEquals(5, refs.size());
        test.exit(target, atom("stop"));
        Set<Ref> downs = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            Down down = await(watcher, MessagePattern.ofType(Down.class));
            assertEquals(target, down.object());
            assertEquals(atom("stop"), down.reason());
            downs.add(down.ref());
        }
        assertEquals(refs, downs);
        assertNone(watcher, MessagePattern.ofType(Down.class));
    }

    @Test
    void downCarriesThePidForAMonitorByPid() {
        Pid target = spawnWatched(test, self -> self.receive());
        Ref ref = test.monitor(target);
        test.send(target, "end");
        Down down = await(test, m -> m instanceof Down d && d.ref().equals(ref) ? d : null);
        assertEquals(new Down(ref, target, Reasons.NORMAL), down);
        assertEquals("{'DOWN'," + ref + ",process," + target + ",normal}", down.toTerm().toString());
    }

    @Test
    void downCarriesNameAndNodeForAMonitorByName() {
        Pid target = spawnWatched(test, Probes.idle());
        node.register(atom("named"), target);
        Ref byName = test.monitor(atom("named"));
        Ref byNameAndNode = test.monitor(atom("named"), node.name());
        assertEquals(List.of(new ProcessName(atom("named"), node.name()), new ProcessName(atom("named"), node.name())),
                test.monitorsByName());
        test.exit(target, atom("stop"));
        Tuple object = Tuple.of(atom("named"), node.name());
        assertEquals(new Down(byName, object, atom("stop")), await(test, m -> m instanceof Down d && d.ref().equals(byName) ? d : null));
        assertEquals(new Down(byNameAndNode, object, atom("stop")),
                await(test, m -> m instanceof Down d && d.ref().equals(byNameAndNode) ? d : null));
    }

    @Test
    void normalExitIsDeliveredToo() {
        Spawned spawned = test.spawnMonitor(self -> { });
        assertEquals(Reasons.NORMAL, awaitDown(test, spawned.ref()));
    }

    @Test
    void monitoringADeadPidGivesDownNoprocAtOnce() {
        Spawned ended = test.spawnMonitor(self -> { });
        awaitDown(test, ended.ref()); // by its ref: awaitEnd would monitor again a process whose DOWN came already
        Pid dead = ended.pid();
        Ref ref = test.monitor(dead);
        assertEquals(new Down(ref, dead, Reasons.NOPROC), test.receive(Duration.ZERO).orElseThrow());
    }

    @Test
    void monitoringAnUnregisteredNameGivesDownNoprocAtOnce() {
        Ref ref = test.monitor(atom("nobody"));
        assertEquals(new Down(ref, Tuple.of(atom("nobody"), node.name()), Reasons.NOPROC),
                test.receive(Duration.ZERO).orElseThrow());
    }

    @Test
    void demonitorRemovesTheMonitor() {
        Pid target = spawnWatched(test, Probes.idle());
        Mailbox watcher = node.mailbox();
        Ref ref = watcher.monitor(target);
        assertTrue(watcher.demonitor(ref));
        assertEquals(List.of(), watcher.monitors());
        Await.quietPeriod();
        assertEquals(List.of(test.self()), node.processInfo(target).orElseThrow().monitoredBy());
        test.exit(target, atom("stop"));
        awaitEnd(test, target);
        assertNone(watcher, MessagePattern.ofType(Down.class));
    }

    @Test
    void demonitorWithFlushRemovesADownAlreadyInTheMailbox() {
        Pid target = spawnWatched(test, Probes.idle());
        Mailbox watcher = node.mailbox();
        Ref ref = watcher.monitor(target);
        Ref other = watcher.monitor(target);
        test.exit(target, atom("stop"));
        awaitEnd(test, target);
        Await.quietPeriod();
        assertFalse(watcher.demonitor(ref, true), "the monitor had fired already");
        Down left = await(watcher, MessagePattern.ofType(Down.class));
        assertEquals(other, left.ref());
        assertNone(watcher, MessagePattern.ofType(Down.class));
    }

    @Test
    void demonitoringAnUnknownOrFinishedReferenceIsNoError() {
        assertFalse(test.demonitor(node.makeRef()));
        assertFalse(test.demonitor(node.makeRef(), true));
        Spawned spawned = test.spawnMonitor(self -> { });
        awaitDown(test, spawned.ref());
        assertFalse(test.demonitor(spawned.ref()));
    }

    @Test
    void theOwnerNeedNotTrapExitsAndAMonitorNeverKillsItsOwner() {
        Mailbox watcher = node.mailbox();
        assertFalse(watcher.trapsExits());
        Spawned spawned = watcher.spawnMonitor(self -> {
            throw self.exit(atom("crash"));
        });
        assertEquals(atom("crash"), awaitDown(watcher, spawned.ref()));
        Spawned killed = watcher.spawnMonitor(Probes.idle());
        test.exit(killed.pid(), Reasons.KILL);
        assertEquals(Reasons.KILLED, awaitDown(watcher, killed.ref()));
        assertAlive(node, watcher.self());
    }

    @Test
    void introspectionListsLinksMonitorsByPidAndByNameAndMonitoredBy() {
        Pid target = spawnWatched(test, Probes.idle());
        Atom name = atom("introspected");
        node.register(name, target);
        Mailbox holder = node.mailbox();
        holder.link(target);
        holder.monitor(target);
        holder.monitor(name);
        assertEquals(List.of(target), holder.links());
        assertEquals(List.of(target), holder.monitors());
        assertEquals(List.of(new ProcessName(name, node.name())), holder.monitorsByName());
        ProcessInfo info = node.processInfo(target).orElseThrow();
        assertEquals(Set.of(test.self(), holder.self()), Set.copyOf(info.monitoredBy()));
        assertEquals(3, info.monitoredBy().size());
        assertEquals(List.of(holder.self()), info.links());
        assertEquals(name, info.registeredName());
        assertFalse(info.trapExit());
        assertNotEquals(null, info.status());
    }
}
