package dev.beamlink.dist.handshake;

/**
 * A completed handshake: who the peer is and what the connection may use.
 *
 * @param peerNode           the peer's full node name
 * @param peerFlags          the flags the peer offered (with {@code MANDATORY_25_DIGEST} expanded)
 * @param flags              the flags the connection uses: those both sides offered
 * @param peerCreation       the peer's creation
 * @param replacesConnection whether the peer said an older connection between the two nodes is to be
 *                           dropped in favour of this one (the {@code alive} case)
 */
public record HandshakeResult(String peerNode, DistFlags peerFlags, DistFlags flags, int peerCreation,
                              boolean replacesConnection) {

    /** {@return whether the peer is hidden (it did not offer {@code DFLAG_PUBLISHED})} */
    public boolean peerHidden() {
        return !peerFlags.has(DistFlags.DFLAG_PUBLISHED);
    }
}
