package dev.beamlink.otp;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.ErlangError;
import java.util.Objects;

/**
 * An error raised by a function that ran on another node through {@link Erpc}, as {@code erpc:call/5} raises it:
 * {@code error({exception, Reason, Stack})}. {@link #remoteReason()} is {@code Reason} (for example {@code undef} or
 * {@code badarg}) and {@link #erlangStack()} the stack the other node reported.
 */
public final class RemoteError extends ErlangError {

    private static final Atom EXCEPTION = Atom.of("exception");

    private final transient Term remoteReason;

    public RemoteError(Term remoteReason, Term stack) {
        super(Tuple.of(EXCEPTION, Objects.requireNonNull(remoteReason, "remoteReason"), stack), stack,
                "the remote function raised error " + remoteReason);
        this.remoteReason = remoteReason;
    }

    /** {@return the reason the remote function raised, without the {@code {exception, _, Stack}} around it} */
    public Term remoteReason() {
        return remoteReason;
    }
}
