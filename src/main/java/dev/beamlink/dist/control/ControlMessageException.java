package dev.beamlink.dist.control;

/** A control message that breaks the protocol: an unknown operation, or a tuple of the wrong shape. */
public final class ControlMessageException extends Exception {

    public ControlMessageException(String message) {
        super(message);
    }
}
