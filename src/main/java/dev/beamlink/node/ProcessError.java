package dev.beamlink.node;

import dev.beamlink.etf.Term;
import java.util.Objects;

/**
 * An Erlang error ({@code erlang:error(Reason)}) raised by a runtime call, such as {@code noproc} for a
 * link to a local process that does not exist, or {@code badarg} for a registered name that is taken.
 * Like an Erlang error it can be caught; uncaught, the process ends with {@code {Reason, Stack}}, the
 * stack printed as Erlang prints one (see {@link Mailbox} on exit reasons). Process code may throw it
 * too, as {@code erlang:error/1}.
 */
public class ProcessError extends RuntimeException {

    private final transient Term reason;

    /** An error with this reason, and a message that says why for Java readers. */
    public ProcessError(Term reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** {@return the error reason term} */
    public Term reason() {
        return reason;
    }
}
