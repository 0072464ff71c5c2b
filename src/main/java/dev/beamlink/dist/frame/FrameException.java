package dev.beamlink.dist.frame;

import java.io.IOException;

/** A distribution frame that breaks the protocol: the connection that sent it is closed. */
public final class FrameException extends IOException {

    public FrameException(String message) {
        super(message);
    }

    public FrameException(String message, Throwable cause) {
        super(message, cause);
    }
}
