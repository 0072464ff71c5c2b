package dev.beamlink.dist.handshake;

import java.io.IOException;

/** A distribution handshake that did not complete, and why. */
public final class HandshakeException extends IOException {

    /** Why a handshake failed. */
    public enum Reason {
        /** The deadline passed first. */
        TIMEOUT,
        /** The peer closed the connection. */
        CLOSED,
        /** A frame or message is not what the protocol allows at this step. */
        MALFORMED,
        /** The peer's digest does not prove our cookie: a wrong cookie on one side. */
        BAD_COOKIE,
        /** The peer lacks capability flags we require. */
        MISSING_FLAGS,
        /** The peer refused us ({@code not_allowed}), or we refused it. */
        NOT_ALLOWED,
        /** Simultaneous connect: this attempt gave way to the other one ({@code nok}). */
        SIMULTANEOUS,
        /** A connection to the peer is already up and this attempt was declined ({@code alive} / {@code false}). */
        ALREADY_CONNECTED,
        /** The peer is not the node we meant to connect to. */
        WRONG_PEER
    }

    private final Reason reason;

    public HandshakeException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    public HandshakeException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    /** {@return why the handshake failed} */
    public Reason reason() {
        return reason;
    }
}
