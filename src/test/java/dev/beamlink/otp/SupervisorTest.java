package dev.beamlink.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Binary;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Down;
import dev.beamlink.node.Exit;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.Node;
import dev.beamlink.testing.Await;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A Java supervisor of Java children on one node: the Java API, starts that fail, nesting, and how it ends. */
class SupervisorTest {

    private static final Atom A = Atom.of("a");
    private static final Atom B = Atom.of("b");

    private Node node;
    private Mailbox me;

    @BeforeEach
    void newNode() {
        node = Node.create("sup_test@localhost");
        me = node.mailbox();
    }

    @AfterEach
    void closeNode() {
        node.close();
    }

    /** {@return the reason of the DOWN of {@code monitor}} (DOWNs from different processes come in no set order) */
    private dev.beamlink.etf.Term down(Ref monitor) {
        return me.receive(m -> m instanceof Down d && d.ref().equals(monitor) ? d.reason() : null, Await.PATIENCE)
                .orElseThrow(() -> new AssertionError("no DOWN of " + monitor));
    }

    private static ChildSpec counter(Atom id) {
        return ChildSpec.worker(id, Counter.start(id, null));
    }

    @Test
    void javaGenServerChildrenRestartAndTheJavaFunctionsAnswer() {
        Mailbox parent = node.mailbox();
        ServerRef sup = ServerRef.local(Atom.of("counters"));
        Pid supPid = Supervisor.startLink(parent, SupervisorFlags.DEFAULTS.withIntensity(3, 5), List.of(counter(A), counter(B)),
                StartOptions.DEFAULTS.local(Atom.of("counters"))).pid();
        List<ChildInfo> children = Supervisor.whichChildren(me, sup);
        assertEquals(List.of(B, A), children.stream().map(ChildInfo::id).toList(), "the newest first");
        assertEquals(ChildSpec.Type.WORKER, children.get(1).type());
        assertEquals(ErlList.of(Atom.of("Counter")), children.get(1).modules());
        Pid a = children.get(1).pid().orElseThrow();
        Pid b = children.get(0).pid().orElseThrow();
        assertEquals(List.of(supPid), node.processInfo(a).orElseThrow().links(), "linked to its supervisor");
        assertEquals(Int.of(1), GenServer.call(me, ServerRef.of(a), Atom.of("bump")));

        GenServer.cast(me, ServerRef.of(a), Atom.of("crash"));
        Await.until("a restarted", () -> Supervisor.whichChildren(me, sup).get(1).pid().filter(p -> !p.equals(a)).isPresent());
        assertEquals(Int.of(0), GenServer.call(me, ServerRef.of(Supervisor.whichChildren(me, sup).get(1).pid().orElseThrow()),
                Atom.of("get")), "a new server, from its init");
        assertEquals(b, Supervisor.whichChildren(me, sup).get(0).pid().orElseThrow(), "one_for_one: b untouched");
        assertEquals(new ChildCounts(2, 2, 0, 2), Supervisor.countChildren(me, sup));

        SupervisorState state = assertInstanceOf(SupervisorState.class, Sys.getState(me, sup));
        assertEquals(1, state.restarts().size());
        assertEquals(Tuple.of(Atom.of("local"), Atom.of("counters")), state.name());

        GenServer.stop(me, sup);
        assertFalse(node.isAlive(supPid));
        assertFalse(node.isAlive(b), "its children end with it");
    }

    @Test
    void theSupervisorEndsWithItsParentsReasonAfterItsChildren() {
        Mailbox parent = node.mailbox();
        Pid sup = Supervisor.startLink(parent, SupervisorFlags.DEFAULTS, List.of(counter(A))).pid();
        Pid a = Supervisor.whichChildren(me, ServerRef.of(sup)).getFirst().pid().orElseThrow();
        Ref watchSup = me.monitor(sup);
        Ref watchA = me.monitor(a);
        me.exit(sup, Atom.of("bye"));
        assertEquals(1, Supervisor.whichChildren(me, ServerRef.of(sup)).size(), "an exit signal from a stranger is ignored");
        parent.close();
        assertEquals(Atom.of("shutdown"), down(watchA));
        assertEquals(Atom.of("normal"), down(watchSup));
    }

    @Test
    void aStartThatThrowsFailsTheSupervisorsStartAfterTerminatingTheChildrenBeforeIt() {
        me.trapExit(true);
        ChildSpec failing = ChildSpec.worker(B, ChildStart.java("Failing", sup -> {
            throw new IllegalStateException("no");
        }));
        StartResult result = Supervisor.startLink(me, SupervisorFlags.DEFAULTS, List.of(counter(A), failing, counter(Atom.of("c"))));
        Tuple reason = (Tuple) assertInstanceOf(StartResult.Error.class, result).reason();
        assertEquals(Atom.of("shutdown"), reason.get(0));
        Tuple failure = (Tuple) reason.get(1);
        assertEquals(List.of(Atom.of("failed_to_start_child"), B), failure.elements().subList(0, 2));
        Tuple exit = (Tuple) failure.get(2);
        assertEquals(Atom.of("EXIT"), exit.get(0));
        assertEquals(Tuple.of(Atom.of("java.lang.IllegalStateException"), Binary.ofUtf8("no")), ((Tuple) exit.get(1)).get(0));
        Exit signal = (Exit) me.receive(Await.PATIENCE).orElseThrow();
        assertEquals(reason, signal.reason(), "the parent gets the supervisor's exit signal, as in OTP");
    }

    @Test
    void duplicateIdsAndATakenNameAreRefusedAsOtpRefusesThem() {
        me.trapExit(true);
        assertEquals(new StartResult.Error(Tuple.of(Atom.of("start_spec"), Tuple.of(Atom.of("duplicate_child_name"), A))),
                Supervisor.startLink(me, SupervisorFlags.DEFAULTS, List.of(counter(A), counter(A))));
        Pid first = Supervisor.startLink(me, SupervisorFlags.DEFAULTS, List.of(), StartOptions.DEFAULTS.local(Atom.of("taken"))).pid();
        assertEquals(new StartResult.Error(Tuple.of(Atom.of("already_started"), first)),
                Supervisor.startLink(me, SupervisorFlags.DEFAULTS, List.of(), StartOptions.DEFAULTS.local(Atom.of("taken"))));
    }

    @Test
    void anErlangStartFunctionCannotRunHereAndSaysSoAsAMissingModuleWould() {
        Pid sup = Supervisor.startLink(me, SupervisorFlags.DEFAULTS, List.of()).pid();
        ChildSpec erlang = ChildSpec.worker(A, ChildStart.mfa(Atom.of("my_worker"), Atom.of("start_link"), List.of(Int.of(1))));
        StartResult result = Supervisor.startChild(me, ServerRef.of(sup), erlang);
        Tuple undef = Tuple.of(Atom.of("EXIT"), Tuple.of(Atom.of("undef"),
                ErlList.of(Tuple.of(Atom.of("my_worker"), Atom.of("start_link"), ErlList.of(Int.of(1)), ErlList.from(List.of())))));
        Tuple child = SupervisorChild.stopped(erlang).toRecord();
        assertEquals(new StartResult.Error(Tuple.of(undef, child)), result);
        assertEquals(Tuple.of(Atom.of("child"), Atom.UNDEFINED, A, Tuple.of(Atom.of("my_worker"), Atom.of("start_link"),
                ErlList.of(Int.of(1))), Atom.of("permanent"), Atom.FALSE, Int.of(5000), Atom.of("worker"),
                ErlList.of(Atom.of("my_worker"))), child);
    }

    @Test
    void aCallNoSupervisorTakesCrashesItAsOtpsCrashes() {
        me.trapExit(true);
        Pid sup = Supervisor.startLink(me, SupervisorFlags.DEFAULTS, List.of(counter(A))).pid();
        Pid a = Supervisor.whichChildren(me, ServerRef.of(sup)).getFirst().pid().orElseThrow();
        CallExit exit = assertThrows(CallExit.class, () -> GenServer.call(me, ServerRef.of(sup), Atom.of("hello")));
        assertEquals(Atom.of("function_clause"), ((Tuple) exit.callReason()).get(0));
        assertFalse(node.isAlive(a), "its children were terminated");
    }

    @Test
    void aSupervisorUnderASupervisorIsShutDownWithItsOwnChildren() {
        SupervisorFlags flags = SupervisorFlags.DEFAULTS.withStrategy(SupervisorFlags.Strategy.ONE_FOR_ALL);
        ChildSpec nested = ChildSpec.supervisor(B, ChildStart.java("Nested", sup -> Supervisor.startLink(sup, flags, List.of(counter(A)))));
        Mailbox parent = node.mailbox();
        Pid top = Supervisor.startLink(parent, SupervisorFlags.DEFAULTS, List.of(counter(Atom.of("c")), nested)).pid();
        assertEquals(new ChildCounts(2, 2, 1, 1), Supervisor.countChildren(me, ServerRef.of(top)));
        Pid inner = Supervisor.whichChildren(me, ServerRef.of(top)).getFirst().pid().orElseThrow();
        Pid a = Supervisor.whichChildren(me, ServerRef.of(inner)).getFirst().pid().orElseThrow();
        Ref watchA = me.monitor(a);
        Ref watchInner = me.monitor(inner);
        Ref watchTop = me.monitor(top);
        me.exit(parent.self(), Atom.of("stop"));
        assertEquals(Atom.of("stop"), down(watchTop), "the parent's reason");
        assertEquals(Atom.of("shutdown"), down(watchInner));
        assertEquals(Atom.of("shutdown"), down(watchA));
    }

    @Test
    void aChildThatIgnoresItsShutdownIsKilledWhenItsTimeRunsOut() {
        ChildSpec stubborn = ChildSpec.worker(A, ChildStart.java("Stubborn", sup -> new StartResult.Ok(sup.spawnLink(self -> {
            self.trapExit(true);
            while (true) {
                self.receive();
            }
        }), null))).withShutdown(ChildSpec.Shutdown.after(Duration.ofMillis(200)));
        Pid sup = Supervisor.startLink(me, SupervisorFlags.DEFAULTS, List.of(stubborn)).pid();
        Pid a = Supervisor.whichChildren(me, ServerRef.of(sup)).getFirst().pid().orElseThrow();
        Ref watch = me.monitor(a);
        long asked = System.nanoTime();
        assertEquals(java.util.Optional.empty(), Supervisor.terminateChild(me, ServerRef.of(sup), A));
        assertTrue(System.nanoTime() - asked >= Duration.ofMillis(200).toNanos(), "not before its 200 ms");
        assertEquals(Atom.of("killed"), down(watch));
        assertEquals(Atom.UNDEFINED, Supervisor.whichChildren(me, ServerRef.of(sup)).getFirst().child(), "kept, not running");
    }
}
