package dev.beamlink.interop.otp;

import static dev.beamlink.dist.ErlSide.eval;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.ErlMap;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Mailbox;
import dev.beamlink.otp.ChildCounts;
import dev.beamlink.otp.ChildInfo;
import dev.beamlink.otp.ChildSpec;
import dev.beamlink.otp.ChildStart;
import dev.beamlink.otp.GenServer;
import dev.beamlink.otp.ServerRef;
import dev.beamlink.otp.StartOptions;
import dev.beamlink.otp.StartResult;
import dev.beamlink.otp.Supervisor;
import dev.beamlink.testing.ErlNode;
import dev.beamlink.testing.junit.Beamlink;
import dev.beamlink.testing.junit.Erl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Each supervisor rule as a scenario run twice on a live erl, driven by the same Erlang code
 * ({@code supervisor_scenarios.erl}): under OTP's own supervisor with erl workers, and under a Java supervisor with Java
 * workers; the outcomes (what each child saw and when, what the supervisor answered, how it ended) must be the same.
 */
@Tag("interop")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SupervisorScenariosInteropTest {

    @Erl(name = "sup_scenarios")
    private static ErlNode erl;
    @Beamlink(name = "sup_java", connect = false)
    private static DistributedNode java;

    @Test
    void pastItsIntensityASupervisorTerminatesTheOthersInReverseStartOrderAndEndsWithShutdown() throws Exception {
        Tuple outcome = sameOutcome("intensity");
        assertEquals(Tuple.of(Atom.of("sup_down"), Atom.of("shutdown")), outcome.get(0));
    }

    @Test
    void shutdownGoesInReverseStartOrderAndKillsAChildThatIgnoresItWhenItsTimeRunsOut() throws Exception {
        Tuple outcome = sameOutcome("shutdown");
        assertEquals(Tuple.of(Atom.of("sup_down"), Tuple.of(Atom.of("shutdown"), Atom.of("bye"))), outcome.get(0),
                "the supervisor ends with its parent's reason");
        assertEquals(Tuple.of(Atom.of("waited_for_b_300_ms"), Atom.TRUE), outcome.get(2));
    }

    @Test
    void restForOneRestartsTheChildAndThoseStartedAfterIt() throws Exception {
        sameOutcome("rest_for_one");
    }

    @Test
    void restForOneTriesAgainFromTheChildWhoseRestartFailed() throws Exception {
        sameOutcome("rest_for_one_failed");
    }

    @Test
    void oneForAllRestartsEveryChildAndForgetsATemporaryOne() throws Exception {
        sameOutcome("one_for_all");
    }

    @Test
    void permanentTransientAndTemporaryChildrenOnNormalShutdownAndAbnormalExits() throws Exception {
        sameOutcome("restart_types");
    }

    @Test
    void aFailedRestartIsTriedAgainAndCountsAgainstTheIntensity() throws Exception {
        sameOutcome("failed_restart");
        Tuple forever = sameOutcome("failed_restart_forever");
        assertEquals(Tuple.of(Atom.of("sup_down"), Atom.of("shutdown")), forever.get(0));
    }

    @Test
    void aChildThatCannotStartFailsTheSupervisorsStartAfterTheOthersAreTerminated() throws Exception {
        Tuple outcome = sameOutcome("init_failure");
        assertEquals(Atom.ERROR, ((Tuple) outcome.get(0)).get(0));
    }

    @Test
    void anExitSignalFromAStrangerIsIgnoredAndTheParentsEndsTheSupervisor() throws Exception {
        Tuple outcome = sameOutcome("stranger_exit");
        assertEquals(Tuple.of(Atom.of("sup_down"), Atom.of("normal")), outcome.get(1));
    }

    @Test
    void dynamicChildrenThroughTheJavaApiAnswerAsOtpsSupervisorDoes() throws Exception {
        for (String steps : List.of("dynamic", "dynamic_starts")) {
            Term otp = eval(erl, "supervisor_scenarios:dynamic_otp(" + steps + ").");
            Pid rec = (Pid) eval(erl, "supervisor_scenarios:recorder().");
            Pid sup = startJava("dynamic", rec).supervisor();
            try (Mailbox me = java.node().mailbox()) {
                List<Term> answers = steps.equals("dynamic") ? dynamicSteps(me, ServerRef.of(sup), rec) : dynamicStarts(me, ServerRef.of(sup), rec);
                Term ours = eval(erl, "supervisor_scenarios:normalize({%s, supervisor_scenarios:finish(%s, %s)}).",
                        ErlList.from(answers), rec, dev.beamlink.etf.Int.of(steps.equals("dynamic") ? 7 : 5));
                assertEquals(otp, ours, () -> steps + "\nOTP's supervisor: " + otp + "\nours: " + ours);
            }
        }
    }

    @Test
    void erlsSupervisorFunctionsOnAJavaSupervisorAnswerAsOnOtpsOwn() throws Exception {
        Term otp = eval(erl, "supervisor_scenarios:dynamic_otp(dynamic).");
        Pid rec = (Pid) eval(erl, "supervisor_scenarios:recorder().");
        Pid sup = startJava("dynamic", rec).supervisor();
        Term ours = eval(erl, "supervisor_scenarios:dynamic(%s, %s, fun(Id, Kind) -> supervisor_scenarios:remote_spec(%s, Id, Kind) end).",
                sup, rec, rec);
        assertEquals(otp, ours, () -> "OTP's supervisor: " + otp + "\nours: " + ours);
    }

    // ---------------------------------------------------------------- running a scenario twice

    /** {@return the outcome of {@code scenario}, once it is the same under OTP's supervisor and ours} */
    private Tuple sameOutcome(String scenario) throws Exception {
        Term otp = eval(erl, "supervisor_scenarios:run_otp(" + scenario + ").");
        Term ours = ours(scenario);
        assertEquals(otp, ours, () -> scenario + "\nOTP's supervisor: " + otp + "\nours: " + ours);
        return assertInstanceOf(Tuple.class, ours);
    }

    private Term ours(String scenario) throws Exception {
        Atom name = Atom.of(scenario);
        Pid rec = (Pid) eval(erl, "supervisor_scenarios:recorder().");
        eval(erl, "supervisor_scenarios:prepare(%s, %s).", name, rec);
        ScenarioWorkers.Parent parent = startJava(scenario, rec);
        if (parent.result() instanceof StartResult.Ok ok) {
            return eval(erl, "supervisor_scenarios:run(%s, %s, %s, %s).", name, ok.pid(), parent.pid(), rec);
        }
        return eval(erl, "supervisor_scenarios:run_failed_start(%s, %s, %s).", name, parent.result().toTerm(), rec);
    }

    private ScenarioWorkers.Parent startJava(String scenario, Pid rec) throws Exception {
        Term config = eval(erl, "supervisor_scenarios:config(%s).", Atom.of(scenario));
        return ScenarioWorkers.startParent(java.node(), ScenarioWorkers.flags(config), ScenarioWorkers.children(config, rec),
                StartOptions.DEFAULTS);
    }

    // ---------------------------------------------------------------- supervisor_scenarios:dynamic/3 in Java

    private static ChildSpec spec(Pid rec, String id, ChildSpec.Restart restart, ChildSpec.Type type) {
        ChildStart start = ScenarioWorkers.start(Atom.of(id), rec, Atom.of("plain"));
        ChildSpec spec = type == ChildSpec.Type.WORKER ? ChildSpec.worker(Atom.of(id), start) : ChildSpec.supervisor(Atom.of(id), start);
        return spec.withRestart(restart);
    }

    /** The steps of supervisor_scenarios:dynamic/3, through {@link Supervisor}'s functions where it has them. */
    private static List<Term> dynamicSteps(Mailbox me, ServerRef sup, Pid rec) {
        ChildSpec x = spec(rec, "x", ChildSpec.Restart.PERMANENT, ChildSpec.Type.WORKER);
        Term q = Atom.of("q");
        ErlMap validQ = spec(rec, "q", ChildSpec.Restart.PERMANENT, ChildSpec.Type.WORKER).toTerm();
        Steps steps = new Steps();
        steps.add("start_x", () -> started(Supervisor.startChild(me, sup, x)));
        steps.add("start_x_again", () -> started(Supervisor.startChild(me, sup, x)));
        steps.add("restart_running", () -> started(Supervisor.restartChild(me, sup, Atom.of("x"))));
        steps.add("delete_running", () -> done(Supervisor.deleteChild(me, sup, Atom.of("x"))));
        steps.add("terminate_x", () -> done(Supervisor.terminateChild(me, sup, Atom.of("x"))));
        steps.add("terminate_x_again", () -> done(Supervisor.terminateChild(me, sup, Atom.of("x"))));
        steps.add("start_x_present", () -> started(Supervisor.startChild(me, sup, x)));
        steps.add("which_stopped", () -> children(Supervisor.whichChildren(me, sup)));
        steps.add("restart_x", () -> started(Supervisor.restartChild(me, sup, Atom.of("x"))));
        steps.add("start_y_temporary", () -> started(Supervisor.startChild(me, sup,
                spec(rec, "y", ChildSpec.Restart.TEMPORARY, ChildSpec.Type.WORKER))));
        steps.add("terminate_y", () -> done(Supervisor.terminateChild(me, sup, Atom.of("y"))));
        steps.add("restart_y_gone", () -> started(Supervisor.restartChild(me, sup, Atom.of("y"))));
        steps.add("terminate_by_pid", () -> done(Supervisor.terminateChild(me, sup,
                Supervisor.whichChildren(me, sup).getFirst().child())));
        steps.add("start_z_supervisor", () -> started(Supervisor.startChild(me, sup,
                spec(rec, "z", ChildSpec.Restart.TRANSIENT, ChildSpec.Type.SUPERVISOR))));
        steps.add("count", () -> counts(Supervisor.countChildren(me, sup)));
        steps.add("childspec_x", () -> (Term) GenServer.call(me, sup, Tuple.of(Atom.of("get_childspec"), Atom.of("x"))));
        steps.add("childspec_none", () -> (Term) GenServer.call(me, sup, Tuple.of(Atom.of("get_childspec"), Atom.of("nope"))));
        steps.add("bad_mfa", () -> startTerm(me, sup, new ErlMap(Map.of(Atom.of("id"), q, Atom.of("start"), Atom.of("bad")))));
        steps.add("bad_spec", () -> startTerm(me, sup, Tuple.of(q)));
        steps.add("no_id", () -> startTerm(me, sup, new ErlMap(Map.of(Atom.of("start"),
                Tuple.of(Atom.of("m"), Atom.of("f"), ErlList.from(List.of()))))));
        steps.add("bad_restart", () -> startTerm(me, sup, with(validQ, "restart", Atom.of("often"))));
        steps.add("bad_shutdown", () -> startTerm(me, sup, with(validQ, "shutdown", dev.beamlink.etf.Int.of(-1))));
        steps.add("significant", () -> startTerm(me, sup, with(with(validQ, "restart", Atom.of("transient")), "significant", Atom.TRUE)));
        steps.add("bad_significant", () -> startTerm(me, sup, with(validQ, "significant", Atom.of("sometimes"))));
        steps.add("bad_type", () -> startTerm(me, sup, with(validQ, "type", Atom.of("boss"))));
        steps.add("bad_modules", () -> startTerm(me, sup, with(validQ, "modules", Atom.of("foo"))));
        steps.add("bad_module", () -> startTerm(me, sup, with(validQ, "modules", ErlList.of(Atom.of("a"), dev.beamlink.etf.Int.of(1)))));
        steps.add("no_start", () -> startTerm(me, sup, new ErlMap(Map.of(Atom.of("id"), q))));
        steps.add("terminate_x_last", () -> done(Supervisor.terminateChild(me, sup, Atom.of("x"))));
        steps.add("delete_x", () -> done(Supervisor.deleteChild(me, sup, Atom.of("x"))));
        steps.add("delete_x_gone", () -> done(Supervisor.deleteChild(me, sup, Atom.of("x"))));
        steps.add("restart_none", () -> started(Supervisor.restartChild(me, sup, Atom.of("nope"))));
        steps.add("terminate_none", () -> done(Supervisor.terminateChild(me, sup, Atom.of("nope"))));
        steps.add("which_end", () -> children(Supervisor.whichChildren(me, sup)));
        return steps.answers;
    }

    /** The steps of supervisor_scenarios:dynamic_starts/3 (the recorder makes these starts fail or ignore). */
    private List<Term> dynamicStarts(Mailbox me, ServerRef sup, Pid rec) {
        eval(erl, "supervisor_scenarios:policy(%s, f, [{error, nope}]).", rec);
        eval(erl, "supervisor_scenarios:policy(%s, g, [ignore, {error, again}]).", rec);
        eval(erl, "supervisor_scenarios:policy(%s, h, [ignore]).", rec);
        Steps steps = new Steps();
        steps.add("start_failing", () -> started(Supervisor.startChild(me, sup,
                spec(rec, "f", ChildSpec.Restart.PERMANENT, ChildSpec.Type.WORKER))));
        steps.add("start_ignoring", () -> started(Supervisor.startChild(me, sup,
                spec(rec, "g", ChildSpec.Restart.PERMANENT, ChildSpec.Type.WORKER))));
        steps.add("start_ignoring_temporary", () -> started(Supervisor.startChild(me, sup,
                spec(rec, "h", ChildSpec.Restart.TEMPORARY, ChildSpec.Type.WORKER))));
        steps.add("restart_failing", () -> started(Supervisor.restartChild(me, sup, Atom.of("g"))));
        steps.add("restart_succeeding", () -> started(Supervisor.restartChild(me, sup, Atom.of("g"))));
        steps.add("which", () -> children(Supervisor.whichChildren(me, sup)));
        steps.add("count", () -> counts(Supervisor.countChildren(me, sup)));
        return steps.answers;
    }

    /** Named answers, {@code [{Step, Answer}]}, as supervisor_scenarios keeps them. */
    private static final class Steps {
        final List<Term> answers = new ArrayList<>();

        void add(String name, Supplier<Term> step) {
            answers.add(Tuple.of(Atom.of(name), step.get()));
        }
    }

    private static ErlMap with(ErlMap map, String key, Term value) {
        Map<Term, Term> changed = new java.util.LinkedHashMap<>(map.entries());
        changed.put(Atom.of(key), value);
        return new ErlMap(changed);
    }

    private static Term startTerm(Mailbox me, ServerRef sup, Term spec) {
        return (Term) GenServer.call(me, sup, Tuple.of(Atom.of("start_child"), spec));
    }

    /** {@return a start's answer as OTP writes it: {@code ignore} is {@code {ok, undefined}} from a supervisor} */
    private static Term started(StartResult result) {
        return result instanceof StartResult.Ignore ? Tuple.of(Atom.OK, Atom.UNDEFINED) : result.toTerm();
    }

    private static Term done(Optional<Term> error) {
        return error.<Term>map(e -> Tuple.of(Atom.ERROR, e)).orElse(Atom.OK);
    }

    private static Term children(List<ChildInfo> children) {
        return ErlList.from(children.stream().map(c -> (Term) Tuple.of(c.id(), c.child(), c.type().atom(), c.modules())).toList());
    }

    private static Term counts(ChildCounts counts) {
        return ErlList.of(Tuple.of(Atom.of("specs"), dev.beamlink.etf.Int.of(counts.specs())),
                Tuple.of(Atom.of("active"), dev.beamlink.etf.Int.of(counts.active())),
                Tuple.of(Atom.of("supervisors"), dev.beamlink.etf.Int.of(counts.supervisors())),
                Tuple.of(Atom.of("workers"), dev.beamlink.etf.Int.of(counts.workers())));
    }
}
