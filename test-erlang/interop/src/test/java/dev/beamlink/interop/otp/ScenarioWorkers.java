package dev.beamlink.interop.otp;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.ErlMap;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Exit;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.Node;
import dev.beamlink.node.ProcessBody;
import dev.beamlink.otp.ChildSpec;
import dev.beamlink.otp.ChildStart;
import dev.beamlink.otp.StartOptions;
import dev.beamlink.otp.StartResult;
import dev.beamlink.otp.Supervisor;
import dev.beamlink.otp.SupervisorFlags;
import dev.beamlink.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Java side of {@code test-erlang/src/main/erlang/supervisor_scenarios.erl}: the same workers, start functions and
 * parent as Java processes, reporting to the same erl recorder, so that a Java supervisor runs a scenario as OTP's runs
 * it. A scenario's flags and children are read from the module's {@code config/1}.
 */
final class ScenarioWorkers {

    static final Atom MODULE = Atom.of("supervisor_scenarios");
    private static final Atom PLAIN = Atom.of("plain");
    private static final Atom STUBBORN = Atom.of("stubborn");
    private static final Atom REMOTE = Atom.of("remote");
    private static final Atom STOP = Atom.of("stop");
    private static final Atom EXIT = Atom.of("exit");

    private ScenarioWorkers() {
    }

    /** {@return the flags of {@code config}: {@code {#{strategy, intensity, period}, Children}}} */
    static SupervisorFlags flags(Term config) {
        ErlMap flags = (ErlMap) ((Tuple) config).get(0);
        SupervisorFlags.Strategy strategy = SupervisorFlags.Strategy.valueOf(
                ((Atom) flags.get(Atom.of("strategy"))).text().toUpperCase(java.util.Locale.ROOT));
        return new SupervisorFlags(strategy, ((Int) flags.get(Atom.of("intensity"))).intValue(),
                ((Int) flags.get(Atom.of("period"))).intValue());
    }

    /** {@return the children of {@code config}, {@code [{Id, Restart, Shutdown, Type, Mode}]}, reporting to {@code rec}} */
    static List<ChildSpec> children(Term config, Pid rec) {
        List<ChildSpec> specs = new ArrayList<>();
        Term list = ((Tuple) config).get(1);
        for (Term entry : list instanceof ErlList children ? children.elements() : List.<Term>of()) {
            Tuple child = (Tuple) entry;
            Term id = child.get(0);
            ChildStart start = child.get(4) instanceof Tuple remote && remote.isTagged(REMOTE, 3)
                    ? ChildStart.remote((Atom) remote.get(1), MODULE, Atom.of("remote_worker"), List.of(id, rec, remote.get(2)))
                    : start(id, rec, (Atom) child.get(4));
            ChildSpec.Type type = ChildSpec.Type.valueOf(((Atom) child.get(3)).text().toUpperCase(java.util.Locale.ROOT));
            ChildSpec spec = type == ChildSpec.Type.WORKER ? ChildSpec.worker(id, start) : ChildSpec.supervisor(id, start);
            specs.add(spec.withRestart(ChildSpec.Restart.valueOf(((Atom) child.get(1)).text().toUpperCase(java.util.Locale.ROOT)))
                    .withShutdown(shutdown(child.get(2))));
        }
        return specs;
    }

    private static ChildSpec.Shutdown shutdown(Term term) {
        return switch (term) {
            case Int(long millis) -> ChildSpec.Shutdown.after(Duration.ofMillis(millis));
            case Atom a when a.text().equals("brutal_kill") -> ChildSpec.Shutdown.BRUTAL_KILL;
            default -> ChildSpec.Shutdown.INFINITY;
        };
    }

    /**
     * {@return supervisor_scenarios:start_worker/3 in Java}: asks the recorder whether to start, starts a worker linked
     * to the supervisor, and lets the recorder monitor it before the supervisor goes on.
     */
    static ChildStart start(Term id, Pid rec, Atom mode) {
        return ChildStart.java("ScenarioWorker", sup -> {
            sup.send(rec, Tuple.of(Atom.of("starting"), id, sup.self()));
            Term decision = await(sup, m -> m instanceof Tuple t && t.isTagged(Atom.of("start_decision"), 3)
                    && t.get(1).equals(id) ? t.get(2) : null);
            if (decision.equals(Atom.OK)) {
                Pid pid = sup.spawnLink(worker(id, rec, mode, sup.self()));
                // As a BEAM process runs its first reductions at once: the worker traps exits (or not) before the
                // supervisor goes on, so that an exit signal the supervisor sends it next finds its flag set.
                await(sup, m -> m instanceof Tuple t && t.isTagged(Atom.of("worker_ready"), 2) && t.get(1).equals(pid) ? t : null);
                sup.send(rec, Tuple.of(Atom.of("started"), id, pid, sup.self()));
                await(sup, m -> m instanceof Tuple t && t.isTagged(Atom.of("monitoring"), 2) && t.get(1).equals(pid) ? t : null);
                return new StartResult.Ok(pid, null);
            }
            return decision.equals(Atom.of("ignore")) ? new StartResult.Ignore() : new StartResult.Error(((Tuple) decision).get(1));
        });
    }

    private static <R> R await(Mailbox self, dev.beamlink.node.MessagePattern<R> pattern) {
        return self.receive(pattern, Await.PATIENCE).orElseThrow(() -> new IllegalStateException("the recorder did not answer"));
    }

    /** {@return supervisor_scenarios:worker/3 in Java, which tells {@code starter} once its trap_exit flag is set} */
    static ProcessBody worker(Term id, Pid rec, Atom mode, Pid starter) {
        return self -> {
            self.trapExit(!mode.equals(PLAIN));
            self.send(starter, Tuple.of(Atom.of("worker_ready"), self.self()));
            while (true) {
                switch (self.receive()) {
                    case Exit(Pid from, Term reason) -> {
                        self.send(rec, Tuple.of(Atom.of("signal"), id, reason));
                        if (!mode.equals(STUBBORN)) {
                            throw self.exit(reason);
                        }
                    }
                    case Tuple t when t.isTagged(EXIT, 2) -> {
                        self.send(rec, Tuple.of(Atom.of("exiting"), id, t.get(1)));
                        throw self.exit(t.get(1));
                    }
                    default -> {
                    }
                }
            }
        };
    }

    /** A parent and what starting its supervisor gave. */
    record Parent(Pid pid, StartResult result) {
        Pid supervisor() {
            return result.pid();
        }
    }

    /** Ends {@code parent} with {@code reason} and waits for its supervisor's end. {@return the supervisor's reason} */
    static Term stop(Node node, Parent parent, Term reason) {
        try (Mailbox me = node.mailbox()) {
            dev.beamlink.etf.Ref watch = me.monitor(parent.supervisor());
            me.send(parent.pid(), Tuple.of(STOP, reason));
            return me.receive(m -> m instanceof dev.beamlink.node.Down d && d.ref().equals(watch) ? d.reason() : null,
                    Await.PATIENCE).orElseThrow(() -> new AssertionError("the supervisor did not end"));
        }
    }

    /**
     * {@return supervisor_scenarios:start_parent/2 in Java}: a process (trapping exits) that starts the supervisor
     * linked to it and ends with {@code Reason} when sent {@code {stop, Reason}}
     */
    static Parent startParent(Node node, SupervisorFlags flags, List<ChildSpec> children, StartOptions options) throws Exception {
        CompletableFuture<StartResult> started = new CompletableFuture<>();
        Pid parent = node.spawn(self -> {
            self.trapExit(true);
            started.complete(Supervisor.startLink(self, flags, children, options));
            while (true) {
                if (self.receive() instanceof Tuple t && t.isTagged(STOP, 2)) {
                    throw self.exit(t.get(1));
                }
            }
        });
        return new Parent(parent, started.get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS));
    }
}
