package dev.beamlink.otp;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.ErlangExit;
import java.util.Objects;

/**
 * An exit raised by a function that ran on another node through {@link Erpc}, as {@code erpc:call/5} raises it:
 * {@code exit({exception, Reason})}; {@link #remoteReason()} is {@code Reason}.
 */
public final class RemoteExit extends ErlangExit {

    private static final Atom EXCEPTION = Atom.of("exception");

    private final transient Term remoteReason;

    public RemoteExit(Term remoteReason) {
        super(Tuple.of(EXCEPTION, Objects.requireNonNull(remoteReason, "remoteReason")),
                "the remote function exited with " + remoteReason);
        this.remoteReason = remoteReason;
    }

    /** {@return the reason the remote function exited with} */
    public Term remoteReason() {
        return remoteReason;
    }
}
