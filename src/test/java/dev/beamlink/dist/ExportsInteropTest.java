package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Binary;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.ErlMap;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Nil;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.ErlangError;
import dev.beamlink.node.ErlangExit;
import dev.beamlink.node.ErlangThrow;
import dev.beamlink.node.Mailbox;
import dev.beamlink.otp.GenServer;
import dev.beamlink.otp.StartOptions;
import dev.beamlink.testing.Await;
import dev.beamlink.otp.rpc.Exports;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * erl calls Java: functions a Java node exports, called from a live erl with {@code erpc:call/4}, {@code rpc:call/4}
 * and the rex message of jinterface's {@code sendRPC}, answered exactly as an Erlang function raising the same would
 * be (docs/semantics.md, "gen_server calls and rpc").
 */
@Tag("interop")
class ExportsInteropTest extends WireFixture {

    private static final Atom M = Atom.of("jfun");
    private static final Atom EXIT = Atom.of("exit");
    private static final Atom EXCEPTION = Atom.of("exception");
    private static final Atom BADRPC = Atom.of("badrpc");

    @BeforeAll
    void export() {
        Exports exports = java.exports();
        exports.export(M, Atom.of("add"), 2, call -> Int.of(((Int) call.arg(0)).value() + ((Int) call.arg(1)).value()));
        exports.export(M, Atom.of("error"), 1, call -> {
            throw new ErlangError(call.arg(0), "asked to");
        });
        exports.export(M, Atom.of("exit"), 1, call -> {
            throw new ErlangExit(call.arg(0), "asked to");
        });
        exports.export(M, Atom.of("throw"), 1, call -> {
            throw new ErlangThrow(call.arg(0));
        });
        exports.export(M, Atom.of("crash"), 1, call -> {
            throw new IllegalStateException(((Binary) call.arg(0)).utf8());
        });
        exports.export(M, Atom.of("null"), 0, call -> null);
        exports.export(M, Atom.of("sleep"), 1, call -> {
            call.self().receiveIf(message -> false, Duration.ofMillis(((Int) call.arg(0)).value()));
            return Atom.of("slept");
        });
        exports.export(M, Atom.of("whoami"), 0, call -> Tuple.of(call.self().self(), call.caller(),
                ErlList.from(call.self().links())));
        exports.export(M, Atom.of("park"), 0, call -> {
            call.self().register(Atom.of("parked"));
            return (Term) call.self().receive();
        });
        exports.export(Atom.of("java_counter"), Atom.of("start_link"), 0, call -> {
            GenServer.run(call.self(), call.caller(), new CountingServer(), StartOptions.DEFAULTS.local(Atom.of("java_counter")));
            return Atom.of("ignored");
        });
    }

    private Term erl(String expression, Term... terms) {
        return erl.eval(expression, terms);
    }

    private Term erpc(String function, Term... args) {
        return erl("rpc_helper:erpc(%s, jfun, " + function + ", %s).", java.name(), ErlList.from(List.of(args)));
    }

    private Term rpc(String function, Term... args) {
        return erl("rpc:call(%s, jfun, " + function + ", %s).", java.name(), ErlList.from(List.of(args)));
    }

    @Test
    void erpcAndRpcCallAnExportedFunction() {
        assertEquals(Tuple.of(Atom.OK, Int.of(42)), erpc("add", Int.of(40), Int.of(2)));
        assertEquals(Int.of(42), rpc("add", Int.of(40), Int.of(2)));
    }

    @Test
    void multicallsReachTheJavaNodeAsAnyOther() {
        assertEquals(ErlList.of(Tuple.of(Atom.OK, Int.of(3)), Tuple.of(Atom.OK, Int.of(3))),
                erl("erpc:multicall([%s, %s], jfun, add, [1, 2]).", java.name(), java.name()));
        assertEquals(Tuple.of(ErlList.of(Int.of(3)), Nil.NIL),
                erl("rpc:multicall([%s], jfun, add, [1, 2]).", java.name()));
    }

    @Test
    void anUnknownFunctionIsUndefAsOtpReportsIt() {
        Term undefStack = ErlList.of(Tuple.of(M, Atom.of("nope"), ErlList.of(Int.of(1), Int.of(2)), Nil.NIL));
        assertEquals(Tuple.of(Atom.ERROR, Tuple.of(Atom.of("exception"), Atom.of("undef"), undefStack)),
                erpc("nope", Int.of(1), Int.of(2)));
        assertEquals(Tuple.of(Atom.of("badrpc"), Tuple.of(Atom.of("EXIT"), Tuple.of(Atom.of("undef"), undefStack))),
                rpc("nope", Int.of(1), Int.of(2)));
        Term wrongArity = ErlList.of(Tuple.of(M, Atom.of("add"), ErlList.of(Int.of(1)), Nil.NIL));
        assertEquals(Tuple.of(Atom.ERROR, Tuple.of(Atom.of("exception"), Atom.of("undef"), wrongArity)),
                erpc("add", Int.of(1)));
    }

    @Test
    void whatAJavaFunctionThrowsIsWhatAnErlangFunctionRaisingTheSameGives() {
        assertEquals(Tuple.of(EXIT, Tuple.of(EXCEPTION, Atom.of("bye"))), erpc("exit", Atom.of("bye")));
        assertEquals(Tuple.of(Atom.of("throw"), Atom.of("ball")), erpc("throw", Atom.of("ball")));
        assertErrorWithStackEndingIn("error", Atom.of("badarg"), erpc("error", Atom.of("badarg")));
        assertErrorWithStackEndingIn("crash", Tuple.of(Atom.of("java.lang.IllegalStateException"), Binary.ofUtf8("boom")),
                erpc("crash", Binary.ofUtf8("boom")));
        assertEquals(Tuple.of(BADRPC, Tuple.of(Atom.of("EXIT"), Atom.of("bye"))), rpc("exit", Atom.of("bye")));
        assertEquals(Atom.of("ball"), rpc("throw", Atom.of("ball")));
        Tuple badrpc = assertInstanceOf(Tuple.class, rpc("error", Atom.of("badarg")));
        Tuple exit = assertInstanceOf(Tuple.class, badrpc.get(1));
        assertEquals(Atom.of("EXIT"), exit.get(0));
        assertEquals(Atom.of("badarg"), ((Tuple) exit.get(1)).get(0));
    }

    @Test
    void aNullResultIsAnErrorThatSaysSo() {
        Tuple error = assertInstanceOf(Tuple.class, erpc("null"));
        Tuple exception = assertInstanceOf(Tuple.class, error.get(1));
        assertEquals(Tuple.of(Atom.of("java.lang.NullPointerException"), Binary.ofUtf8("jfun:null/0 returned null")),
                exception.get(1));
    }

    @Test
    void anUnknownModuleAndArgumentsThatAreNoListAreWhatOtpGives() {
        assertEquals(Tuple.of(Atom.ERROR, Tuple.of(EXCEPTION, Atom.of("undef"),
                        ErlList.of(Tuple.of(Atom.of("no_such_module"), Atom.of("f"), Nil.NIL, Nil.NIL)))),
                erl("rpc_helper:erpc(%s, no_such_module, f, []).", java.name()));
        assertEquals(Tuple.of(Atom.ERROR, Tuple.of(Atom.of("erpc"), Atom.of("badarg"))),
                erl("rpc_helper:erpc(%s, jfun, add, not_a_list).", java.name()), "refused by erl before it sends");
        // erpc:execute_call/4 asked for directly, with what erpc:call/4 never sends: apply/3's badarg, as on BEAM
        Term applyFrame = Tuple.of(Atom.of("erlang"), Atom.of("apply"),
                ErlList.of(M, Atom.of("add"), Atom.of("not_a_list")),
                ErlList.of(Tuple.of(Atom.of("error_info"), new ErlMap(Map.of(Atom.of("module"), Atom.of("erl_erts_errors"))))));
        assertEquals(Tuple.of(Atom.ERROR, Atom.of("badarg"), ErlList.of(applyFrame)),
                erl("rpc_helper:raw_execute_call(%s, jfun, add, not_a_list).", java.name()));
    }

    @Test
    void theRexMessageOfJinterfacesSendRpcIsAnsweredRexResult() {
        assertEquals(Tuple.of(Atom.of("rex"), Int.of(3)),
                erl("rpc_helper:rex_call(%s, jfun, add, [1, 2]).", java.name()));
        Tuple undef = (Tuple) erl("rpc_helper:rex_call(%s, jfun, nope, []).", java.name());
        assertEquals(Tuple.of(BADRPC, Tuple.of(Atom.of("EXIT"), Tuple.of(Atom.of("undef"),
                ErlList.of(Tuple.of(M, Atom.of("nope"), Nil.NIL, Nil.NIL))))), undef.get(1));
        assertEquals(Int.of(3), erl("rpc:block_call(%s, jfun, add, [1, 2]).", java.name()), "gen_server:call to rex");
        assertEquals(Tuple.of(BADRPC, Tuple.of(Atom.of("EXIT"), Atom.of("bye"))),
                erl("rpc:block_call(%s, jfun, exit, [bye]).", java.name()));
    }

    @Test
    void eachCallRunsInAProcessOfItsOwn() {
        Tuple slowThenFast = (Tuple) erl("rpc_helper:slow_then_fast(%s, 3000).", java.name());
        assertTrue(((Int) slowThenFast.get(0)).value() < 2000, () -> "the fast call waited: " + slowThenFast);
        assertEquals(Atom.of("slept"), slowThenFast.get(1));
        Tuple first = (Tuple) ((Tuple) erpc("whoami")).get(1);
        Tuple second = (Tuple) ((Tuple) erpc("whoami")).get(1);
        assertTrue(!first.get(0).equals(second.get(0)), "two calls, two processes");
        assertEquals(Atom.of(erl.nodeName().text()), ((Pid) first.get(1)).node(), "the caller is erl's");
    }

    @Test
    void spawnOfAnExportedFunctionStartsAJavaProcessRunningIt() {
        Tuple linked = (Tuple) erl("rpc_helper:spawn_outcome(spawn_link, %s, jfun, exit, [bye]).", java.name());
        assertEquals(java.name(), ((Pid) ((Tuple) linked.get(0)).get(1)).node());
        assertEquals(Tuple.of(EXIT, Atom.of("bye")), linked.get(1), "linked from its first moment");
        assertEquals(Tuple.of(Atom.of("down"), Atom.of("normal")),
                ((Tuple) erl("rpc_helper:spawn_outcome(spawn_monitor, %s, jfun, add, [1, 2]).", java.name())).get(1));
        assertEquals(Tuple.of(Atom.of("down"), Tuple.of(Atom.of("undef"),
                        ErlList.of(Tuple.of(M, Atom.of("nope"), ErlList.of(Atom.of("a")), Nil.NIL)))),
                ((Tuple) erl("rpc_helper:spawn_outcome(spawn_monitor, %s, jfun, nope, [a]).", java.name())).get(1),
                "an unknown function ends the process with undef, as on BEAM");
        Tuple crashed = (Tuple) ((Tuple) erl("rpc_helper:spawn_outcome(spawn_monitor, %s, jfun, error, [badarg]).",
                java.name())).get(1);
        assertEquals(Atom.of("badarg"), ((Tuple) crashed.get(1)).get(0), "an error ends it with {Reason, Stack}");
        assertEquals(Tuple.of(EXIT, Atom.of("bye")), ((Tuple) erl(
                "rpc_helper:spawn_outcome({spawn_opt, [link, {priority, high}, {fullsweep_after, 0}]}, %s, jfun, exit, [bye]).",
                java.name())).get(1), "spawn_opt's options for BEAM processes mean nothing here, and do no harm");
        Tuple unlinked = (Tuple) erl("rpc_helper:spawn_outcome(spawn, %s, jfun, sleep, [100]).", java.name());
        assertEquals(Tuple.of(Atom.of("links"), Nil.NIL), unlinked.get(1));
    }

    @Test
    void aSpawnedProcessKnowsWhoStartedItAndIsLinkedToItBeforeItRuns() {
        Tuple outcome = (Tuple) erl("rpc_helper:spawn_outcome(spawn_link, %s, jfun, whoami, []).", java.name());
        assertEquals(Tuple.of(EXIT, Atom.of("normal")), outcome.get(1));
        for (int i = 0; i < 20; i++) {
            assertEquals(Tuple.of(EXIT, Atom.of("at_once")),
                    ((Tuple) erl("rpc_helper:spawn_outcome(spawn_link, %s, jfun, exit, [at_once]).", java.name())).get(1));
        }
    }

    @Test
    void builtInFunctionsLetAnOperatorLookInside() {
        Pid rex = java.node().whereis(Atom.of("rex")).orElseThrow();
        assertEquals(Tuple.of(Atom.OK, java.name()), builtin("node"));
        assertTrue(((ErlList) ((Tuple) builtin("nodes")).get(1)).elements().contains(erlNode()));
        assertEquals(Tuple.of(Atom.OK, ErlList.of(java.name())), builtin("nodes", Atom.of("this")));
        assertEquals(java.name(), ((ErlList) ((Tuple) builtin("nodes", ErlList.of(Atom.of("this"), Atom.of("visible"))))
                .get(1)).elements().getFirst());
        assertBadarg("nodes", Atom.of("everything"));
        assertTrue(((ErlList) ((Tuple) builtin("processes")).get(1)).elements().contains(rex));
        assertEquals(Tuple.of(Atom.OK, rex), builtin("whereis", Atom.of("rex")));
        assertEquals(Tuple.of(Atom.OK, Atom.UNDEFINED), builtin("whereis", Atom.of("nobody")));
        assertBadarg("whereis", Int.of(1));
        List<Term> registered = ((ErlList) ((Tuple) builtin("registered")).get(1)).elements();
        assertTrue(registered.containsAll(List.of(Atom.of("rex"), Atom.of("pg"), Atom.of("net_kernel"),
                Atom.of("global_name_server"))), () -> "registered: " + registered);
        assertEquals(Tuple.of(Atom.OK, Atom.TRUE), builtin("is_process_alive", rex));
        Pid erlPid = erl.deadPid();
        assertBadarg("is_process_alive", erlPid);
        assertBadarg("system_info", Atom.of("no_such_item"));
        assertTrue(((Tuple) builtin("system_info", Atom.of("process_count"))).get(1) instanceof Int);
        assertEquals(Tuple.of(Atom.OK, Int.of(3)), builtin("apply", M, Atom.of("add"), ErlList.of(Int.of(1), Int.of(2))));
        assertEquals(Tuple.of(Atom.OK, java.name()), builtin("apply", Atom.of("erlang"), Atom.of("node"), Nil.NIL));

        List<Term> rexInfo = ((ErlList) ((Tuple) builtin("process_info", rex)).get(1)).elements();
        assertEquals(Tuple.of(Atom.of("registered_name"), Atom.of("rex")), rexInfo.getFirst());
        assertTrue(rexInfo.contains(Tuple.of(Atom.of("trap_exit"), Atom.TRUE)), () -> "rex: " + rexInfo);
        assertBadarg("process_info", erlPid);
        assertBadarg("process_info", rex, Atom.of("heap_size"));
        try (Mailbox watched = java.node().mailbox(); Mailbox subject = java.node().mailbox()) {
            Pid probe = erl.probe(true);
            subject.link(probe);
            Ref ref = subject.monitor(watched.self());
            watched.send(subject.self(), Atom.of("unread"));
            Term items = ErlList.of(Atom.of("links"), Atom.of("monitors"), Atom.of("monitored_by"), Atom.of("trap_exit"),
                    Atom.of("registered_name"), Atom.of("message_queue_len"), Atom.of("status"));
            assertEquals(Tuple.of(Atom.OK, ErlList.of(Tuple.of(Atom.of("links"), ErlList.of(probe)),
                            Tuple.of(Atom.of("monitors"), ErlList.of(Tuple.of(Atom.of("process"), watched.self()))),
                            Tuple.of(Atom.of("monitored_by"), Nil.NIL), Tuple.of(Atom.of("trap_exit"), Atom.FALSE),
                            Tuple.of(Atom.of("registered_name"), Nil.NIL), Tuple.of(Atom.of("message_queue_len"), Int.of(1)),
                            Tuple.of(Atom.of("status"), Atom.of("running")))),
                    builtin("process_info", subject.self(), items));
            assertEquals(Tuple.of(Atom.OK, Nil.NIL), builtin("process_info", subject.self(), Atom.of("registered_name")),
                    "no name: [], as BEAM answers");
            assertEquals(Tuple.of(Atom.OK, Tuple.of(Atom.of("monitored_by"), ErlList.of(subject.self()))),
                    builtin("process_info", watched.self(), Atom.of("monitored_by")));
            subject.demonitor(ref);
            subject.close();
            assertEquals(Tuple.of(Atom.OK, Atom.UNDEFINED), builtin("process_info", subject.self()));
            assertEquals(Tuple.of(Atom.OK, Atom.FALSE), builtin("is_process_alive", subject.self()));
        }

        Pid call = (Pid) erl.eval("rpc_helper:background(fun() -> erpc:call(%s, jfun, park, []) end).", java.name());
        assertTrue(Await.eventually(() -> java.node().whereis(Atom.of("parked")).isPresent()));
        Pid parked = java.node().whereis(Atom.of("parked")).orElseThrow();
        assertEquals(Tuple.of(Atom.OK, ErlList.of(Tuple.of(Atom.of("current_function"), Tuple.of(M, Atom.of("park"), Int.of(0))),
                        Tuple.of(Atom.of("initial_call"), Tuple.of(Atom.of("erpc"), Atom.of("execute_call"), Int.of(4))))),
                builtin("process_info", parked, ErlList.of(Atom.of("current_function"), Atom.of("initial_call"))));
        java.node().send(parked, Atom.of("unparked"));
        assertEquals(Tuple.of(Atom.OK, Atom.of("unparked")), erl.eval("rpc_helper:await(%s, 20000).", call));
    }

    @Test
    void anErlSupervisorSupervisesAJavaGenServer() {
        Tuple started = (Tuple) erl.eval("java_child:start_sup(%s, {java_counter, start_link, []}).", java.name());
        Pid sup = (Pid) started.get(1);
        Pid first = (Pid) erl.eval("java_child:child(%s).", sup);
        assertEquals(java.name(), first.node(), "the child is a Java process");
        assertEquals(Optional.of(first), java.node().whereis(Atom.of("java_counter")));
        assertEquals(List.of(sup), java.node().processInfo(first).orElseThrow().links(), "linked to the supervisor");
        assertEquals(Int.of(1), erl.eval("gen_server:call(%s, next).", first));
        assertEquals(Int.of(2), erl.eval("gen_server:call({java_counter, %s}, next).", java.name()));

        erl.eval("rpc_helper:catching(fun() -> gen_server:call(%s, crash) end).", first);
        assertTrue(Await.eventually(() -> erl.eval("java_child:child(%s).", sup) instanceof Pid p && !p.equals(first)),
                "restarted after the crash");
        Pid second = (Pid) erl.eval("java_child:child(%s).", sup);
        assertEquals(Int.of(1), erl.eval("gen_server:call(%s, next).", second), "a fresh server");

        try (Mailbox killer = java.node().mailbox()) {
            killer.exit(second, Atom.of("kill"));
        }
        assertTrue(Await.eventually(() -> erl.eval("java_child:child(%s).", sup) instanceof Pid p && !p.equals(second)),
                "restarted after a kill from Java");
        Pid third = (Pid) erl.eval("java_child:child(%s).", sup);

        assertEquals(Atom.OK, erl.eval("supervisor:terminate_child(%s, java).", sup));
        assertTrue(Await.eventually(() -> !java.node().isAlive(third)), "shut down by its supervisor");
        assertEquals(Atom.OK, ((Tuple) erl.eval("supervisor:restart_child(%s, java).", sup)).get(0));
        Pid fourth = (Pid) erl.eval("java_child:child(%s).", sup);
        erl.eval("exit(%s, shutdown).", sup);
        assertTrue(Await.eventually(() -> !java.node().isAlive(fourth)), "ended with its supervisor");
    }

    private Term builtin(String function, Term... args) {
        return erl("rpc_helper:erpc(%s, erlang, " + function + ", %s).", java.name(), ErlList.from(List.of(args)));
    }

    /** erpc's error for a BIF's badarg on a Java node: the BIF's own frame, as BEAM reports it. */
    private void assertBadarg(String function, Term... args) {
        Term frame = Tuple.of(Atom.of("erlang"), Atom.of(function), ErlList.from(List.of(args)),
                ErlList.of(Tuple.of(Atom.of("error_info"), new ErlMap(Map.of(Atom.of("module"), Atom.of("erl_erts_errors"))))));
        assertEquals(Tuple.of(Atom.ERROR, Tuple.of(EXCEPTION, Atom.of("badarg"), ErlList.of(frame))), builtin(function, args));
    }

    private static void assertErrorWithStackEndingIn(String function, Term reason, Term got) {
        Tuple error = assertInstanceOf(Tuple.class, got, () -> "an error, not " + got);
        assertEquals(Atom.ERROR, error.get(0), () -> "an error, not " + got);
        Tuple exception = assertInstanceOf(Tuple.class, error.get(1));
        assertEquals(EXCEPTION, exception.get(0));
        assertEquals(reason, exception.get(1));
        List<Term> stack = assertInstanceOf(ErlList.class, exception.get(2)).elements();
        assertEquals(Tuple.of(M, Atom.of(function), Int.of(1), Nil.NIL), stack.getLast(), () -> "the stack ends in the function: " + stack);
        assertTrue(stack.size() > 1, () -> "with the Java frames above it: " + stack);
    }
}
