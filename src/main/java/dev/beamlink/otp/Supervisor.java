package dev.beamlink.otp;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Nil;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Mailbox;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OTP's {@code supervisor} in Java: a process that starts children, restarts them as its strategy says when they end,
 * and terminates them in reverse start order when it ends; and the functions that start and ask any supervisor, a Java
 * one or an Erlang one.
 *
 * <pre>{@code
 * Mailbox parent = node.mailbox();
 * Pid sup = Supervisor.startLink(parent, SupervisorFlags.DEFAULTS.withStrategy(SupervisorFlags.Strategy.REST_FOR_ONE),
 *         List.of(ChildSpec.worker(Atom.of("cache"), ChildStart.java("Cache", self -> GenServer.startLink(self, new Cache()))),
 *                 ChildSpec.worker(Atom.of("pinger"), ChildStart.remote(erlNode, Atom.of("pinger"), Atom.of("loop"), List.of()))),
 *         StartOptions.DEFAULTS.local(Atom.of("my_sup"))).pid();
 * // erl> supervisor:which_children({my_sup, 'java@host'}).
 * // [{pinger,<9384.91.0>,worker,[pinger]},{cache,<12033.5.0>,worker,['Cache']}]
 * parent.close();   // the supervisor ends with its parent's reason, after terminating pinger, then cache
 * }</pre>
 *
 * <h2>What it does, as OTP 25's supervisor does</h2>
 * A child whose restart type asks for it ({@code permanent} always, {@code transient} unless it ended with
 * {@code normal}, {@code shutdown} or {@code {shutdown, _}}, {@code temporary} never) is restarted: alone
 * ({@code one_for_one}), with those started after it ({@code rest_for_one}), or with all the others
 * ({@code one_for_all}), the others terminated first in reverse start order. More than {@code intensity} restarts within
 * {@code period} seconds (counted in whole seconds of a monotonic clock, as OTP counts them) end the supervisor with
 * {@code shutdown}, logged as {@code reached_max_restart_intensity}, after it has terminated the remaining children. A
 * child is terminated with {@code exit(Child, shutdown)} and killed if it has not ended within its shutdown time
 * ({@code brutal_kill}: killed at once; {@code infinity}: waited for). A restart that fails is tried again, through the
 * server loop, and counts against the intensity each time. The supervisor traps exits and ends with its parent's exit
 * reason; stop it with {@link GenServer#stop} or by ending its parent. Reports go to slf4j, with OTP's wording
 * ({@code SUPERVISOR REPORT}: {@code child_terminated}, {@code start_error}, {@code shutdown_error}, {@code shutdown};
 * progress reports at debug).
 *
 * <h2>Children</h2>
 * A child is a Java process started by a Java function of the supervisor's mailbox ({@link ChildStart#java}, e.g.
 * {@code GenServer.startLink(self, ...)}), or a process on an Erlang node started with a remote {@code spawn_link}
 * ({@link ChildStart#remote}), linked from its first moment. A remote child whose node goes down ends, to its
 * supervisor, with {@code noconnection}: an abnormal end, restarted as any other; a restart while the node cannot be
 * reached makes a child that ends at once with {@code noconnection} again, so that the restarts run into the intensity
 * as they do under an Erlang supervisor whose child was on a lost node.
 *
 * <h2>From Erlang</h2>
 * It is a gen_server: {@code supervisor:which_children/1}, {@code count_children/1}, {@code terminate_child/2},
 * {@code restart_child/2}, {@code delete_child/2}, {@code get_childspec/2}, {@code sys:get_state/1} (supervisor.erl's
 * {@code #state{}} record, so that {@code supervisor:get_callback_module/1} works) and {@code sys:get_status/1} work on
 * it by pid or {@code {Name, Node}}. {@code supervisor:start_child/2} takes a child spec (map or tuple, checked as OTP
 * checks it, with its errors) whose start is {@code {erlang, spawn_link, [Node, M, F, A]}}: a remote child. Any other
 * start {@code {M, F, A}} cannot run in Java: the answer is OTP's for a start function whose module is missing,
 * {@code {error, {{'EXIT', {undef, [{M, F, A, []}]}}, Child}}}.
 *
 * <p>Not supported: {@code simple_one_for_one}, and {@code auto_shutdown} / significant children (a spec with
 * {@code significant => true} is refused as OTP refuses it under {@code auto_shutdown => never}).
 */
public final class Supervisor {

    private Supervisor() {
    }

    // ---------------------------------------------------------------- starting

    /**
     * Starts a supervisor linked to {@code parent} ({@code supervisor:start_link/2}) and waits until it has started its
     * children. {@return {@code {ok, Pid}}, or {@code {error, Reason}}: {@code {shutdown, {failed_to_start_child, Id,
     * Reason}}} when a child could not start (those started are terminated first), {@code {start_spec,
     * {duplicate_child_name, Id}}}} As in OTP, a supervisor that cannot start sends its exit signal to {@code parent}.
     */
    public static StartResult startLink(Mailbox parent, SupervisorFlags flags, List<ChildSpec> children) {
        return startLink(parent, flags, children, StartOptions.DEFAULTS);
    }

    /**
     * Starts a supervisor linked to {@code parent}, registered as {@code options} say ({@code supervisor:start_link/3}):
     * {@code {error, {already_started, Pid}}} if the name is taken.
     */
    public static StartResult startLink(Mailbox parent, SupervisorFlags flags, List<ChildSpec> children, StartOptions options) {
        return GenServer.startLink(parent, new SupervisorServer(flags, children, options.name(), false), options);
    }

    /**
     * Starts a supervisor as {@link #startLink(Mailbox, SupervisorFlags, List, StartOptions)} does, for a node's own
     * system processes ({@code kernel_sup}), which no peer's message may end: a call or cast it has no clause for is
     * logged at level error and dropped (the call unanswered), where OTP's supervisor crashes with
     * {@code function_clause}.
     */
    public static StartResult startSystemLink(Mailbox parent, SupervisorFlags flags, List<ChildSpec> children,
                                              StartOptions options) {
        return GenServer.startLink(parent, new SupervisorServer(flags, children, options.name(), true), options);
    }

    // ---------------------------------------------------------------- asking a supervisor

    /**
     * Adds a child and starts it ({@code supervisor:start_child/2}). A spec with a Java start goes only to a supervisor
     * of this node; any other goes as its map ({@link ChildSpec#toTerm()}). {@return {@code {ok, Pid}}, or
     * {@link StartResult.Ignore} for {@code {ok, undefined}} (its start returned {@code ignore}: a temporary child is
     * forgotten, another one kept, not running), or {@code {error, Reason}}: {@code {already_started, Pid}},
     * {@code already_present} (the id is known, not running), {@code {StartError, Child}} (the start failed), or
     * what a bad spec gives ({@code {invalid_mfa, Start}} ...)} The {@code Info} of an Erlang supervisor's
     * {@code {ok, Pid, Info}} is not kept.
     *
     * @throws CallExit if the supervisor is not there or ends meanwhile
     */
    public static StartResult startChild(Mailbox self, ServerRef supervisor, ChildSpec spec) {
        Object request = spec.start() instanceof ChildStart.Java ? spec : Tuple.of(SupervisorServer.START_CHILD, spec.toTerm());
        return startResult(call(self, supervisor, request));
    }

    /**
     * Terminates the child {@code id} and keeps its spec (a temporary child's is dropped), without restarting it
     * ({@code supervisor:terminate_child/2}). {@return empty when done, else OTP's error: {@code not_found}}
     */
    public static Optional<Term> terminateChild(Mailbox self, ServerRef supervisor, Term id) {
        return okOrError(call(self, supervisor, Tuple.of(SupervisorServer.TERMINATE_CHILD, id)));
    }

    /**
     * Starts again a child that was terminated ({@code supervisor:restart_child/2}). {@return {@code {ok, Pid}},
     * {@link StartResult.Ignore} for {@code {ok, undefined}}, or {@code {error, Reason}}: {@code running},
     * {@code restarting}, {@code not_found}, or the start's error}
     */
    public static StartResult restartChild(Mailbox self, ServerRef supervisor, Term id) {
        return startResult(call(self, supervisor, Tuple.of(SupervisorServer.RESTART_CHILD, id)));
    }

    /**
     * Forgets the spec of a child that does not run ({@code supervisor:delete_child/2}). {@return empty when done, else
     * OTP's error: {@code running}, {@code restarting}, {@code not_found}}
     */
    public static Optional<Term> deleteChild(Mailbox self, ServerRef supervisor, Term id) {
        return okOrError(call(self, supervisor, Tuple.of(SupervisorServer.DELETE_CHILD, id)));
    }

    /** {@return the children, the newest first} ({@code supervisor:which_children/1}) */
    public static List<ChildInfo> whichChildren(Mailbox self, ServerRef supervisor) {
        Object reply = call(self, supervisor, SupervisorServer.WHICH_CHILDREN);
        List<ChildInfo> children = new ArrayList<>();
        for (Term entry : elements(reply)) {
            if (!(entry instanceof Tuple t && t.size() == 4)) {
                throw notAnAnswer(reply);
            }
            ChildSpec.Type type = ChildSpec.Type.of(t.get(2)).orElseThrow(() -> notAnAnswer(reply));
            children.add(new ChildInfo(t.get(0), t.get(1), type, t.get(3)));
        }
        return List.copyOf(children);
    }

    /** {@return the children counted} ({@code supervisor:count_children/1}) */
    public static ChildCounts countChildren(Mailbox self, ServerRef supervisor) {
        Object reply = call(self, supervisor, SupervisorServer.COUNT_CHILDREN);
        Map<Term, Integer> counts = new HashMap<>();
        for (Term entry : elements(reply)) {
            if (!(entry instanceof Tuple t && t.size() == 2 && t.get(1) instanceof Int(long n))) {
                throw notAnAnswer(reply);
            }
            counts.put(t.get(0), Math.toIntExact(n));
        }
        return new ChildCounts(counts.getOrDefault(Atom.of("specs"), 0), counts.getOrDefault(Atom.of("active"), 0),
                counts.getOrDefault(Atom.of("supervisors"), 0), counts.getOrDefault(Atom.of("workers"), 0));
    }

    /** {@code supervisor:call/2}: a gen_server call that waits as long as it takes. */
    private static Object call(Mailbox self, ServerRef supervisor, Object request) {
        return GenServer.call(self, supervisor, request, GenServer.INFINITY);
    }

    private static StartResult startResult(Object reply) {
        if (reply instanceof Tuple t && t.size() >= 2 && t.size() <= 3 && t.get(0).equals(Atom.OK)) {
            if (t.get(1) instanceof Pid pid) {
                return new StartResult.Ok(pid, null);
            }
            if (t.size() == 2 && t.get(1).equals(Atom.UNDEFINED)) {
                return new StartResult.Ignore();
            }
        }
        if (reply instanceof Tuple t && t.isTagged(Atom.ERROR, 2)) {
            return new StartResult.Error(t.get(1));
        }
        throw notAnAnswer(reply);
    }

    private static Optional<Term> okOrError(Object reply) {
        if (Atom.OK.equals(reply)) {
            return Optional.empty();
        }
        if (reply instanceof Tuple t && t.isTagged(Atom.ERROR, 2)) {
            return Optional.of(t.get(1));
        }
        throw notAnAnswer(reply);
    }

    private static List<Term> elements(Object reply) {
        return switch (reply) {
            case Nil nil -> List.of();
            case ErlList list when list.isProper() -> list.elements();
            default -> throw notAnAnswer(reply);
        };
    }

    private static IllegalStateException notAnAnswer(Object reply) {
        return new IllegalStateException("not a supervisor's answer: " + reply);
    }
}
