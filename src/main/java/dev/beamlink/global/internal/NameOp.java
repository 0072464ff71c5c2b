package dev.beamlink.global.internal;

import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;

/**
 * One change to the name table that a connect produced (global.erl's {@code exchange_names}): insert a name, or
 * delete one. Nodes send lists of them in {@code resolved} and {@code new_nodes}.
 */
sealed interface NameOp {

    /** {@code {insert, {Name, Pid, Method}}}. */
    record Insert(NameEntry entry) implements NameOp {
        @Override
        public Term toTerm() {
            return Tuple.of(GlobalTerms.INSERT, entry.toTerm());
        }
    }

    /** {@code {delete, Name}}. */
    record Delete(Term name) implements NameOp {
        @Override
        public Term toTerm() {
            return Tuple.of(GlobalTerms.DELETE, name);
        }
    }

    /** {@return the operation as it travels} */
    Term toTerm();

    /** {@return the operation {@code term} is} @throws GlobalTerms.MalformedMessage if it is none */
    static NameOp of(Term term) {
        Tuple t = GlobalTerms.tuple(term, 2, "a name operation");
        if (t.get(0).equals(GlobalTerms.INSERT)) {
            return new Insert(NameEntry.of(t.get(1)));
        }
        if (t.get(0).equals(GlobalTerms.DELETE)) {
            return new Delete(t.get(1));
        }
        throw new GlobalTerms.MalformedMessage("not a name operation: " + term);
    }
}
