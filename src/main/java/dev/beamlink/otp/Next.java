package dev.beamlink.otp;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link GenServer} does after a callback returns, as the last element of OTP's return tuples: wait for the
 * next message ({@link #WAIT}), wait at most a time after which {@code handleInfo} gets the atom {@code timeout}
 * ({@code {noreply, State, Timeout}}), or run {@code handleContinue} at once ({@code {continue, Arg}}).
 */
public sealed interface Next {

    /** Wait for the next message, however long it takes. */
    Next WAIT = new Wait();

    /** {@return wait at most {@code timeout} for a message, else handle {@code timeout}} */
    static Next timeout(Duration timeout) {
        return new Timeout(timeout);
    }

    /** {@return run {@code handleContinue(arg, state)} before any message} */
    static Next continueWith(Object arg) {
        return new Continue(arg);
    }

    /** Wait for the next message. */
    record Wait() implements Next {
    }

    /** Wait at most {@code after}; then {@code handleInfo(timeout, State)}. */
    record Timeout(Duration after) implements Next {
        public Timeout {
            if (after.isNegative()) {
                throw new IllegalArgumentException("a negative time-out: " + after);
            }
        }
    }

    /** Run {@code handleContinue(arg, State)} first. */
    record Continue(Object arg) implements Next {
        public Continue {
            Objects.requireNonNull(arg, "arg");
        }
    }
}
