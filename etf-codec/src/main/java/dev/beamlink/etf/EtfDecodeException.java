package dev.beamlink.etf;

/**
 * The one exception for input that is not a valid external term, or that exceeds a configured limit.
 *
 * <p>It carries the byte offset and the tag of the term being decoded, and the reason, with the numbers
 * in the message: {@code "LARGE_BIG_EXT at offset 17: length 4294967295 exceeds the 12 bytes left"}.
 * The offset counts from the first byte the decoder was given (the version byte for a whole term, the
 * tag for a term without it); inside a compressed term it counts in the decompressed bytes, and the
 * reason says so.
 */
public final class EtfDecodeException extends RuntimeException {

    /** {@link #tag()} when the error is not about a tag (such as a missing version byte). */
    public static final int NO_TAG = -1;

    private final long offset;
    private final int tag;
    private final String reason;

    /**
     * @param tag    the tag being decoded, or {@link #NO_TAG}
     * @param offset the offset of that tag (or of the faulty byte) from the start of the input
     * @param reason what is wrong, with the numbers in it
     */
    public EtfDecodeException(int tag, long offset, String reason) {
        super((tag == NO_TAG ? "" : EtfTags.name(tag) + " ") + "at offset " + offset + ": " + reason);
        this.offset = offset;
        this.tag = tag;
        this.reason = reason;
    }

    /** {@return the offset of the term (or byte) at fault, from the start of the input} */
    public long offset() {
        return offset;
    }

    /** {@return the tag of the term at fault, or {@link #NO_TAG}} */
    public int tag() {
        return tag;
    }

    /** {@return the reason, without the tag and offset} */
    public String reason() {
        return reason;
    }
}
