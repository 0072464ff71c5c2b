package dev.beamlink.dist.handshake;

import static dev.beamlink.dist.handshake.DistFlags.*;

import java.time.Duration;
import java.util.Objects;

/**
 * What this node says about itself in a handshake, and what it requires of a peer.
 *
 * @param nodeName      this node's full name, {@code name@host}
 * @param flags         the capability flags this node offers
 * @param creation      this node's creation
 * @param cookie        the cookie to prove, and to check the peer's proof against
 * @param requiredFlags the flags a peer must offer (after expanding {@code MANDATORY_25_DIGEST})
 * @param timeout       how long a whole handshake may take
 */
public record HandshakeConfig(String nodeName, DistFlags flags, int creation, Cookie cookie, long requiredFlags,
                              Duration timeout) {

    /**
     * The flags beamlink offers: everything OTP 25 and 26 make mandatory, the digest that stands for
     * the OTP 25 set (which OTP 27+ requires), and monitors, monitors by name, exit payloads, send
     * sender, spawn, aliases, big seq-trace labels. {@code DIST_HDR_ATOM_CACHE} and {@code FRAGMENTS}
     * are added by the connection layer when it has them switched on; {@code PUBLISHED} unless hidden.
     */
    public static final long BASE_FLAGS = MANDATORY_DFLAGS_25 | MANDATORY_DFLAGS_26 | DFLAG_MANDATORY_25_DIGEST
            | DFLAG_DIST_MONITOR | DFLAG_DIST_MONITOR_NAME | DFLAG_EXIT_PAYLOAD | DFLAG_SEND_SENDER
            | DFLAG_SPAWN | DFLAG_ALIAS | DFLAG_BIG_SEQTRACE_LABELS | DFLAG_SMALL_ATOM_TAGS | DFLAG_UNICODE_IO;

    /**
     * What beamlink requires of a peer: the OTP 25 and 26 mandatory flags (so the new link protocol and
     * version 4 node containers are always there), and process monitoring by pid and by name.
     */
    public static final long REQUIRED_FLAGS = MANDATORY_DFLAGS_25 | MANDATORY_DFLAGS_26
            | DFLAG_DIST_MONITOR | DFLAG_DIST_MONITOR_NAME;

    /** The default handshake deadline: OTP's net_setuptime is 7 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(7);

    public HandshakeConfig {
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(cookie, "cookie");
        Objects.requireNonNull(timeout, "timeout");
        int at = nodeName.indexOf('@');
        if (at <= 0 || at == nodeName.length() - 1 || nodeName.indexOf('@', at + 1) >= 0) {
            throw new IllegalArgumentException("node name " + nodeName + " is not name@host");
        }
    }

    /** {@return the default flags, published unless {@code hidden}, plus {@code extraFlags}} */
    public static DistFlags defaultFlags(boolean hidden, long extraFlags) {
        return new DistFlags(BASE_FLAGS | extraFlags | (hidden ? 0 : DFLAG_PUBLISHED));
    }
}
