package dev.beamlink.otp;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.ErlangException;
import java.util.Objects;

/**
 * The outcome of one call through {@link Erpc}, kept rather than thrown: what {@code erpc:multicall/5} lists, and what
 * an answer from a collection of calls carries.
 */
public sealed interface ErpcOutcome {

    /** {@return the result} @throws ErlangException what the call raised, as {@link Erpc#call} throws it */
    Term get();

    /**
     * {@return the outcome as {@code erpc:multicall/5} lists it}: {@code {ok, Value}}, {@code {throw, Value}},
     * {@code {exit, {exception, Reason}}}, {@code {error, {exception, Reason, Stack}}}, {@code {error, {erpc, Reason}}}
     * or {@code {exit, {signal, Reason}}}
     */
    Term toTerm();

    /** The function returned {@code value}. */
    record Returned(Term value) implements ErpcOutcome {
        public Returned {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Term get() {
            return value;
        }

        @Override
        public Term toTerm() {
            return Tuple.of(Atom.OK, value);
        }
    }

    /** The call raised {@code exception}: a {@link RemoteError}, a {@link RemoteExit}, a throw, an {@link ErpcFailure} ... */
    record Raised(ErlangException exception) implements ErpcOutcome {
        public Raised {
            Objects.requireNonNull(exception, "exception");
        }

        @Override
        public Term get() {
            throw exception;
        }

        @Override
        public Term toTerm() {
            return Tuple.of(exception.kind().atom(), exception.reason());
        }
    }

    /** {@return the outcome of running {@code call}: its result, or what it raised} */
    static ErpcOutcome of(java.util.function.Supplier<Term> call) {
        try {
            return new Returned(call.get());
        } catch (ErlangException e) {
            return new Raised(e);
        }
    }
}
