package dev.beamlink.otp.pg;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.ErlMap;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.ErlangError;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.Node;
import dev.beamlink.otp.GenServer;
import dev.beamlink.otp.ServerRef;
import dev.beamlink.otp.StartOptions;
import dev.beamlink.otp.kernel.ProcessKeeper;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * OTP's {@code pg} on a beamlink node: process groups of one scope, replicated on every node that runs the scope. Java
 * processes join and leave groups; erl's {@code pg:get_members/1,2} sees them, and Java sees the members on erl nodes.
 * Members leave when their process ends and when their node goes down, as pg.erl has it.
 *
 * <pre>{@code
 * Pg pg = java.pg();                                         // the default scope, pg
 * pg.join(Atom.of("workers"), worker.self());                // pg:join(workers, Pid)
 * List<Pid> all = pg.members(Atom.of("workers"));            // pg:get_members(workers): erl's members too
 * PgMonitor watch = pg.monitor(self, Atom.of("workers"));    // pg:monitor(workers): PgChange messages from now on
 * Pg orders = Pg.start(node, Atom.of("orders"));             // pg:start(orders): a scope of its own
 * }</pre>
 *
 * <p>A scope is a server registered under the scope's name ({@code pg} for the default one) on each node that runs it;
 * the servers find each other ({@code discover}) when one starts and when nodes connect, and keep each other told of
 * joins and leaves. On an erl node a scope runs once started ({@code pg:start_link(Scope)}, or the kernel parameter
 * {@code start_pg} for the default one). Reads ({@link #members}, {@link #groups} ...) see this node's replica and never
 * wait; joins and leaves go through the scope's server. The server is kept running: if it ends for any reason (a
 * peer's {@code exit(Pid, kill)}), a new one starts under the scope's name, empty (the members
 * of this node were the old server's, as on erl), finds the other nodes' servers again, and the end is logged at level
 * error.
 */
public final class Pg implements AutoCloseable {

    /** The default scope: {@code pg}. */
    public static final Atom DEFAULT_SCOPE = Atom.of("pg");

    private final Node node;
    private final Atom scope;
    private final PgGroups groups;
    private final ProcessKeeper keeper;

    private Pg(Node node, Atom scope, PgGroups groups, ProcessKeeper keeper) {
        this.node = node;
        this.scope = scope;
        this.groups = groups;
        this.keeper = keeper;
    }

    /**
     * Starts the scope {@code scope} on {@code node} ({@code pg:start/1}): its server, registered as {@code scope}, finds
     * the scope on the visible nodes. {@return the scope}
     *
     * @throws dev.beamlink.node.ErlangExit {@code {already_started, Pid}} if a process is registered as {@code scope}
     */
    public static Pg start(Node node, Atom scope) {
        PgGroups groups = new PgGroups();
        return new Pg(node, scope, groups, ProcessKeeper.start(node, "pg scope " + scope.text(),
                keeper -> GenServer.startLink(keeper, new PgServer(scope, groups), StartOptions.DEFAULTS.local(scope)).pid()));
    }

    /** {@return the scope's name} */
    public Atom scope() {
        return scope;
    }

    /** {@return the scope's server on this node} */
    public Pid server() {
        return node.whereis(scope).orElseThrow(() -> new IllegalStateException("pg scope " + scope + " is not running"));
    }

    /**
     * Makes {@code pid}, a process of this node, a member of {@code group} ({@code pg:join/3}); a process may join a
     * group more than once, and is then a member as many times.
     *
     * @throws ErlangError {@code {nolocal, Pid}} for a process of another node
     */
    public void join(Term group, Pid pid) {
        join(group, List.of(pid));
    }

    /** Makes {@code pids}, processes of this node, members of {@code group} ({@code pg:join/3} with a list). */
    public void join(Term group, List<Pid> pids) {
        change(PgServer.JOIN_LOCAL, group, pids);
    }

    /**
     * Removes {@code pid} from {@code group} once ({@code pg:leave/3}). {@return true ({@code ok}), or false if it was
     * not a member ({@code not_joined})}
     *
     * @throws ErlangError {@code {nolocal, Pid}} for a process of another node
     */
    public boolean leave(Term group, Pid pid) {
        return leave(group, List.of(pid));
    }

    /** Removes {@code pids} from {@code group} ({@code pg:leave/3} with a list). {@return false if none was a member} */
    public boolean leave(Term group, List<Pid> pids) {
        return change(PgServer.LEAVE_LOCAL, group, pids).equals(Atom.OK);
    }

    private Term change(Atom what, Term group, List<Pid> pids) {
        Objects.requireNonNull(group, "group");
        for (Pid pid : pids) {
            if (!pid.node().equals(node.name())) {
                throw new ErlangError(Tuple.of(PgServer.NOLOCAL, pid), "pg: " + pid + " is not a process of " + node.name());
            }
        }
        try (Mailbox caller = node.mailbox()) {
            return (Term) GenServer.call(caller, ServerRef.local(scope), Tuple.of(what, group, ErlList.from(pids)),
                    GenServer.INFINITY);
        }
    }

    /** {@return the members of {@code group} on every node, newest first} ({@code pg:get_members/2}) */
    public List<Pid> members(Term group) {
        return groups.all(group);
    }

    /** {@return the members of {@code group} on this node} ({@code pg:get_local_members/2}) */
    public List<Pid> localMembers(Term group) {
        return groups.local(group);
    }

    /** {@return the groups with members on any node} ({@code pg:which_groups/1}) */
    public List<Term> groups() {
        return groups.groups();
    }

    /** {@return the groups with members on this node} ({@code pg:which_local_groups/1}) */
    public List<Term> localGroups() {
        return groups.localGroups();
    }

    /**
     * Watches {@code group} ({@code pg:monitor/2}): from now on {@code self} gets a {@link PgChange} for each join and
     * leave, until {@link #demonitor} or its end. {@return the monitor's reference and the members now}
     */
    public PgMonitor monitor(Mailbox self, Term group) {
        Tuple answer = (Tuple) GenServer.call(self, ServerRef.local(scope), Tuple.of(PgServer.MONITOR, group),
                GenServer.INFINITY);
        return new PgMonitor((Ref) answer.get(0), Map.of(group, PgServer.pids(answer.get(1))));
    }

    /**
     * Watches every group of the scope ({@code pg:monitor_scope/1}): {@code self} gets a {@link PgChange} for each join
     * and leave. {@return the monitor's reference and every group's members now}
     */
    public PgMonitor monitorScope(Mailbox self) {
        Tuple answer = (Tuple) GenServer.call(self, ServerRef.local(scope), PgServer.MONITOR, GenServer.INFINITY);
        Map<Term, List<Pid>> now = new HashMap<>();
        ((ErlMap) answer.get(1)).entries().forEach((group, members) -> now.put(group, PgServer.pids(members)));
        return new PgMonitor((Ref) answer.get(0), now);
    }

    /**
     * Stops watching ({@code pg:demonitor/2}), dropping the changes of that monitor already in {@code self}'s mailbox.
     * {@return whether the monitor was held}
     */
    public boolean demonitor(Mailbox self, Ref ref) {
        boolean held = GenServer.call(self, ServerRef.local(scope), Tuple.of(PgServer.DEMONITOR, ref), GenServer.INFINITY)
                .equals(Atom.OK);
        while (held && self.receive(m -> m instanceof PgChange change && change.ref().equals(ref) ? m : null,
                Duration.ZERO).isPresent()) {
            // dropped
        }
        return held;
    }

    /** Stops the scope on this node ({@code gen_server:stop(Scope)}): its members leave it here and everywhere. */
    @Override
    public void close() {
        keeper.close();
    }

    @Override
    public String toString() {
        return "pg scope " + scope + " on " + node.name();
    }
}
