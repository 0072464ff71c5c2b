package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Nil;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.ErlangError;
import dev.beamlink.node.Mailbox;
import dev.beamlink.otp.pg.Pg;
import dev.beamlink.otp.pg.PgChange;
import dev.beamlink.otp.pg.PgMonitor;
import dev.beamlink.testing.Await;
import dev.beamlink.testing.ErlNode;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * pg across the wire: Java processes in groups of the default scope and of named ones, seen by erl's
 * {@code pg:get_members/1,2}, erl's members seen from Java, and members leaving when their process ends or their node
 * goes down, as pg.erl has it.
 */
@Tag("interop")
class PgInteropTest extends WireFixture {

    private static final Atom ORDERS = Atom.of("orders");

    @BeforeAll
    void startPgOnErl() {
        erl.eval("pg:start(pg), pg:start(orders), ok.");
        assertTrue(java.ping(erlNode()));
    }

    private List<Term> erlMembers(String scope, Term group) {
        Term members = erl.eval("pg:get_members(" + scope + ", %s).", group);
        return members instanceof ErlList list ? list.elements() : List.of();
    }

    private static void await(Supplier<Boolean> condition, Supplier<String> what) {
        assertTrue(Await.eventually(condition::get), what);
    }

    @Test
    void javaMembersAreSeenOnErlAndErlMembersInJava() {
        Atom group = Atom.of("workers");
        Pg pg = java.pg();
        Mailbox worker = mailbox();
        pg.join(group, worker.self());
        await(() -> erlMembers("pg", group).equals(List.of(worker.self())), () -> "erl sees " + erlMembers("pg", group));
        Pid probe = erl.probe(false);
        erl.call(probe, "pg:join(%s, self())", group);
        await(() -> pg.members(group).size() == 2, () -> "Java sees " + pg.members(group));
        assertTrue(pg.members(group).containsAll(List.of(worker.self(), probe)));
        assertEquals(List.of(worker.self()), pg.localMembers(group));
        assertTrue(pg.groups().contains(group) && pg.localGroups().contains(group));
        assertEquals(Tuple.of(Atom.of("erl_local"), ErlList.of(probe)),
                Tuple.of(Atom.of("erl_local"), erl.eval("pg:get_local_members(%s).", group)));
    }

    @Test
    void aNamedScopeIsReplicatedWithTheErlScopeOfThatName() {
        Pg orders = Pg.start(java.node(), ORDERS);
        Atom group = Atom.of("open");
        Mailbox member = mailbox();
        orders.join(group, List.of(member.self(), member.self()));
        await(() -> erlMembers("orders", group).equals(List.of(member.self(), member.self())),
                () -> "a process joined twice is a member twice: " + erlMembers("orders", group));
        assertTrue(orders.leave(group, member.self()));
        await(() -> erlMembers("orders", group).equals(List.of(member.self())), () -> "left once: " + erlMembers("orders", group));
        assertEquals(List.of(), erlMembers("pg", group), "another scope");
        assertTrue(orders.leave(group, member.self()));
        assertFalse(orders.leave(group, member.self()), "not_joined");
        await(() -> erlMembers("orders", group).isEmpty(), () -> "gone: " + erlMembers("orders", group));
    }

    @Test
    void membersLeaveWhenTheirProcessEnds() {
        Atom group = Atom.of("short_lived");
        Mailbox member = java.node().mailbox();
        java.pg().join(group, member.self());
        await(() -> erlMembers("pg", group).equals(List.of(member.self())), () -> "erl sees " + erlMembers("pg", group));
        member.close();
        await(() -> erlMembers("pg", group).isEmpty(), () -> "erl still sees " + erlMembers("pg", group));
        assertEquals(List.of(), java.pg().members(group));
        Pid probe = erl.probe(false);
        erl.call(probe, "pg:join(%s, self())", group);
        await(() -> java.pg().members(group).equals(List.of(probe)), () -> "Java sees " + java.pg().members(group));
        erl.eval("exit(%s, kill).", probe);
        await(() -> java.pg().members(group).isEmpty(), () -> "Java still sees " + java.pg().members(group));
    }

    @Test
    void membersLeaveWhenTheirNodeGoesDown() {
        Atom group = Atom.of("fragile");
        ErlNode other = ErlNode.builder().name("pg_other").cookie(JavaNodes.COOKIE).epmdPort(epmdPort()).start();
        try (other) {
            ErlSide otherSide = new ErlSide(other);
            otherSide.eval("pg:start(pg).");
            Pid remote = otherSide.probe(false);
            otherSide.call(remote, "pg:join(%s, self())", group);
            assertTrue(java.ping(otherSide.nodeName()));
            await(() -> java.pg().members(group).equals(List.of(remote)), () -> "Java sees " + java.pg().members(group));
        }
        await(() -> java.pg().members(group).isEmpty(), () -> "Java still sees " + java.pg().members(group));

        try (DistributedNode second = JavaNodes.start(JavaNodes.builder(JavaNodes.uniqueName("pg_java"), epmdPort()));
             Mailbox member = second.node().mailbox()) {
            second.pg().join(group, member.self());
            assertTrue(second.ping(erlNode()));
            await(() -> erlMembers("pg", group).equals(List.of(member.self())), () -> "erl sees " + erlMembers("pg", group));
        }
        await(() -> erlMembers("pg", group).isEmpty(), () -> "erl still sees " + erlMembers("pg", group));
    }

    @Test
    void javaCodeWatchesAGroupAndTheScope() {
        Atom group = Atom.of("watched");
        Mailbox watcher = mailbox();
        PgMonitor watch = java.pg().monitor(watcher, group);
        PgMonitor scopeWatch = java.pg().monitorScope(watcher);
        assertEquals(List.of(), watch.members().get(group));
        Pid probe = erl.probe(false);
        erl.call(probe, "pg:join(%s, self())", group);
        assertEquals(new PgChange(watch.ref(), true, group, List.of(probe)),
                await(watcher, m -> m instanceof PgChange c && c.ref().equals(watch.ref()) ? c : null));
        assertEquals(new PgChange(scopeWatch.ref(), true, group, List.of(probe)),
                await(watcher, m -> m instanceof PgChange c && c.ref().equals(scopeWatch.ref()) ? c : null));
        erl.call(probe, "pg:leave(%s, self())", group);
        assertEquals(new PgChange(watch.ref(), false, group, List.of(probe)),
                await(watcher, m -> m instanceof PgChange c && c.ref().equals(watch.ref()) ? c : null));
        assertTrue(java.pg().demonitor(watcher, watch.ref()));
        assertTrue(java.pg().demonitor(watcher, scopeWatch.ref()));
        assertFalse(java.pg().demonitor(watcher, watch.ref()));
        erl.call(probe, "pg:join(%s, self())", group);
        assertNothingMore(watcher);
    }

    @Test
    void onlyProcessesOfThisNodeJoin() {
        Pid probe = erl.probe(false);
        ErlangError nolocal = assertThrows(ErlangError.class, () -> java.pg().join(Atom.of("g"), probe));
        assertEquals(Tuple.of(Atom.of("nolocal"), probe), nolocal.reason());
        assertEquals(Nil.NIL, ErlList.from(java.pg().members(Atom.of("g"))));
    }
}
