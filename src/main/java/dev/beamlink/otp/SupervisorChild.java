package dev.beamlink.otp;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import java.util.Objects;

/**
 * A child as its supervisor keeps it (supervisor.erl's {@code #child{}}): its spec, and its process: a pid while it
 * runs, none ({@code undefined}) when it does not, or restarting ({@code {restarting, OldPid}}) while a failed restart
 * waits to be tried again.
 *
 * @param spec       the child's spec
 * @param pid        its process, or the one it had while restarting, or null
 * @param restarting whether a failed restart is to be tried again
 */
record SupervisorChild(ChildSpec spec, Pid pid, boolean restarting) {

    private static final Atom RESTARTING = Atom.of("restarting");

    SupervisorChild {
        Objects.requireNonNull(spec, "spec");
    }

    /** {@return a child that does not run} */
    static SupervisorChild stopped(ChildSpec spec) {
        return new SupervisorChild(spec, null, false);
    }

    Term id() {
        return spec.id();
    }

    /** {@return whether its pid field is a pid ({@code is_pid(Child#child.pid)}): it runs, as far as the supervisor knows} */
    boolean isRunning() {
        return pid != null && !restarting;
    }

    boolean isTemporary() {
        return spec.restart() == ChildSpec.Restart.TEMPORARY;
    }

    boolean isPermanent() {
        return spec.restart() == ChildSpec.Restart.PERMANENT;
    }

    /** {@return this child running as {@code newPid}, or not running if it is null ({@code ignore})} */
    SupervisorChild withPid(Pid newPid) {
        return new SupervisorChild(spec, newPid, false);
    }

    /** {@return this child not running} */
    SupervisorChild withoutPid() {
        return new SupervisorChild(spec, null, false);
    }

    /** {@return this child waiting for another restart: supervisor.erl's {@code restarting(Pid)}} */
    SupervisorChild toRestart() {
        return new SupervisorChild(spec, pid, true);
    }

    /** {@return the pid field as OTP writes it: the pid, {@code undefined}, or {@code {restarting, Pid | undefined}}} */
    Term pidTerm() {
        Term plain = pid == null ? Atom.UNDEFINED : pid;
        return restarting ? Tuple.of(RESTARTING, plain) : plain;
    }

    /** {@return the child as supervisor.erl's record: {@code {child, Pid, Id, MFArgs, Restart, Significant, Shutdown, Type, Modules}}} */
    Tuple toRecord() {
        return Tuple.of(Atom.of("child"), pidTerm(), spec.id(), spec.start().toTerm(), spec.restart().atom(), Atom.FALSE,
                spec.shutdown().toTerm(), spec.type().atom(), spec.modules());
    }

    /** {@return the child as supervisor reports name the offender: supervisor.erl's {@code extract_child/1}} */
    Term toOffender() {
        return ErlList.of(
                Tuple.of(Atom.of("pid"), pidTerm()),
                Tuple.of(Atom.of("id"), spec.id()),
                Tuple.of(Atom.of("mfargs"), spec.start().toTerm()),
                Tuple.of(Atom.of("restart_type"), spec.restart().atom()),
                Tuple.of(Atom.of("significant"), Atom.FALSE),
                Tuple.of(Atom.of("shutdown"), spec.shutdown().toTerm()),
                Tuple.of(Atom.of("child_type"), spec.type().atom()));
    }
}
