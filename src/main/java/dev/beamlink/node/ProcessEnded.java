package dev.beamlink.node;

import dev.beamlink.etf.Term;
import java.util.Objects;

/**
 * Thrown out of a runtime call when the calling process has ended: by {@link Mailbox#exit(Term)}, or
 * killed by an exit signal while it ran. From then on every call it makes into the runtime throws it
 * again, so the process does not run on.
 *
 * <p>It is an {@link Error}, not an {@link Exception}, so that {@code catch (Exception e)} in a process
 * body does not swallow a kill by accident. A body should let it propagate; the process has already
 * ended with {@link #reason()}, and catching it changes nothing.
 */
public final class ProcessEnded extends Error {

    private final transient Term reason;

    ProcessEnded(Term reason) {
        super(null, null, false, false); // stackless, and its message is made only when asked for
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String getMessage() {
        return "process ended: " + reason;
    }

    /** {@return the reason the process ended with} */
    public Term reason() {
        return reason;
    }
}
