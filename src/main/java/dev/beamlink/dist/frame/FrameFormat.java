package dev.beamlink.dist.frame;

import dev.beamlink.dist.handshake.DistFlags;
import dev.beamlink.etf.EtfDecoder;
import dev.beamlink.etf.EtfEncoder;
import dev.beamlink.etf.Term;
import io.netty.buffer.ByteBuf;

/**
 * How the terms of a distribution message are laid out inside a frame, as the flags a connection
 * negotiated decide: the one place that writes and reads frame contents. {@link FrameReader} cuts frames
 * out of the byte stream; a format turns a frame into a {@link DistMessage} and back.
 *
 * <p>Today every connection uses {@link PassThroughFormat} (beamlink offers neither
 * {@code DFLAG_DIST_HDR_ATOM_CACHE} nor {@code DFLAG_FRAGMENTS}). The distribution header with its atom
 * cache and fragments is another permitted format, chosen by {@link #negotiated} when those flags are set;
 * an instance belongs to one connection, so such a format may hold the connection's atom caches and
 * fragment reassembly state.
 */
public sealed interface FrameFormat permits PassThroughFormat {

    /**
     * Writes one whole frame, its 4-byte length first, at the writer index of {@code out}.
     *
     * @param control the control tuple
     * @param payload the term that follows it, or null
     * @throws IllegalArgumentException if a term cannot be encoded (nothing usable is left in {@code out})
     */
    void encode(Term control, Term payload, ByteBuf out);

    /**
     * {@return the terms of one frame} (its length prefix already taken off, and not a tick)
     *
     * @throws FrameException if the frame is not a message of this format, or a term does not decode
     */
    DistMessage decode(ByteBuf frame) throws FrameException;

    /**
     * {@return the format for a connection with the negotiated {@code flags}}, a new instance for each
     * connection
     *
     * @throws IllegalArgumentException if the flags ask for a format beamlink does not have yet
     */
    static FrameFormat negotiated(DistFlags flags, EtfEncoder encoder, EtfDecoder decoder) {
        if (flags.has(DistFlags.DFLAG_DIST_HDR_ATOM_CACHE) || flags.has(DistFlags.DFLAG_FRAGMENTS)) {
            throw new IllegalArgumentException("the distribution header is not supported yet: " + flags);
        }
        return new PassThroughFormat(encoder, decoder);
    }
}
