package dev.beamlink.dist.frame;

/**
 * What a connection does with large messages: the size of the fragments it sends (erl_ext_dist "Distribution Header
 * for fragmented messages"), and what a peer's fragments may make it hold.
 *
 * @param fragmentSize     the most bytes of a message in one fragment this node sends (OTP sends 64 KiB)
 * @param maxMessageSize   the largest message a peer may send, whole or in fragments
 * @param maxBufferedBytes the most bytes the incomplete fragmented messages of one connection may hold together
 * @param maxOpenSequences the most fragmented messages of one connection that may be incomplete at once
 */
public record FragmentLimits(int fragmentSize, long maxMessageSize, long maxBufferedBytes, int maxOpenSequences) {

    /** The smallest fragment size: OTP's own minimum. */
    public static final int MIN_FRAGMENT_SIZE = 16;
    /** OTP's fragment size (ERTS_DIST_FRAGMENT_SIZE), beamlink's default. */
    public static final int DEFAULT_FRAGMENT_SIZE = 64 << 10;
    /** The default of {@link #maxBufferedBytes()}: 256 MiB. */
    public static final long DEFAULT_MAX_BUFFERED_BYTES = 256L << 20;
    /** The default of {@link #maxOpenSequences()}. */
    public static final int DEFAULT_MAX_OPEN_SEQUENCES = 4096;

    public FragmentLimits {
        if (fragmentSize < MIN_FRAGMENT_SIZE) {
            throw new IllegalArgumentException("fragmentSize: " + fragmentSize + " (expected: >= " + MIN_FRAGMENT_SIZE + ")");
        }
        if (maxMessageSize < 64) {
            throw new IllegalArgumentException("maxMessageSize: " + maxMessageSize + " (expected: >= 64)");
        }
        if (maxBufferedBytes < 1) {
            throw new IllegalArgumentException("maxBufferedBytes: " + maxBufferedBytes + " (expected: >= 1)");
        }
        if (maxOpenSequences < 1) {
            throw new IllegalArgumentException("maxOpenSequences: " + maxOpenSequences + " (expected: >= 1)");
        }
    }

    /** {@return the defaults, with messages of at most {@code maxMessageSize} bytes} */
    public static FragmentLimits defaults(long maxMessageSize) {
        return new FragmentLimits(DEFAULT_FRAGMENT_SIZE, maxMessageSize, DEFAULT_MAX_BUFFERED_BYTES, DEFAULT_MAX_OPEN_SEQUENCES);
    }
}
