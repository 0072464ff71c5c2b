package dev.beamlink.interop.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.dist.ErlGlobal;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Mailbox;
import dev.beamlink.testing.Await;
import dev.beamlink.testing.ErlNode;
import dev.beamlink.testing.junit.Beamlink;
import dev.beamlink.testing.junit.Erl;
import dev.beamlink.testing.junit.ErlangExtension;
import dev.beamlink.testing.junit.Nodes;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A published Java node takes part in OTP 25's global as an Erlang node does: {@code global:sync()} returns on
 * erl, names registered on either side are on every node, a clash is resolved as global resolves it, and locks taken
 * from erl are granted and released on the Java node.
 */
@Tag("interop")
@ExtendWith(ErlangExtension.class)
class GlobalInteropTest {

    private static final Atom CLASH = Atom.of("clash");

    @Test
    void erlNamesBeforeAndAfterTheJavaNodeJoinsAreReplicatedWithTheirChanges(@Erl(name = "global") ErlNode erl,
            @Beamlink(name = "published", connect = false) DistributedNode java) {
        Pid before = ErlGlobal.holder(erl, "Before");
        assertEquals("yes", erl.evalText("global:register_name(before, Before)."));

        assertTrue(java.ping(erl.nodeName()));
        assertEquals("ok", ErlGlobal.sync(erl), "global:sync() returns on erl with a published Java node");
        assertTrue(java.global().sync(Await.PATIENCE));
        assertEquals(Optional.of(before), java.global().whereis(Atom.of("before")), "registered before the join");

        Pid later = ErlGlobal.holder(erl, "Later");
        assertEquals("yes", erl.evalText("global:register_name(later, Later)."));
        assertTrue(Await.eventually(() -> java.global().whereis(Atom.of("later")).equals(Optional.of(later))),
                "registered after the join");
        assertEquals(names(erl), new TreeSet<>(java.global().registeredNames().stream().map(Term::toString).toList()),
                "global:registered_names() agrees on both sides");

        erl.eval("global:unregister_name(before).");
        assertTrue(Await.eventually(() -> java.global().whereis(Atom.of("before")).isEmpty()), "unregistered");

        Pid again = ErlGlobal.holder(erl, "Again");
        assertEquals("yes", erl.evalText("global:re_register_name(later, Again)."));
        assertTrue(Await.eventually(() -> java.global().whereis(Atom.of("later")).equals(Optional.of(again))),
                "re-registered");

        erl.eval("Again ! stop.");
        assertTrue(Await.eventually(() -> java.global().whereis(Atom.of("later")).isEmpty()),
                "the name of a process that ended is gone");
        assertEquals("undefined", erl.evalText("global:whereis_name(later)."));
        assertTrue(java.global().registeredNames().isEmpty());
    }

    @Test
    void javaNamesAreSeenByEveryErlNodeAndReachedWithGlobalSend(@Erl(name = "first") ErlNode first,
            @Erl(name = "second") ErlNode second, @Beamlink(name = "registrar", connect = false) DistributedNode java) {
        try (Mailbox service = java.node().mailbox();
             Mailbox other = java.node().mailbox()) {
            ErlGlobal.joinThree(first, second, java);

            assertTrue(java.global().register(Atom.of("java_service"), service.self()));
            for (ErlNode erl : List.of(first, second)) {
                assertEquals(service.self(), ErlGlobal.awaitWhereis(erl, "java_service", ErlGlobal.literal(service.self())));
            }
            second.eval("global:send(java_service, {hello, self()}).");
            Tuple hello = (Tuple) service.receive(Await.PATIENCE).orElseThrow();
            assertEquals(Atom.of("hello"), hello.get(0), "global:send/2 from erl reaches the Java process");

            assertFalse(java.global().register(Atom.of("java_service"), other.self()), "the name is taken");
            assertFalse(java.global().register(Atom.of("another_name"), service.self()), "the process has a name");
            assertEquals("no", first.evalText("global:register_name(java_service, global_helper:holder())."));

            java.global().unregister(Atom.of("java_service"));
            assertEquals(Atom.of("undefined"), ErlGlobal.awaitWhereis(first, "java_service", "undefined"));
            assertEquals(Atom.of("undefined"), ErlGlobal.awaitWhereis(second, "java_service", "undefined"));

            assertEquals("yes", first.evalText("global:register_name(named_by_erl, " + ErlGlobal.literal(other.self()) + ")."));
            assertTrue(Await.eventually(() -> java.global().whereis(Atom.of("named_by_erl"))
                    .equals(Optional.of(other.self()))), "erl registers a Java process");
            first.eval("global:unregister_name(named_by_erl).");
            assertTrue(Await.eventually(() -> java.global().whereis(Atom.of("named_by_erl")).isEmpty()));

            assertTrue(java.global().register(Atom.of("short_lived"), other.self()));
            assertEquals(other.self(), ErlGlobal.awaitWhereis(second, "short_lived", ErlGlobal.literal(other.self())));
            other.close();
            assertEquals(Atom.of("undefined"), ErlGlobal.awaitWhereis(first, "short_lived", "undefined"),
                    "the end of a Java process removes its name on erl");
            assertTrue(Await.eventually(() -> java.global().whereis(Atom.of("short_lived")).isEmpty()));
        }
    }

    /**
     * The node with the smaller name resolves a clash; global's default method keeps the process on the node with
     * the smaller name and kills the other. The Java node is the smaller one first (it resolves the clash itself),
     * then the greater one (erl resolves it, and kills the Java process).
     */
    @ParameterizedTest(name = "erl {0}, Java {1}")
    @CsvSource({"zulu, alpha", "alpha, zulu"})
    void aClashIsResolvedAsGlobalResolvesIt(String erlPrefix, String javaPrefix, Nodes nodes) {
        ErlNode erl = nodes.erl(erlPrefix);
        DistributedNode java = nodes.beamlink(javaPrefix);
        try (Mailbox javaHolder = java.node().mailbox()) {
            Pid erlHolder = clash(erl, java, javaHolder);
            boolean javaWins = javaPrefix.compareTo(erlPrefix) < 0;
            Pid winner = javaWins ? javaHolder.self() : erlHolder;
            assertEquals(winner, ErlGlobal.awaitWhereis(erl, "clash", ErlGlobal.literal(winner)));
            assertTrue(Await.eventually(() -> java.global().whereis(CLASH).equals(Optional.of(winner))));
            assertTrue(Await.eventually(() -> javaHolder.isAlive() == javaWins), "the Java process lives if it won");
            assertEquals(javaWins ? "false" : "true", erl.evalText("is_process_alive(Holder)."),
                    "the erl process lives if it won");
        }
    }

    /** Both nodes register {@code clash} while apart, then connect and sync; {@return erl's holder} */
    private static Pid clash(ErlNode erl, DistributedNode java, Mailbox javaHolder) {
        assertTrue(java.global().register(CLASH, javaHolder.self()));
        Pid erlHolder = ErlGlobal.holder(erl, "Holder");
        assertEquals("yes", erl.evalText("global:register_name(clash, Holder)."));
        assertTrue(java.ping(erl.nodeName()));
        assertEquals("ok", ErlGlobal.sync(erl));
        assertTrue(java.global().sync(Await.PATIENCE));
        return erlHolder;
    }

    @Test
    void locksTakenFromErlAreGrantedAndReleasedOnTheJavaNode(@Erl(name = "first") ErlNode first,
            @Erl(name = "second") ErlNode second, @Beamlink(name = "locks", connect = false) DistributedNode java) {
        ErlGlobal.joinThree(first, second, java);
        String onJava = "['" + java.name().text() + "']";
        assertEquals("true", first.evalText("global:set_lock({resource, one}, " + onJava + ", 0)."));
        assertEquals("false", second.evalText("global:set_lock({resource, two}, " + onJava + ", 0)."),
                "locked on the Java node for another requester");
        assertEquals("true", second.evalText("global:set_lock({other_resource, two}, " + onJava + ", 0)."));
        assertEquals("true", first.evalText("global:del_lock({resource, one}, " + onJava + ")."));
        assertEquals("true", second.evalText("global:set_lock({resource, two}, " + onJava + ", 0)."), "released");

        // The end of the process that holds a lock releases it.
        assertEquals("true", first.evalText("Self = self(), Locker = spawn(fun() -> "
                + "Self ! {locked, global:set_lock({held, x}, " + onJava + ", 0)}, receive stop -> ok end end), "
                + "receive {locked, L} -> L end."));
        assertEquals("false", second.evalText("global:set_lock({held, y}, " + onJava + ", 0)."));
        first.eval("Locker ! stop.");
        assertTrue(Await.eventually(() -> second.evalText("global:set_lock({held, y}, " + onJava + ", 0).")
                .equals("true")), "the holder ended");

        // global:set_lock/1 and global:trans/2 over the whole cluster, the Java node in it.
        assertEquals("true", first.evalText("global:set_lock({cluster_resource, self()})."));
        assertEquals("false", second.evalText("global:set_lock({cluster_resource, self()}, "
                + "[node() | nodes()], 0)."));
        assertEquals("true", first.evalText("global:del_lock({cluster_resource, self()})."));
        assertEquals("done", first.evalText("global:trans({job, self()}, fun() -> done end)."));
        first.eval("Ready = self(), InTrans = spawn(fun() -> global:trans({job, a}, "
                + "fun() -> Ready ! in_trans, receive go -> ok end end) end), receive in_trans -> ok end.");
        assertEquals("aborted", second.evalText("global:trans({job, b}, fun() -> ran end, [node() | nodes()], 0)."));
        first.eval("InTrans ! go.");
        assertEquals("ran", second.evalText("global:trans({job, b}, fun() -> ran end)."));
    }

    private static Set<String> names(ErlNode erl) {
        Set<String> names = new TreeSet<>();
        if (ErlGlobal.eval(erl, "global:registered_names().") instanceof ErlList list) {
            list.elements().forEach(t -> names.add(t.toString()));
        }
        return names;
    }
}
