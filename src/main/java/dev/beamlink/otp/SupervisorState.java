package dev.beamlink.otp;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.ErlMap;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Nil;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The state of a {@link Supervisor} (supervisor.erl's {@code #state{}}): its name, its flags, its children in start
 * order, and the times of its recent restarts. Immutable: each change makes a new state, as in supervisor.erl.
 *
 * @param name     the supervisor's name in reports: {@code {local, Name}}, {@code {global, Name}}, or {@code {Pid, Module}}
 * @param flags    its strategy and intensity
 * @param children its children, oldest first
 * @param restarts the monotonic seconds of its restarts within the period, newest first
 */
record SupervisorState(Term name, SupervisorFlags flags, List<SupervisorChild> children, List<Long> restarts) {

    /** The module OTP tools see as the supervisor's callback module ({@code supervisor:get_callback_module/1}). */
    static final Atom MODULE = Atom.of(Supervisor.class.getName());

    SupervisorState {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(flags, "flags");
        children = List.copyOf(children);
        restarts = List.copyOf(restarts);
    }

    Optional<SupervisorChild> find(Term id) {
        return children.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** {@return the running child with {@code pid}} ({@code find_child_by_pid}) */
    Optional<SupervisorChild> findByPid(Pid pid) {
        return children.stream().filter(c -> c.isRunning() && c.pid().equals(pid)).findFirst();
    }

    SupervisorState withChildren(List<SupervisorChild> newChildren) {
        return new SupervisorState(name, flags, newChildren, restarts);
    }

    SupervisorState withRestarts(List<Long> newRestarts) {
        return new SupervisorState(name, flags, children, newRestarts);
    }

    /** {@return this state with {@code child} the newest} ({@code save_child}) */
    SupervisorState save(SupervisorChild child) {
        List<SupervisorChild> more = new ArrayList<>(children);
        more.add(child);
        return withChildren(more);
    }

    /** {@return this state with the child of {@code id} changed by {@code change}} ({@code set_pid}) */
    SupervisorState update(Term id, UnaryOperator<SupervisorChild> change) {
        return withChildren(children.stream().map(c -> c.id().equals(id) ? change.apply(c) : c).toList());
    }

    /** {@return this state without the child of {@code id}} ({@code remove_child}) */
    SupervisorState remove(Term id) {
        return withChildren(children.stream().filter(c -> !c.id().equals(id)).toList());
    }

    /** {@return this state with the child of {@code id} stopped: a temporary one forgotten} ({@code del_child}) */
    SupervisorState stopped(Term id) {
        return withChildren(children.stream()
                .filter(c -> !(c.id().equals(id) && c.isTemporary()))
                .map(c -> c.id().equals(id) ? c.withoutPid() : c)
                .toList());
    }

    /**
     * {@return the state as supervisor.erl's record, as {@code sys:get_state/1} shows it}: {@code {state, Name, Strategy,
     * {Ids, Db}, undefined, Intensity, Period, Restarts, 0, never, Module, Args}}, the ids newest first.
     */
    Term toTerm() {
        List<Term> ids = new ArrayList<>(children.size());
        Map<Term, Term> db = new LinkedHashMap<>();
        for (SupervisorChild child : children.reversed()) {
            ids.add(child.id());
            db.put(child.id(), child.toRecord());
        }
        return Tuple.of(Atom.of("state"), name, flags.strategy().atom(), Tuple.of(ErlList.from(ids), new ErlMap(db)),
                Atom.UNDEFINED, Int.of(flags.intensity()), Int.of(flags.periodSeconds()),
                ErlList.from(restarts.stream().map(r -> (Term) Int.of(r)).toList()), Int.of(0), Atom.of("never"), MODULE,
                Nil.NIL);
    }

    @Override
    public String toString() {
        return toTerm().toString();
    }
}
