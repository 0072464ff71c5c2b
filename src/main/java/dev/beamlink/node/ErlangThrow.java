package dev.beamlink.node;

import dev.beamlink.etf.Term;

/**
 * An Erlang throw ({@code throw(Value)}): a non-local return. Uncaught, the process ends with
 * {@code {{nocatch, Value}, Stack}}, as an Erlang process does.
 */
public final class ErlangThrow extends ErlangException {

    /** A throw of {@code value}. */
    public ErlangThrow(Term value) {
        super(value, null, "throw " + value, null);
    }

    /** A throw an Erlang node raised, with the stack it reported. */
    public ErlangThrow(Term value, Term erlangStack) {
        super(value, erlangStack, "throw " + value, null);
    }

    @Override
    public Kind kind() {
        return Kind.THROW;
    }
}
