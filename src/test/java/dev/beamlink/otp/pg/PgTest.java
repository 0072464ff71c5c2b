package dev.beamlink.otp.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.ErlangError;
import dev.beamlink.node.ErlangExit;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.Node;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A pg scope on one node: joins and leaves as pg.erl makes them, members leaving as they end, and watchers told. */
class PgTest {

    private static final Atom GROUP = Atom.of("workers");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Node node = Node.create("pg@localhost");
    private final Pg pg = Pg.start(node, Pg.DEFAULT_SCOPE);
    private final Mailbox self = node.mailbox();

    @AfterEach
    void close() {
        node.close();
    }

    @Test
    void joinsAndLeavesAsPgMakesThem() {
        Mailbox a = node.mailbox();
        Mailbox b = node.mailbox();
        pg.join(GROUP, a.self());
        pg.join(GROUP, List.of(b.self(), a.self()));
        assertEquals(List.of(b.self(), a.self(), a.self()), pg.members(GROUP), "newest first, a as often as it joined");
        assertEquals(pg.members(GROUP), pg.localMembers(GROUP));
        assertEquals(List.of(GROUP), pg.groups());
        assertEquals(List.of(GROUP), pg.localGroups());
        assertTrue(pg.leave(GROUP, a.self()));
        assertEquals(List.of(b.self(), a.self()), pg.members(GROUP));
        assertTrue(pg.leave(GROUP, List.of(a.self(), b.self())));
        assertFalse(pg.leave(GROUP, a.self()), "not_joined");
        assertEquals(List.of(), pg.members(GROUP));
        assertEquals(List.of(), pg.groups());
    }

    @Test
    void aMemberThatEndsLeavesEveryGroupItJoined() {
        Mailbox member = node.mailbox();
        pg.join(GROUP, member.self());
        pg.join(Atom.of("other"), member.self());
        member.close();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!pg.groups().isEmpty() && System.nanoTime() < deadline) {
            self.receive(Duration.ofMillis(5));
        }
        assertEquals(List.of(), pg.groups());
    }

    @Test
    void watchersAreToldOfJoinsAndLeaves() {
        Mailbox member = node.mailbox();
        pg.join(GROUP, member.self());
        PgMonitor group = pg.monitor(self, GROUP);
        assertEquals(Map.of(GROUP, List.of(member.self())), group.members());
        PgMonitor scope = pg.monitorScope(self);
        assertEquals(Map.of(GROUP, List.of(member.self())), scope.members());
        Mailbox other = node.mailbox();
        pg.join(Atom.of("elsewhere"), other.self());
        assertEquals(new PgChange(scope.ref(), true, Atom.of("elsewhere"), List.of(other.self())), self.receive(WAIT).orElseThrow(),
                "only the scope's watcher hears of another group");
        pg.leave(GROUP, member.self());
        assertEquals(new PgChange(scope.ref(), false, GROUP, List.of(member.self())), self.receive(WAIT).orElseThrow(),
                "the scope's watchers first, as pg.erl tells them");
        assertEquals(new PgChange(group.ref(), false, GROUP, List.of(member.self())), self.receive(WAIT).orElseThrow());
        assertEquals(Tuple.of(scope.ref(), Atom.of("leave"), GROUP, ErlList.of(member.self())),
                new PgChange(scope.ref(), false, GROUP, List.of(member.self())).toTerm());
        pg.join(GROUP, member.self());
        assertTrue(pg.demonitor(self, group.ref()), "and a change of it already here is dropped");
        assertEquals(scope.ref(), ((PgChange) self.receive(WAIT).orElseThrow()).ref());
        assertTrue(self.receive(Duration.ofMillis(50)).isEmpty());
        assertFalse(pg.demonitor(self, group.ref()));
    }

    @Test
    void aKilledServerIsReplacedEmptyAndClosingStopsTheScope() {
        Pid first = node.whereis(Pg.DEFAULT_SCOPE).orElseThrow();
        pg.join(GROUP, self.self());
        self.exit(first, Atom.of("kill"));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (node.whereis(Pg.DEFAULT_SCOPE).filter(p -> !p.equals(first)).isEmpty() && System.nanoTime() < deadline) {
            self.receive(Duration.ofMillis(5));
        }
        assertEquals(List.of(), pg.members(GROUP), "a new server, empty, as pg's restarted on erl");
        pg.join(GROUP, self.self());
        assertEquals(List.of(self.self()), pg.members(GROUP));
        pg.close();
        deadline = System.nanoTime() + WAIT.toNanos();
        while (node.whereis(Pg.DEFAULT_SCOPE).isPresent() && System.nanoTime() < deadline) {
            self.receive(Duration.ofMillis(5));
        }
        assertTrue(node.whereis(Pg.DEFAULT_SCOPE).isEmpty(), "stopped, and not replaced");
    }

    @Test
    void onlyLiveScopesAndLocalProcesses() {
        Pid remote = new Pid(Atom.of("erl@localhost"), 1, 0, 1);
        assertEquals(Tuple.of(Atom.of("nolocal"), remote),
                assertThrows(ErlangError.class, () -> pg.join(GROUP, remote)).reason());
        assertThrows(ErlangExit.class, () -> Pg.start(node, Pg.DEFAULT_SCOPE), "already started");
        Pg other = Pg.start(node, Atom.of("other_scope"));
        other.join(GROUP, self.self());
        assertEquals(List.of(), pg.members(GROUP), "scopes are apart");
        assertEquals(List.of(self.self()), other.members(GROUP));
    }
}
