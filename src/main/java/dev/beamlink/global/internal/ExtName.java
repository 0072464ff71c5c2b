package dev.beamlink.global.internal;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;

/**
 * A name registered for a process of a node without global (a C node) through an Erlang node, {@code RegNode}:
 * {@code {Name, Pid, RegNode}} (global.erl's {@code global_names_ext}). When {@code RegNode} goes down, the name goes.
 */
record ExtName(Term name, Pid pid, Atom regNode) {

    static ExtName of(Term term) {
        Tuple t = GlobalTerms.tuple(term, 3, "an external name");
        return new ExtName(t.get(0), GlobalTerms.pid(t.get(1), "the pid of an external name"),
                GlobalTerms.atom(t.get(2), "the registering node of an external name"));
    }

    Tuple toTerm() {
        return Tuple.of(name, pid, regNode);
    }
}
