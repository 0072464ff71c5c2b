package dev.beamlink.epmd;

import java.io.IOException;

/**
 * A request to EPMD failed. The subclasses tell the reasons apart:
 * <ul>
 *   <li>{@link EpmdUnreachableException}: no connection to EPMD (nothing listens, unknown host, connect time-out);</li>
 *   <li>{@link EpmdTimeoutException}: EPMD accepted the connection but did not answer in time;</li>
 *   <li>{@link EpmdNameInUseException}: EPMD refused a registration (the name is registered already);</li>
 *   <li>{@link EpmdProtocolException}: the reply was malformed or cut short.</li>
 * </ul>
 * A name that is not registered is no error: {@link EpmdClient#lookup(String)} returns an empty result.
 */
public abstract sealed class EpmdException extends IOException
        permits EpmdUnreachableException, EpmdTimeoutException, EpmdNameInUseException, EpmdProtocolException {

    EpmdException(String message, Throwable cause) {
        super(message, cause);
    }
}
