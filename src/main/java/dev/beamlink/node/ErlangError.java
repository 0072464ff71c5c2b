package dev.beamlink.node;

import dev.beamlink.etf.Term;

/**
 * An Erlang error ({@code erlang:error(Reason)}): raised by a runtime call, such as {@code noproc} for a link to a
 * local process that does not exist or {@code badarg} for a registered name that is taken, or by Erlang code on
 * another node. Like an Erlang error it can be caught; uncaught, the process ends with {@code {Reason, Stack}}, the
 * stack printed as Erlang prints one (see {@link Mailbox} on exit reasons). Process code may throw it too, as
 * {@code erlang:error/1}.
 */
public non-sealed class ErlangError extends ErlangException {

    /** An error with this reason, and a message that says why for Java readers. */
    public ErlangError(Term reason, String message) {
        super(reason, null, message, null);
    }

    /** An error an Erlang node raised, with the stack it reported. */
    public ErlangError(Term reason, Term erlangStack, String message) {
        super(reason, erlangStack, message, null);
    }

    @Override
    public final Kind kind() {
        return Kind.ERROR;
    }
}
