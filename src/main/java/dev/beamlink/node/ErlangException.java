package dev.beamlink.node;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Term;
import java.util.Objects;
import java.util.Optional;

/**
 * An Erlang exception in Java: one of Erlang's three classes ({@link Kind}), with its reason term and, when it was
 * raised on an Erlang node, the stack that node reported. Code in a process may throw one, as Erlang code raises one;
 * uncaught, it ends the process as it would end an Erlang process: an {@link ErlangError} with {@code {Reason, Stack}},
 * an {@link ErlangExit} with {@code Reason} itself, an {@link ErlangThrow} with {@code {{nocatch, Value}, Stack}}.
 */
public abstract sealed class ErlangException extends RuntimeException permits ErlangError, ErlangExit, ErlangThrow {

    /** The class of an Erlang exception. */
    public enum Kind {
        /** {@code erlang:error/1}, and errors of the runtime ({@code badarg}, {@code noproc} ...). */
        ERROR,
        /** {@code erlang:exit/1}. */
        EXIT,
        /** {@code throw/1}. */
        THROW;

        private final Atom atom = Atom.of(name().toLowerCase(java.util.Locale.ROOT));

        /** {@return the class as Erlang names it: {@code error}, {@code exit} or {@code throw}} */
        public Atom atom() {
            return atom;
        }
    }

    private final transient Term reason;
    private final transient Term erlangStack;

    /**
     * @param reason      the reason (the value, for a throw)
     * @param erlangStack the stack an Erlang node reported with it, or null
     * @param message     what it means, for Java readers
     */
    ErlangException(Term reason, Term erlangStack, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.erlangStack = erlangStack;
    }

    /** {@return the exception's class} */
    public abstract Kind kind();

    /** {@return the reason term (for a throw: the value thrown)} */
    public Term reason() {
        return reason;
    }

    /** {@return the stack the Erlang node that raised it reported, if it came from one} */
    public Optional<Term> erlangStack() {
        return Optional.ofNullable(erlangStack);
    }
}
