package dev.beamlink.epmd;

/**
 * No connection to EPMD could be made, or it broke before a reply: nothing listens on the port, the host
 * is unknown or unreachable, or the connection was not accepted within the connect time-out.
 */
public final class EpmdUnreachableException extends EpmdException {

    EpmdUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
