package dev.beamlink.dist.frame;

import dev.beamlink.dist.handshake.DistFlags;
import dev.beamlink.etf.EtfDecoder;
import dev.beamlink.etf.EtfEncoder;
import dev.beamlink.etf.Term;
import io.netty.buffer.ByteBuf;

/**
 * How the terms of a distribution message are laid out inside a frame, as the flags a connection negotiated decide:
 * the one place that writes and reads frame contents. {@link FrameReader} cuts frames out of the byte stream and
 * {@link FrameWriter} puts them into it; a format turns a frame into a {@link DistMessage} and back.
 *
 * <p>Writing happens in two steps. A sender {@linkplain #encode encodes} its message on its own thread into the bytes
 * that follow the frame's header; the writer thread then {@linkplain #writeHeader writes the header} in front of them
 * when the frame reaches the wire, in wire order, which is what a connection's atom cache needs
 * ({@link DistHeaderFormat}). A message longer than {@link #fragmentSize()} goes out in fragments, each with a
 * {@linkplain #writeFragmentHeader header of its own}.
 *
 * <p>An instance belongs to one connection: its encoding side is thread-safe; its header writing belongs to the
 * writer thread and its decoding to the reader thread (each holds the state of its direction of the atom cache).
 */
public sealed interface FrameFormat permits PassThroughFormat, DistHeaderFormat {

    /**
     * Encodes one message on the caller's thread: the control tuple, then the term that follows it, if any.
     *
     * @param sender the key of the sending process, whose messages stay in order ({@link OutgoingFrame#NO_SENDER})
     * @throws IllegalArgumentException if a term cannot be encoded (nothing is left allocated)
     */
    OutgoingFrame encode(Term control, Term payload, Object sender);

    /** Writes the 4-byte length and the header of {@code frame}, sent whole. The writer thread only. */
    void writeHeader(OutgoingFrame frame, HeaderBytes out);

    /** {@return the most body bytes of one fragment, or 0 when this format never fragments} */
    int fragmentSize();

    /**
     * Writes the 4-byte length and the header of fragment {@code fragmentId} (counting down from {@code fragments},
     * the first, to 1, the last) of {@code frame}, whose next {@code bytes} body bytes follow it. The writer thread only.
     */
    void writeFragmentHeader(OutgoingFrame frame, long sequenceId, long fragmentId, long fragments, int bytes,
                             HeaderBytes out);

    /**
     * {@return the terms of one frame} (its length prefix already taken off, and not a tick), or null for a fragment
     * that does not complete its message. The reader thread only.
     *
     * @throws FrameException if the frame is not a message of this format, a term does not decode, or fragments break
     *                        their order or limits
     */
    DistMessage decode(ByteBuf frame) throws FrameException;

    /**
     * How many of a frame's first bytes {@link #bodyTarget} looks at: a continuation's header (erl_ext_dist
     * "Continuing Fragmented Distribution Header Format": 131, 70, the sequence id and the fragment id).
     */
    int TARGET_HEAD = 18;

    /**
     * {@return where the bytes after the first {@link #TARGET_HEAD} of a frame of {@code frameLength} bytes go, if not
     * into a frame buffer: a buffer with room for them all, which they are appended to from its writer index, or null}
     * A continuation of a fragmented message goes straight into its message's buffer; the reader then hands
     * {@link #decode} the frame's first {@code TARGET_HEAD} bytes alone. The reader thread only.
     *
     * @param head a buffer whose readable bytes begin with the frame's first {@link #TARGET_HEAD} (the frame is
     *             longer), which this reads where they are, moving no index
     */
    default ByteBuf bodyTarget(ByteBuf head, int frameLength) {
        return null;
    }

    /** Drops what the reading side holds (fragments of incomplete messages). The reader thread, at its end. */
    void closeReading();

    /**
     * {@return the format for a connection with the negotiated {@code flags}}, a new instance for each connection:
     * the distribution header with its atom cache when {@code DFLAG_DIST_HDR_ATOM_CACHE} was negotiated (fragmenting
     * large messages when {@code DFLAG_FRAGMENTS} was too), else pass-through frames
     */
    static FrameFormat negotiated(DistFlags flags, EtfEncoder encoder, EtfDecoder decoder, FragmentLimits limits) {
        if (flags.has(DistFlags.DFLAG_DIST_HDR_ATOM_CACHE)) {
            return new DistHeaderFormat(encoder, decoder, limits, flags.has(DistFlags.DFLAG_FRAGMENTS));
        }
        return new PassThroughFormat(encoder, decoder);
    }

    /** {@link #negotiated(DistFlags, EtfEncoder, EtfDecoder, FragmentLimits)} with the default limits. */
    static FrameFormat negotiated(DistFlags flags, EtfEncoder encoder, EtfDecoder decoder) {
        return negotiated(flags, encoder, decoder, FragmentLimits.defaults(128L << 20));
    }
}
