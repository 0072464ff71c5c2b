package dev.beamlink.global.internal;

import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import java.util.Objects;

/**
 * A global name as nodes exchange it: {@code {Name, Pid, Method}}, where {@code Method} is the fun that resolves
 * a clash over the name ({@code fun(Name, Pid1, Pid2) -> Pid | none}).
 *
 * @param name   the name, any term
 * @param pid    the process that has it
 * @param method the resolve fun, carried as it came
 */
record NameEntry(Term name, Pid pid, Term method) {

    NameEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(method, "method");
    }

    /** {@return the entry {@code term} is} @throws GlobalTerms.MalformedMessage if it is not {@code {Name, Pid, Method}} */
    static NameEntry of(Term term) {
        Tuple t = GlobalTerms.tuple(term, 3, "a name entry");
        return new NameEntry(t.get(0), GlobalTerms.pid(t.get(1), "the pid of a name entry"), t.get(2));
    }

    Tuple toTerm() {
        return Tuple.of(name, pid, method);
    }
}
