package dev.beamlink.otp;

import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import java.util.Objects;
import java.util.Optional;

/**
 * One child as {@code supervisor:which_children/1} lists it: {@code {Id, Child, Type, Modules}}.
 *
 * @param id      the child's id
 * @param child   its pid, {@code restarting} while a restart of it has failed and is to be tried again, or
 *                {@code undefined} when it does not run
 * @param type    {@code worker} or {@code supervisor}
 * @param modules its modules: a list of atoms, or {@code dynamic}
 */
public record ChildInfo(Term id, Term child, ChildSpec.Type type, Term modules) {

    public ChildInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(child, "child");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(modules, "modules");
    }

    /** {@return the child's process, if it runs} */
    public Optional<Pid> pid() {
        return child instanceof Pid pid ? Optional.of(pid) : Optional.empty();
    }
}
