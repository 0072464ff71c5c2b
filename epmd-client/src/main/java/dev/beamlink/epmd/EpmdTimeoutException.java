package dev.beamlink.epmd;

import java.time.Duration;

/** EPMD accepted the connection but its whole reply did not arrive within the read time-out. */
public final class EpmdTimeoutException extends EpmdException {

    private final Duration timeout;

    EpmdTimeoutException(String message, Duration timeout, Throwable cause) {
        super(message, cause);
        this.timeout = timeout;
    }

    /** {@return the time-out that passed} */
    public Duration timeout() {
        return timeout;
    }
}
