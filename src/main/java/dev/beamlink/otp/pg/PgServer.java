package dev.beamlink.otp.pg;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.ErlMap;
import dev.beamlink.etf.Nil;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Down;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.NodeUp;
import dev.beamlink.otp.CallResult;
import dev.beamlink.otp.From;
import dev.beamlink.otp.GenServer;
import dev.beamlink.otp.HandleResult;
import dev.beamlink.otp.InitResult;
import dev.beamlink.otp.internal.Printed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scope's server (pg.erl), registered under the scope's name on this node as on every node that runs the scope, and
 * speaking pg's protocol with the others: {@code {discover, Peer}} when it starts and when a node comes up; a
 * {@code {sync, Peer, Groups}} cast with this node's members in answer to a discover; {@code {join, Peer, Group, Pids}}
 * and {@code {leave, Peer, Pids, Groups}} when they change. It monitors the local members (one that ends leaves its
 * groups) and the other nodes' servers (when one goes down, or its node does, its members leave).
 *
 * <p>Calls ({@code join_local}, {@code leave_local}, {@code monitor}, {@code {monitor, Group}},
 * {@code {demonitor, Ref}}) come from this node's {@link Pg}. Unlike pg.erl, which crashes on a request it does not
 * know, the server logs and ignores anything malformed a peer sends, and traps exits: a peer cannot end it but with
 * {@code exit(Pid, kill)}.
 */
final class PgServer implements GenServer<PgServer.State> {

    private static final Logger LOG = LoggerFactory.getLogger(PgServer.class);

    static final Atom JOIN_LOCAL = Atom.of("join_local");
    static final Atom LEAVE_LOCAL = Atom.of("leave_local");
    static final Atom MONITOR = Atom.of("monitor");
    static final Atom DEMONITOR = Atom.of("demonitor");
    static final Atom NOT_JOINED = Atom.of("not_joined");
    static final Atom NOLOCAL = Atom.of("nolocal");
    private static final Atom DISCOVER = Atom.of("discover");
    private static final Atom SYNC = Atom.of("sync");
    private static final Atom JOIN = Atom.of("join");
    private static final Atom LEAVE = Atom.of("leave");
    private static final Atom GEN_CAST = Atom.of("$gen_cast");

    /** A local member: the monitor on it and the groups it joined, a group as many times as it joined it. */
    private record LocalMember(Ref monitor, List<Term> groups) {
    }

    /** Another node's server: the monitor on it and its members by group. */
    private record RemoteScope(Ref monitor, Map<Term, List<Pid>> groups) {
    }

    /** A process watching one group. */
    private record GroupWatch(Pid owner, Term group) {
    }

    /** The server's state: pg.erl's {@code #state{}}. */
    static final class State {
        private final Map<Pid, LocalMember> local = new HashMap<>();
        private final Map<Pid, RemoteScope> remote = new LinkedHashMap<>();
        private final Map<Ref, Pid> scopeMonitors = new HashMap<>();
        private final Map<Ref, GroupWatch> groupMonitors = new HashMap<>();
    }

    private final Atom scope;
    private final PgGroups groups;
    private Mailbox self;

    PgServer(Atom scope, PgGroups groups) {
        this.scope = scope;
        this.groups = groups;
    }

    @Override
    public InitResult<State> init(Mailbox mailbox) {
        self = mailbox;
        groups.clear(); // what an earlier server of the scope knew is gone with it
        self.trapExit(true); // an exit signal from a peer is a message to ignore, not its end
        self.monitorNodes(true);
        for (Atom node : self.node().nodes()) {
            self.send(scope, node, Tuple.of(DISCOVER, self.self()));
        }
        return InitResult.ok(new State());
    }

    // ---------------------------------------------------------------- calls from this node

    @Override
    public CallResult<State> handleCall(Object request, From from, State state) {
        if (request instanceof Tuple t && t.size() == 3 && (t.isTagged(JOIN_LOCAL, 3) || t.isTagged(LEAVE_LOCAL, 3))) {
            List<Pid> pids = pids(t.get(2));
            Pid foreign = pids == null ? null : pids.stream().filter(p -> !isLocal(p)).findFirst().orElse(null);
            if (pids == null || foreign != null) {
                return CallResult.reply(Tuple.of(Atom.ERROR, Tuple.of(NOLOCAL, foreign == null ? t.get(2) : foreign)), state);
            }
            return CallResult.reply(t.isTagged(JOIN_LOCAL, 3) ? joinLocal(state, t.get(1), pids, t.get(2))
                    : leaveLocal(state, t.get(1), pids, t.get(2)), state);
        }
        if (request.equals(MONITOR)) {
            Ref ref = self.monitor(from.pid());
            state.scopeMonitors.put(ref, from.pid());
            Map<Term, Term> all = new HashMap<>();
            groups.snapshot().forEach((group, members) -> all.put(group, ErlList.from(members)));
            return CallResult.reply(Tuple.of(ref, new ErlMap(all)), state);
        }
        if (request instanceof Tuple t && t.isTagged(MONITOR, 2)) {
            Ref ref = self.monitor(from.pid());
            state.groupMonitors.put(ref, new GroupWatch(from.pid(), t.get(1)));
            return CallResult.reply(Tuple.of(ref, ErlList.from(groups.all(t.get(1)))), state);
        }
        if (request instanceof Tuple t && t.isTagged(DEMONITOR, 2) && t.get(1) instanceof Ref ref) {
            boolean held = state.scopeMonitors.remove(ref) != null || state.groupMonitors.remove(ref) != null;
            if (held) {
                self.demonitor(ref);
            }
            return CallResult.reply(held ? Atom.OK : Atom.FALSE, state);
        }
        LOG.warn("pg scope {} on {} ignores the call {} from {}", scope, self.node().name(), Printed.of(request), from.pid());
        return CallResult.noReply(state);
    }

    private Term joinLocal(State state, Term group, List<Pid> pids, Term pidOrPids) {
        for (Pid pid : pids) {
            LocalMember member = state.local.get(pid);
            List<Term> joined = new ArrayList<>();
            joined.add(group);
            if (member != null) {
                joined.addAll(member.groups());
            }
            state.local.put(pid, new LocalMember(member == null ? self.monitor(pid) : member.monitor(), joined));
        }
        PgGroups.Members members = groups.get(group);
        groups.put(group, prepend(pids, members == null ? List.of() : members.all()),
                prepend(pids, members == null ? List.of() : members.local()));
        notifyGroup(state, true, group, pids);
        broadcast(state, Tuple.of(JOIN, self.self(), group, pidOrPids));
        return Atom.OK;
    }

    private Term leaveLocal(State state, Term group, List<Pid> pids, Term pidOrPids) {
        boolean changed = false;
        for (Pid pid : pids) {
            LocalMember member = state.local.get(pid);
            if (member == null || !member.groups().contains(group)) {
                continue;
            }
            changed = true;
            if (member.groups().size() == 1) {
                self.demonitor(member.monitor());
                state.local.remove(pid);
            } else {
                List<Term> left = new ArrayList<>(member.groups());
                left.remove(group);
                state.local.put(pid, new LocalMember(member.monitor(), left));
            }
        }
        if (!changed) {
            return NOT_JOINED;
        }
        leaveLocalView(state, group, pids);
        broadcast(state, Tuple.of(LEAVE, self.self(), pidOrPids, ErlList.of(group)));
        return Atom.OK;
    }

    /** pg.erl's {@code leave_local_update_ets}. */
    private void leaveLocalView(State state, Term group, List<Pid> pids) {
        PgGroups.Members members = groups.get(group);
        if (members == null) {
            return;
        }
        List<Pid> all = subtract(members.all(), pids);
        if (all.isEmpty()) {
            groups.remove(group);
        } else {
            groups.put(group, all, subtract(members.local(), pids));
        }
        notifyGroup(state, false, group, pids);
    }

    // ---------------------------------------------------------------- pg's protocol with the other nodes

    @Override
    public HandleResult<State> handleCast(Object request, State state) {
        if (request instanceof Tuple t && t.isTagged(SYNC, 3) && t.get(1) instanceof Pid peer) {
            Map<Term, List<Pid>> synced = syncedGroups(t.get(2));
            if (synced != null) {
                sync(state, peer, synced);
                return HandleResult.noReply(state);
            }
        }
        LOG.warn("pg scope {} on {} ignores the cast {}", scope, self.node().name(), Printed.of(request));
        return HandleResult.noReply(state);
    }

    @Override
    public HandleResult<State> handleInfo(Object message, State state) {
        switch (message) {
            case Tuple t when t.isTagged(JOIN, 4) && t.get(1) instanceof Pid peer && pids(t.get(3)) != null ->
                    joinRemote(state, peer, t.get(2), pids(t.get(3)));
            case Tuple t when t.isTagged(LEAVE, 4) && t.get(1) instanceof Pid peer && pids(t.get(2)) != null
                    && list(t.get(3)) != null -> leaveRemote(state, peer, pids(t.get(2)), list(t.get(3)));
            case Tuple t when t.isTagged(DISCOVER, 2) && t.get(1) instanceof Pid peer -> discover(state, peer);
            case Down down when down.object() instanceof Pid pid -> down(state, down.ref(), pid);
            case NodeUp up when !up.node().equals(self.node().name()) ->
                    self.send(scope, up.node(), Tuple.of(DISCOVER, self.self()));
            default -> LOG.debug("pg scope {} on {} ignores {}", scope, self.node().name(), Printed.of(message));
        }
        return HandleResult.noReply(state);
    }

    private void discover(State state, Pid peer) {
        Map<Term, List<Pid>> mine = new LinkedHashMap<>();
        state.local.forEach((pid, member) -> member.groups().forEach(group ->
                mine.computeIfAbsent(group, g -> new ArrayList<>()).addFirst(pid)));
        List<Term> synced = new ArrayList<>();
        mine.forEach((group, pids) -> synced.add(Tuple.of(group, ErlList.from(pids))));
        self.send(peer, Tuple.of(GEN_CAST, Tuple.of(SYNC, self.self(), ErlList.from(synced))));
        if (!state.remote.containsKey(peer)) {
            Ref ref = self.monitor(peer);
            self.send(peer, Tuple.of(DISCOVER, self.self()));
            state.remote.put(peer, new RemoteScope(ref, new HashMap<>()));
        }
    }

    /** pg.erl's {@code handle_sync} and {@code sync_groups}. */
    private void sync(State state, Pid peer, Map<Term, List<Pid>> synced) {
        RemoteScope known = state.remote.get(peer);
        Ref ref = known == null ? self.monitor(peer) : known.monitor();
        Map<Term, List<Pid>> old = new HashMap<>(known == null ? Map.of() : known.groups());
        synced.forEach((group, pids) -> {
            List<Pid> before = old.remove(group);
            if (before == null) {
                joinRemoteView(state, group, pids);
            } else if (!before.equals(pids)) {
                PgGroups.Members members = groups.get(group);
                List<Pid> all = new ArrayList<>(pids);
                all.addAll(subtract(members == null ? List.of() : members.all(), before));
                groups.put(group, all, members == null ? List.of() : members.local());
            }
        });
        old.forEach((group, pids) -> leaveRemoteView(state, pids, List.of(group)));
        state.remote.put(peer, new RemoteScope(ref, new HashMap<>(synced)));
    }

    private void joinRemote(State state, Pid peer, Term group, List<Pid> pids) {
        RemoteScope scope = state.remote.get(peer);
        if (scope == null) {
            return; // a node outside the overlay, or one that flickered: pg.erl ignores it too
        }
        joinRemoteView(state, group, pids);
        scope.groups().put(group, prepend(pids, scope.groups().getOrDefault(group, List.of())));
    }

    private void leaveRemote(State state, Pid peer, List<Pid> pids, List<Term> fromGroups) {
        RemoteScope scope = state.remote.get(peer);
        if (scope == null) {
            return;
        }
        leaveRemoteView(state, pids, fromGroups);
        for (Term group : fromGroups) {
            List<Pid> remaining = subtract(scope.groups().getOrDefault(group, List.of()), pids);
            if (remaining.isEmpty()) {
                scope.groups().remove(group);
            } else {
                scope.groups().put(group, remaining);
            }
        }
    }

    /** pg.erl's {@code join_remote_update_ets}. */
    private void joinRemoteView(State state, Term group, List<Pid> pids) {
        PgGroups.Members members = groups.get(group);
        groups.put(group, prepend(pids, members == null ? List.of() : members.all()),
                members == null ? List.of() : members.local());
        notifyGroup(state, true, group, pids);
    }

    /** pg.erl's {@code leave_remote_update_ets}. */
    private void leaveRemoteView(State state, List<Pid> pids, List<Term> fromGroups) {
        for (Term group : fromGroups) {
            PgGroups.Members members = groups.get(group);
            if (members == null) {
                continue;
            }
            List<Pid> all = subtract(members.all(), pids);
            if (all.isEmpty() && members.local().isEmpty()) {
                groups.remove(group);
            } else {
                groups.put(group, all, members.local());
            }
            notifyGroup(state, false, group, pids);
        }
    }

    /** A monitor fired: a local member ended, another node's server went down, or a watcher ended. */
    private void down(State state, Ref ref, Pid pid) {
        LocalMember member = state.local.get(pid);
        if (member != null && member.monitor().equals(ref)) {
            state.local.remove(pid);
            for (Term group : member.groups()) {
                leaveLocalView(state, group, List.of(pid));
            }
            broadcast(state, Tuple.of(LEAVE, self.self(), pid, ErlList.from(member.groups())));
            return;
        }
        RemoteScope scope = state.remote.get(pid);
        if (scope != null && scope.monitor().equals(ref)) {
            state.remote.remove(pid);
            scope.groups().forEach((group, pids) -> leaveRemoteView(state, pids, List.of(group)));
            return;
        }
        if (state.scopeMonitors.remove(ref) == null) {
            state.groupMonitors.remove(ref);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Sends {@code message} to every other node's server (pg.erl's {@code broadcast/2}). */
    private void broadcast(State state, Tuple message) {
        for (Pid peer : state.remote.keySet()) {
            self.send(peer, message);
        }
    }

    /** Tells the processes watching the scope or {@code group} that {@code pids} joined or left it. */
    private void notifyGroup(State state, boolean joined, Term group, List<Pid> pids) {
        state.scopeMonitors.forEach((ref, owner) -> tell(owner, new PgChange(ref, joined, group, pids)));
        state.groupMonitors.forEach((ref, watch) -> {
            if (watch.group().equals(group)) {
                tell(watch.owner(), new PgChange(ref, joined, group, pids));
            }
        });
    }

    private void tell(Pid owner, PgChange change) {
        self.send(owner, isLocal(owner) ? change : change.toTerm());
    }

    private boolean isLocal(Pid pid) {
        return pid.node().equals(self.node().name());
    }

    /** {@return a pid or a proper list of pids as a list, or null for anything else} */
    static List<Pid> pids(Term pidOrPids) {
        if (pidOrPids instanceof Pid pid) {
            return List.of(pid);
        }
        List<Term> elements = list(pidOrPids);
        if (elements == null || !elements.stream().allMatch(Pid.class::isInstance)) {
            return null;
        }
        return elements.stream().map(Pid.class::cast).toList();
    }

    private static List<Term> list(Term term) {
        return switch (term) {
            case Nil nil -> List.of();
            case ErlList l when l.isProper() -> l.elements();
            default -> null;
        };
    }

    /** {@return a sync's {@code [{Group, [Pid]}]} as a map, or null if it is not that} */
    private static Map<Term, List<Pid>> syncedGroups(Term term) {
        List<Term> entries = list(term);
        if (entries == null) {
            return null;
        }
        Map<Term, List<Pid>> out = new LinkedHashMap<>();
        for (Term entry : entries) {
            if (!(entry instanceof Tuple t) || t.size() != 2 || pids(t.get(1)) == null) {
                return null;
            }
            out.put(t.get(0), pids(t.get(1)));
        }
        return out;
    }

    /** {@code Pids ++ List}. */
    private static List<Pid> prepend(List<Pid> pids, List<Pid> list) {
        List<Pid> out = new ArrayList<>(pids.size() + list.size());
        out.addAll(pids);
        out.addAll(list);
        return out;
    }

    /** {@code List -- Pids}: each of {@code pids} removes its first occurrence. */
    private static List<Pid> subtract(List<Pid> list, List<Pid> pids) {
        List<Pid> out = new ArrayList<>(list);
        for (Pid pid : pids) {
            out.remove(pid);
        }
        return out;
    }
}
