package dev.beamlink.otp;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.ErlangError;
import java.util.Objects;

/**
 * A call through {@link Erpc} that did not get an answer from the function: {@code error({erpc, Reason})} with
 * {@code noconnection} (the node cannot be reached or went down), {@code timeout}, or why the node made no process
 * ({@code notsup}, {@code system_limit} ...).
 */
public final class ErpcFailure extends ErlangError {

    private static final Atom ERPC = Atom.of("erpc");

    private final transient Term failure;

    public ErpcFailure(Term failure) {
        super(Tuple.of(ERPC, Objects.requireNonNull(failure, "failure")), "erpc: " + failure);
        this.failure = failure;
    }

    /** {@return why there was no answer: {@code noconnection}, {@code timeout} ...} */
    public Term failure() {
        return failure;
    }
}
