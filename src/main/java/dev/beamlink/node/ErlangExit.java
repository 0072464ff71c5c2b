package dev.beamlink.node;

import dev.beamlink.etf.Term;

/**
 * An Erlang exit exception ({@code erlang:exit(Reason)}): what a failed {@code gen_server:call} raises, among others.
 * It can be caught; uncaught, the process ends with {@code Reason} as it is. (Not to be confused with
 * {@link ProcessEnded}, which says the process has ended already.)
 */
public non-sealed class ErlangExit extends ErlangException {

    /** An exit with this reason, and a message that says why for Java readers. */
    public ErlangExit(Term reason, String message) {
        super(reason, null, message, null);
    }

    /** An exit an Erlang node raised, with the stack it reported. */
    public ErlangExit(Term reason, Term erlangStack, String message) {
        super(reason, erlangStack, message, null);
    }

    @Override
    public final Kind kind() {
        return Kind.EXIT;
    }
}
