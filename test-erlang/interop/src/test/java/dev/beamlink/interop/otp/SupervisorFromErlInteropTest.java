package dev.beamlink.interop.otp;

import static dev.beamlink.dist.ErlSide.eval;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Mailbox;
import dev.beamlink.otp.ChildInfo;
import dev.beamlink.otp.ChildSpec;
import dev.beamlink.otp.ChildStart;
import dev.beamlink.otp.Counter;
import dev.beamlink.otp.GenServer;
import dev.beamlink.otp.ServerRef;
import dev.beamlink.otp.StartOptions;
import dev.beamlink.otp.Supervisor;
import dev.beamlink.otp.SupervisorFlags;
import dev.beamlink.testing.Await;
import dev.beamlink.testing.ErlNode;
import dev.beamlink.testing.junit.Beamlink;
import dev.beamlink.testing.junit.Erl;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A Java supervisor as erl sees it: OTP's {@code supervisor} and {@code sys} functions on it by {@code {Name, Node}},
 * a Java GenServer and an erl process (started by a remote spawn_link) side by side under it, and child specs given
 * from erl.
 */
@Tag("interop")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SupervisorFromErlInteropTest {

    private static final Atom MODULE = ScenarioWorkers.MODULE;

    @Erl(name = "sup_from_erl")
    private static ErlNode erl;
    @Beamlink(name = "sup_java", connect = false)
    private static DistributedNode java;
    private Atom javaName;

    @BeforeAll
    void startNodes() {
        javaName = java.node().name();
    }

    /**
     * {@return a Java supervisor registered as {@code name}, intensity 5 in 10 s, over a Java counter and an erl worker
     * (remote_worker of supervisor_scenarios, trapping exits), both reporting to {@code rec}}
     */
    private ScenarioWorkers.Parent startMixedSupervisor(String name, Pid rec) throws Exception {
        Atom counter = Atom.of("counter");
        Atom erlWorker = Atom.of("erl_worker");
        return ScenarioWorkers.startParent(java.node(), SupervisorFlags.DEFAULTS.withIntensity(5, 10),
                List.of(ChildSpec.worker(counter, Counter.start(counter, rec)),
                        ChildSpec.worker(erlWorker, ChildStart.remote(Atom.of(erl.nodeName()), MODULE, Atom.of("remote_worker"),
                                List.of(erlWorker, rec, Atom.of("trap"))))),
                StartOptions.DEFAULTS.local(Atom.of(name)));
    }

    @Test
    void aJavaGenServerAndAnErlProcessSideBySideUnderAJavaSupervisor() throws Exception {
        Pid rec = (Pid) eval(erl, "supervisor_scenarios:recorder().");
        Atom counter = Atom.of("counter");
        Atom erlWorker = Atom.of("erl_worker");
        ScenarioWorkers.Parent parent = startMixedSupervisor("mixed_sup", rec);
        Pid sup = parent.supervisor();
        Tuple ref = Tuple.of(Atom.of("mixed_sup"), javaName);

        List<Term> children = ((ErlList) eval(erl, "supervisor:which_children(%s).", ref)).elements();
        Tuple erlChild = (Tuple) children.get(0);
        Tuple javaChild = (Tuple) children.get(1);
        assertEquals(List.of(erlWorker, Atom.of("worker"), ErlList.of(MODULE)),
                List.of(erlChild.get(0), erlChild.get(2), erlChild.get(3)), "the newest first: " + children);
        assertEquals(Atom.of(erl.nodeName()), ((Pid) erlChild.get(1)).node());
        assertEquals(List.of(counter, Atom.of("worker"), ErlList.of(Atom.of("Counter"))),
                List.of(javaChild.get(0), javaChild.get(2), javaChild.get(3)));
        assertEquals(javaName, ((Pid) javaChild.get(1)).node());
        assertEquals(eval(erl, "[{specs, 2}, {active, 2}, {supervisors, 0}, {workers, 2}]."),
                eval(erl, "supervisor:count_children(%s).", ref));
        assertEquals(Int.of(1), eval(erl, "gen_server:call(%s, bump).", javaChild.get(1)), "erl calls the Java child");

        eval(erl, "exit(%s, kill).", erlChild.get(1));
        Pid newErlChild = awaitNewPid(sup, erlWorker, erlChild.get(1));
        assertEquals(Atom.of(erl.nodeName()), newErlChild.node(), "restarted on its node");
        try (Mailbox me = java.node().mailbox()) {
            GenServer.cast(me, ServerRef.of((Pid) javaChild.get(1)), Atom.of("crash"));
        }
        awaitNewPid(sup, counter, javaChild.get(1));

        assertEquals(Atom.of(Supervisor.class.getName()), eval(erl, "supervisor:get_callback_module(%s).", sup));
        assertEquals(Atom.of("gen_server"), eval(erl, "{status, _, {module, M}, _} = sys:get_status(%s), M.", ref));

        eval(erl, "%s ! {stop, shutdown}.", parent.pid());
        Term events = eval(erl, "supervisor_scenarios:finish(%s, 6).", rec);
        // started erl_worker, started erl_worker (restart), then the shutdown in reverse start order
        assertEquals(eval(erl, "[{started, erl_worker}, {started, erl_worker}, {signal, erl_worker, shutdown},"
                + " {signal, counter, shutdown}]."), ((Tuple) events).get(0), events::toString);
        assertEquals(eval(erl, "[{erl_worker, [killed, shutdown]}]."), ((Tuple) events).get(1), events::toString);
    }

    @Test
    void erlReadsAJavaSupervisorsStateWithSys() throws Exception {
        ScenarioWorkers.Parent parent = startMixedSupervisor("state_sup",
                (Pid) eval(erl, "supervisor_scenarios:recorder()."));
        Tuple state = (Tuple) eval(erl, "sys:get_state(%s).", Tuple.of(Atom.of("state_sup"), javaName));
        assertEquals(List.of(Atom.of("state"), Tuple.of(Atom.of("local"), Atom.of("state_sup")), Atom.of("one_for_one")),
                state.elements().subList(0, 3));
        assertEquals(ErlList.of(Atom.of("erl_worker"), Atom.of("counter")), ((Tuple) state.get(3)).get(0),
                "the children's ids, newest first");
        assertEquals(List.of(Int.of(5), Int.of(10)), state.elements().subList(5, 7));
        eval(erl, "%s ! {stop, shutdown}.", parent.pid());
        Await.until("the supervisor stops", () -> !java.node().isAlive(parent.supervisor()));
    }

    @Test
    void erlStartsAndTerminatesChildrenOfAJavaSupervisor() throws Exception {
        Pid rec = (Pid) eval(erl, "supervisor_scenarios:recorder().");
        Pid sup = ScenarioWorkers.startParent(java.node(), SupervisorFlags.DEFAULTS, List.of(), StartOptions.DEFAULTS).supervisor();
        Tuple started = assertInstanceOf(Tuple.class, eval(erl, "supervisor:start_child(%s, {t, {erlang, spawn_link,"
                + " [node(), supervisor_scenarios, remote_worker, [t, %s, plain]]}, temporary, brutal_kill, worker, dynamic}).",
                sup, rec));
        assertEquals(Atom.OK, started.get(0), started::toString);
        Pid child = (Pid) started.get(1);
        assertEquals(Atom.of(erl.nodeName()), child.node());
        assertEquals(eval(erl, "[{t, %s, worker, dynamic}].", child), eval(erl, "supervisor:which_children(%s).", sup));
        Tuple spec = (Tuple) eval(erl, "supervisor:get_childspec(%s, t).", sup);
        assertEquals(eval(erl, "{ok, #{id => t, start => {erlang, spawn_link, [node(), supervisor_scenarios, remote_worker,"
                + " [t, %s, plain]]}, restart => temporary, significant => false, shutdown => brutal_kill, type => worker,"
                + " modules => dynamic}}.", rec), spec);
        assertEquals(Atom.OK, eval(erl, "supervisor:terminate_child(%s, t).", sup));
        assertEquals(eval(erl, "{[{started, t}], [{t, [killed]}]}."), eval(erl, "supervisor_scenarios:finish(%s, 2).", rec));
        assertEquals(eval(erl, "[]."), eval(erl, "supervisor:which_children(%s).", sup), "a temporary child is forgotten");
    }

    @Test
    void aStartThatOnlyErlangCanApplyAnswersAsAStartWhoseModuleIsMissing() throws Exception {
        String spec = "#{id => u, start => {no_such_module, start_link, [1]}}";
        Term otp = eval(erl, "Rec = supervisor_scenarios:recorder(),"
                + " {_, {ok, Sup}} = supervisor_scenarios:start_parent(supervisor_scenarios:config(dynamic), Rec),"
                + " supervisor:start_child(Sup, " + spec + ").");
        Pid sup = ScenarioWorkers.startParent(java.node(), SupervisorFlags.DEFAULTS, List.of(), StartOptions.DEFAULTS).supervisor();
        Term ours = eval(erl, "supervisor:start_child(%s, " + spec + ").", sup);
        assertEquals(firstFrame(otp), ours, () -> "OTP's supervisor: " + otp);
        assertNotEquals(otp, ours, "OTP's stack goes on into supervisor.erl");
        assertEquals(eval(erl, "[]."), eval(erl, "supervisor:which_children(%s).", sup));
    }

    /** {@code {error, {{'EXIT', {undef, [Frame | _]}}, Child}}} with the stack cut after its first frame. */
    private static Term firstFrame(Term answer) {
        Tuple error = (Tuple) ((Tuple) answer).get(1);
        Tuple exit = (Tuple) error.get(0);
        Tuple undef = (Tuple) exit.get(1);
        Term frame = ((ErlList) undef.get(1)).elements().getFirst();
        return Tuple.of(Atom.ERROR, Tuple.of(Tuple.of(exit.get(0), Tuple.of(undef.get(0), ErlList.of(frame))), error.get(1)));
    }

    private Pid awaitNewPid(Pid sup, Atom id, Term old) {
        try (Mailbox me = java.node().mailbox()) {
            Pid[] now = new Pid[1];
            Await.until(() -> id + " restarted, not " + old, () -> {
                now[0] = Supervisor.whichChildren(me, ServerRef.of(sup)).stream()
                        .filter(c -> c.id().equals(id)).findFirst().flatMap(ChildInfo::pid).orElse(null);
                return now[0] != null && !now[0].equals(old);
            });
            return now[0];
        }
    }
}
