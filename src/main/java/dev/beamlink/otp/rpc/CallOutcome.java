package dev.beamlink.otp.rpc;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.ErlangException;
import dev.beamlink.node.Reasons;
import java.util.Objects;

/**
 * How a call of an exported function went: what {@code try apply(M, F, A) catch ...} gives, and what it becomes for
 * each way of calling: erpc's exit reason, rpc's answer, a spawned process's end.
 */
sealed interface CallOutcome {

    Atom RETURN = Atom.of("return");
    Atom BADRPC = Atom.of("badrpc");
    Atom EXIT = Atom.of("EXIT");
    Atom NOCATCH = Atom.of("nocatch");

    /** The function returned {@code value}. */
    record Returned(Term value) implements CallOutcome {
        public Returned {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The function raised {@code reason} of class {@code kind}, with {@code stack} (erpc's trimmed stack: the frames of
     * the function, ending with its own).
     */
    record Raised(ErlangException.Kind kind, Term reason, Term stack) implements CallOutcome {
        public Raised {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(stack, "stack");
        }
    }

    /**
     * {@return the exit reason of {@code erpc:execute_call(Res, M, F, A)}}: {@code {Res, return, Value}},
     * {@code {Res, throw, Value}}, {@code {Res, exit, Reason}} or {@code {Res, error, Reason, Stack}}
     */
    default Term erpcExitReason(Term res) {
        return switch (this) {
            case Returned(Term value) -> Tuple.of(res, RETURN, value);
            case Raised(var kind, Term reason, Term stack) when kind == ErlangException.Kind.ERROR ->
                    Tuple.of(res, kind.atom(), reason, stack);
            case Raised(var kind, Term reason, Term stack) -> Tuple.of(res, kind.atom(), reason);
        };
    }

    /**
     * {@return what {@code rpc:call/4} answers} (rex's {@code execute_call/3}): the value, a thrown value as it is,
     * {@code {badrpc, {'EXIT', Reason}}} for an exit and {@code {badrpc, {'EXIT', {Reason, Stack}}}} for an error
     */
    default Term rpcAnswer() {
        return switch (this) {
            case Returned(Term value) -> value;
            case Raised(var kind, Term value, Term stack) when kind == ErlangException.Kind.THROW -> value;
            case Raised(var kind, Term reason, Term stack) when kind == ErlangException.Kind.EXIT ->
                    Tuple.of(BADRPC, Tuple.of(EXIT, reason));
            case Raised(var kind, Term reason, Term stack) -> Tuple.of(BADRPC, Tuple.of(EXIT, Tuple.of(reason, stack)));
        };
    }

    /**
     * {@return the exit reason of a process that ran the call as its body}: {@code normal}, {@code {Reason, Stack}} for
     * an error, {@code Reason} for an exit, {@code {{nocatch, Value}, Stack}} for a throw, as for an Erlang process
     */
    default Term processExitReason() {
        return switch (this) {
            case Returned(Term value) -> Reasons.NORMAL;
            case Raised(var kind, Term reason, Term stack) when kind == ErlangException.Kind.EXIT -> reason;
            case Raised(var kind, Term value, Term stack) when kind == ErlangException.Kind.THROW ->
                    Tuple.of(Tuple.of(NOCATCH, value), stack);
            case Raised(var kind, Term reason, Term stack) -> Tuple.of(reason, stack);
        };
    }
}
