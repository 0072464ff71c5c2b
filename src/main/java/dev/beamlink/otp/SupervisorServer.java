package dev.beamlink.otp;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.ErlangError;
import dev.beamlink.node.ErlangThrow;
import dev.beamlink.node.Exit;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.ProcessEnded;
import dev.beamlink.node.Reasons;
import dev.beamlink.otp.internal.Printed;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link GenServer} a {@link Supervisor} runs: OTP 25's supervisor.erl, as the callbacks of a gen_server (which is
 * what OTP's supervisor is too), so that its calls, {@code sys} requests and parent exits are a gen_server's.
 */
final class SupervisorServer implements GenServer<SupervisorState> {

    static final Atom START_CHILD = Atom.of("start_child");
    static final Atom TERMINATE_CHILD = Atom.of("terminate_child");
    static final Atom RESTART_CHILD = Atom.of("restart_child");
    static final Atom DELETE_CHILD = Atom.of("delete_child");
    static final Atom GET_CHILDSPEC = Atom.of("get_childspec");
    static final Atom WHICH_CHILDREN = Atom.of("which_children");
    static final Atom COUNT_CHILDREN = Atom.of("count_children");
    private static final Atom TRY_AGAIN_RESTART = Atom.of("try_again_restart");
    private static final Atom SHUTDOWN = Reasons.SHUTDOWN;
    private static final Atom RESTARTING = Atom.of("restarting");
    private static final Atom RUNNING = Atom.of("running");
    private static final Atom NOT_FOUND = Atom.of("not_found");
    private static final Atom EXIT = Atom.of("EXIT");

    private final SupervisorFlags flags;
    private final List<ChildSpec> specs;
    private final ServerRef registeredAs;
    /** Whether a call or cast without a clause is logged and dropped (a system supervisor) rather than a crash. */
    private final boolean dropUnexpected;
    private Mailbox self;
    private Term supName;

    /**
     * @param registeredAs   the name it registers under, or null
     * @param dropUnexpected whether a call or cast it has no clause for is logged and dropped (the call unanswered),
     *                       where OTP's supervisor crashes
     */
    SupervisorServer(SupervisorFlags flags, List<ChildSpec> specs, ServerRef registeredAs, boolean dropUnexpected) {
        this.flags = flags;
        this.specs = List.copyOf(specs);
        this.registeredAs = registeredAs;
        this.dropUnexpected = dropUnexpected;
    }

    // ---------------------------------------------------------------- init and terminate

    /** supervisor:init/1 with init_children/2: trap exits, check the specs, start the children in order. */
    @Override
    public InitResult<SupervisorState> init(Mailbox mailbox) {
        self = mailbox;
        self.trapExit(true);
        supName = switch (registeredAs) {
            case null -> Tuple.of(self.self(), SupervisorState.MODULE);
            case ServerRef.Local(Atom name) -> Tuple.of(Atom.of("local"), name);
            default -> registeredAs.toTerm();
        };
        Set<Term> ids = new HashSet<>();
        for (ChildSpec spec : specs) {
            if (!ids.add(spec.id())) {
                return InitResult.stop(Tuple.of(Atom.of("start_spec"), Tuple.of(Atom.of("duplicate_child_name"), spec.id())));
            }
        }
        Started started = startChildren(specs.stream().map(SupervisorChild::stopped).toList());
        if (started.failure() != null) {
            terminateChildren(started.children());
            return InitResult.stop(Tuple.of(SHUTDOWN, started.failure()));
        }
        return InitResult.ok(new SupervisorState(supName, flags, started.children(), List.of()));
    }

    /** supervisor:terminate/2: every child terminated, in reverse start order. */
    @Override
    public void terminate(Term reason, SupervisorState state) {
        terminateChildren(state.children());
    }

    @Override
    public Term stateTerm(SupervisorState state) {
        return state.toTerm();
    }

    // ---------------------------------------------------------------- calls

    @Override
    public CallResult<SupervisorState> handleCall(Object request, From from, SupervisorState state) {
        return switch (request) {
            case ChildSpec spec -> handleStartChild(spec, state);
            case Tuple t when t.isTagged(START_CHILD, 2) -> {
                try {
                    yield handleStartChild(ChildSpecReader.read(t.get(1)), state);
                } catch (ChildSpecReader.BadChildSpec bad) {
                    yield CallResult.reply(error(bad.reason()), state);
                }
            }
            case Tuple t when t.isTagged(TERMINATE_CHILD, 2) -> terminateChild(t.get(1), state);
            case Tuple t when t.isTagged(RESTART_CHILD, 2) -> restartChild(t.get(1), state);
            case Tuple t when t.isTagged(DELETE_CHILD, 2) -> deleteChild(t.get(1), state);
            case Tuple t when t.isTagged(GET_CHILDSPEC, 2) -> CallResult.reply(state.find(t.get(1))
                    .map(c -> (Term) Tuple.of(Atom.OK, c.spec().toTerm()))
                    .orElse(error(NOT_FOUND)), state);
            case Atom a when a.equals(WHICH_CHILDREN) -> CallResult.reply(whichChildren(state), state);
            case Atom a when a.equals(COUNT_CHILDREN) -> CallResult.reply(countChildren(state), state);
            default -> {
                if (!dropUnexpected) {
                    throw noClause("call", request);
                }
                SupervisorReports.LOG.error("Supervisor {} received an unexpected call from {}: not answered", supName,
                        from.pid());
                yield CallResult.noReply(state);
            }
        };
    }

    /** A call with no clause in supervisor.erl's handle_call/3: it crashes the supervisor there, and here. */
    private static ErlangError noClause(String what, Object request) {
        return new ErlangError(Atom.of("function_clause"), "a supervisor takes no " + what + " " + request);
    }

    private static Term error(Term reason) {
        return Tuple.of(Atom.ERROR, reason);
    }

    /** supervisor:handle_start_child/2. */
    private CallResult<SupervisorState> handleStartChild(ChildSpec spec, SupervisorState state) {
        Optional<SupervisorChild> old = state.find(spec.id());
        if (old.isPresent()) {
            return CallResult.reply(old.get().isRunning()
                    ? error(Tuple.of(Atom.of("already_started"), old.get().pid()))
                    : error(Atom.of("already_present")), state);
        }
        SupervisorChild child = SupervisorChild.stopped(spec);
        return switch (doStartChild(child)) {
            case StartResult.Ok ok -> CallResult.reply(Tuple.of(Atom.OK, ok.pid()), state.save(child.withPid(ok.pid())));
            case StartResult.Ignore ignore -> CallResult.reply(Tuple.of(Atom.OK, Atom.UNDEFINED),
                    child.isTemporary() ? state : state.save(child));
            case StartResult.Error(Term what) -> CallResult.reply(error(Tuple.of(what, child.toRecord())), state);
        };
    }

    private CallResult<SupervisorState> terminateChild(Term id, SupervisorState state) {
        Optional<SupervisorChild> child = state.find(id);
        if (child.isEmpty()) {
            return CallResult.reply(error(NOT_FOUND), state);
        }
        doTerminate(child.get());
        return CallResult.reply(Atom.OK, state.stopped(id));
    }

    private CallResult<SupervisorState> restartChild(Term id, SupervisorState state) {
        Optional<SupervisorChild> found = state.find(id);
        if (found.isEmpty()) {
            return CallResult.reply(error(NOT_FOUND), state);
        }
        SupervisorChild child = found.get();
        if (child.restarting()) {
            return CallResult.reply(error(RESTARTING), state);
        }
        if (child.pid() != null) {
            return CallResult.reply(error(RUNNING), state);
        }
        return switch (doStartChild(child)) {
            case StartResult.Ok ok -> CallResult.reply(Tuple.of(Atom.OK, ok.pid()), state.update(id, c -> c.withPid(ok.pid())));
            case StartResult.Ignore ignore -> CallResult.reply(Tuple.of(Atom.OK, Atom.UNDEFINED), state);
            case StartResult.Error(Term reason) -> CallResult.reply(error(reason), state);
        };
    }

    private CallResult<SupervisorState> deleteChild(Term id, SupervisorState state) {
        Optional<SupervisorChild> child = state.find(id);
        if (child.isEmpty()) {
            return CallResult.reply(error(NOT_FOUND), state);
        }
        if (child.get().restarting()) {
            return CallResult.reply(error(RESTARTING), state);
        }
        if (child.get().pid() != null) {
            return CallResult.reply(error(RUNNING), state);
        }
        return CallResult.reply(Atom.OK, state.remove(id));
    }

    /** {@code [{Id, Child, Type, Modules}]}, the newest child first. */
    private static Term whichChildren(SupervisorState state) {
        List<Term> children = new ArrayList<>();
        for (SupervisorChild child : state.children().reversed()) {
            Term process = child.restarting() ? RESTARTING : child.pid() == null ? Atom.UNDEFINED : child.pid();
            children.add(Tuple.of(child.id(), process, child.spec().type().atom(), child.spec().modules()));
        }
        return ErlList.from(children);
    }

    /**
     * {@code [{specs, N}, {active, N}, {supervisors, N}, {workers, N}]}. A child on another node counts as active while
     * the supervisor knows its pid (its link tells when it ends); OTP 25's supervisor fails there instead, since
     * {@code is_process_alive/1} takes only local pids.
     */
    private Term countChildren(SupervisorState state) {
        int active = 0;
        int supervisors = 0;
        for (SupervisorChild child : state.children()) {
            if (child.isRunning() && (!child.pid().node().equals(self.node().name()) || self.node().isAlive(child.pid()))) {
                active++;
            }
            if (child.spec().type() == ChildSpec.Type.SUPERVISOR) {
                supervisors++;
            }
        }
        int specs = state.children().size();
        return ErlList.of(Tuple.of(Atom.of("specs"), Int.of(specs)), Tuple.of(Atom.of("active"), Int.of(active)),
                Tuple.of(Atom.of("supervisors"), Int.of(supervisors)), Tuple.of(Atom.of("workers"), Int.of(specs - supervisors)));
    }

    // ---------------------------------------------------------------- exits and restarts

    /** supervisor:handle_cast/2: a restart that failed is tried again. */
    @Override
    public HandleResult<SupervisorState> handleCast(Object request, SupervisorState state) {
        if (request instanceof Tuple t && t.isTagged(TRY_AGAIN_RESTART, 2)) {
            Optional<SupervisorChild> child = state.find(t.get(1));
            return child.isPresent() && child.get().restarting() ? restart(child.get(), state) : HandleResult.noReply(state);
        }
        if (!dropUnexpected) {
            throw noClause("cast", request);
        }
        SupervisorReports.LOG.error("Supervisor {} received an unexpected cast: dropped", supName);
        return HandleResult.noReply(state);
    }

    /** supervisor:handle_info/2: a child's exit; anything else is logged. */
    @Override
    public HandleResult<SupervisorState> handleInfo(Object message, SupervisorState state) {
        if (message instanceof Exit(Pid from, Term reason)) {
            Optional<SupervisorChild> child = state.findByPid(from);
            return child.isPresent() ? doRestart(reason, child.get(), state) : HandleResult.noReply(state);
        }
        SupervisorReports.LOG.error("Supervisor received unexpected message: {}", Printed.of(message));
        return HandleResult.noReply(state);
    }

    /** supervisor:do_restart/3 (with auto_shutdown never). */
    private HandleResult<SupervisorState> doRestart(Term reason, SupervisorChild child, SupervisorState state) {
        if (child.isPermanent()) {
            SupervisorReports.error(supName, SupervisorReports.CHILD_TERMINATED, reason, child);
            return restart(child, state);
        }
        if (ChildTerminator.isCleanEnd(reason)) {
            return HandleResult.noReply(state.stopped(child.id()));
        }
        SupervisorReports.error(supName, SupervisorReports.CHILD_TERMINATED, reason, child);
        if (child.isTemporary()) {
            return HandleResult.noReply(state.stopped(child.id()));
        }
        return restart(child, state);
    }

    /** supervisor:restart/2: counts the restart against the intensity, then restarts as the strategy says. */
    private HandleResult<SupervisorState> restart(SupervisorChild child, SupervisorState state) {
        List<Long> restarts = RestartIntensity.add(state.restarts(), RestartIntensity.nowSeconds(), flags.periodSeconds());
        SupervisorState counted = state.withRestarts(restarts);
        if (RestartIntensity.exceeded(restarts, flags.intensity())) {
            SupervisorReports.error(supName, SupervisorReports.SHUTDOWN, SupervisorReports.REACHED_MAX_RESTART_INTENSITY, child);
            return HandleResult.stop(SHUTDOWN, counted.stopped(child.id()));
        }
        Restarted restarted = switch (flags.strategy()) {
            case ONE_FOR_ONE -> restartOne(child, counted);
            case REST_FOR_ONE -> {
                // split_child/2: the child and those started after it are restarted; those before stay as they are.
                List<SupervisorChild> all = counted.children();
                int at = 0;
                while (!all.get(at).id().equals(child.id())) {
                    at++;
                }
                List<SupervisorChild> after = new ArrayList<>(all.subList(at, all.size()));
                after.set(0, after.getFirst().withoutPid());
                Restarted rest = restartMultiple(child, after);
                List<SupervisorChild> joined = new ArrayList<>(all.subList(0, at));
                joined.addAll(rest.children());
                yield new Restarted(joined, rest.tryAgain());
            }
            case ONE_FOR_ALL -> restartMultiple(child, counted.stopped(child.id()).children());
        };
        if (restarted.tryAgain() != null) {
            // Back to the server loop before trying again, so that other requests (a shutdown among them) are served.
            GenServer.cast(self, ServerRef.of(self.self()), Tuple.of(TRY_AGAIN_RESTART, restarted.tryAgain()));
        }
        return HandleResult.noReply(counted.withChildren(restarted.children()));
    }

    /** What a restart made: the children, and the id of a child whose start failed and is to be tried again, or null. */
    private record Restarted(List<SupervisorChild> children, Term tryAgain) {
    }

    private Restarted restartOne(SupervisorChild child, SupervisorState state) {
        return switch (doStartChild(child)) {
            case StartResult.Ok ok -> new Restarted(state.update(child.id(), c -> c.withPid(ok.pid())).children(), null);
            case StartResult.Ignore ignore -> new Restarted(state.update(child.id(), SupervisorChild::withoutPid).children(), null);
            case StartResult.Error(Term reason) -> {
                SupervisorReports.error(supName, SupervisorReports.START_ERROR, reason, child);
                yield new Restarted(state.update(child.id(), c -> child.toRestart()).children(), child.id());
            }
        };
    }

    /** supervisor:restart_multiple_children/3: terminate {@code children} (in reverse start order), then start them. */
    private Restarted restartMultiple(SupervisorChild child, List<SupervisorChild> children) {
        Started started = startChildren(terminateChildren(children));
        if (started.failure() == null) {
            return new Restarted(started.children(), null);
        }
        Term failedId = ((Tuple) started.failure()).get(1);
        Pid keep = failedId.equals(child.id()) ? child.pid() : null;
        return new Restarted(started.children().stream()
                .map(c -> c.id().equals(failedId) ? new SupervisorChild(c.spec(), keep, true) : c)
                .toList(), failedId);
    }

    // ---------------------------------------------------------------- starting and terminating children

    /**
     * What starting children in order made: the children (started, or not yet), and on a failure
     * {@code {failed_to_start_child, Id, Reason}} (the failed child and those after it not started), else null.
     */
    private record Started(List<SupervisorChild> children, Term failure) {
    }

    /** supervisor:start_children/2: in start order; a temporary child that ignores is dropped; the first failure stops. */
    private Started startChildren(List<SupervisorChild> children) {
        List<SupervisorChild> done = new ArrayList<>(children.size());
        for (int i = 0; i < children.size(); i++) {
            SupervisorChild child = children.get(i);
            switch (doStartChild(child)) {
                case StartResult.Ok ok -> done.add(child.withPid(ok.pid()));
                case StartResult.Ignore ignore -> {
                    if (!child.isTemporary()) {
                        done.add(child.withoutPid());
                    }
                }
                case StartResult.Error(Term reason) -> {
                    SupervisorReports.error(supName, SupervisorReports.START_ERROR, reason, child);
                    done.addAll(children.subList(i, children.size()));
                    return new Started(done, Tuple.of(Atom.of("failed_to_start_child"), child.id(), reason));
                }
            }
        }
        return new Started(done, null);
    }

    /** supervisor:do_start_child/2: start, and a progress report for a child that runs. */
    private StartResult doStartChild(SupervisorChild child) {
        StartResult result = runStart(child.spec());
        if (result instanceof StartResult.Ok ok) {
            SupervisorReports.progress(supName, child.withPid(ok.pid()));
        }
        return result;
    }

    /** supervisor:do_start_child_i/3: a start that throws fails with {@code {'EXIT', Reason}}, as {@code catch} makes it. */
    private StartResult runStart(ChildSpec spec) {
        try {
            return switch (spec.start()) {
                case ChildStart.Java(String name, ChildStart.StartFunction function) -> {
                    StartResult result = function.start(self);
                    if (result == null) {
                        throw new NullPointerException("the start function " + name + " of child " + spec.id() + " returned null");
                    }
                    yield result;
                }
                case ChildStart.Remote(Atom node, Atom module, Atom function, List<Term> args) ->
                        new StartResult.Ok(self.spawnLink(node, module, function, args), null);
                case ChildStart.Mfa(Atom module, Atom function, List<Term> args) -> {
                    SupervisorReports.LOG.warn("{}: child {} has the Erlang start function {}, which a Java supervisor"
                            + " cannot apply: a Java start or {erlang, spawn_link, [Node, M, F, A]} can run here",
                            supName, Printed.of(spec.id()), Printed.of(spec.start().toTerm()));
                    yield new StartResult.Error(Tuple.of(EXIT, Tuple.of(Atom.of("undef"),
                            ErlList.of(Tuple.of(module, function, ErlList.from(args), ErlList.from(List.of()))))));
                }
            };
        } catch (ProcessEnded ended) {
            throw ended;
        } catch (ErlangThrow thrown) {
            return new StartResult.Error(thrown.reason());
        } catch (Throwable thrown) {
            return new StartResult.Error(Tuple.of(EXIT, Reasons.of(thrown)));
        }
    }

    /** supervisor:terminate_children/2: in reverse start order; a temporary child is forgotten, the others stop. */
    private List<SupervisorChild> terminateChildren(List<SupervisorChild> children) {
        List<SupervisorChild> stopped = new ArrayList<>(children.size());
        for (SupervisorChild child : children.reversed()) {
            doTerminate(child);
            if (!child.isTemporary()) {
                stopped.addFirst(child.withoutPid());
            }
        }
        return stopped;
    }

    /** supervisor:do_terminate/2: a child that runs is shut down; one that ended otherwise is reported. */
    private void doTerminate(SupervisorChild child) {
        if (child.isRunning()) {
            ChildTerminator.shutdown(self, child)
                    .ifPresent(reason -> SupervisorReports.error(supName, SupervisorReports.SHUTDOWN_ERROR, reason, child));
        }
    }
}
