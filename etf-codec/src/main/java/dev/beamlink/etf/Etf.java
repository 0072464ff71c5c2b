package dev.beamlink.etf;

import io.netty.buffer.ByteBuf;

/**
 * The External Term Format with the default options: {@code term_to_binary/2} with
 * {@code [{minor_version, 2}]} and {@code binary_to_term/1} for Java. For options (an {@link AtomTable},
 * shared binaries, compression, atom caches, terms without the version byte) use an {@link EtfEncoder}
 * or {@link EtfDecoder}.
 */
public final class Etf {

    private Etf() {
    }

    /** {@return {@code term} as a whole external term, starting with the version byte 131} */
    public static byte[] encode(Term term) {
        return EtfEncoder.defaults().encode(term);
    }

    /** Writes {@code term} as a whole external term at the writer index of {@code buf}. */
    public static void encode(Term term, ByteBuf buf) {
        EtfEncoder.defaults().encode(term, buf);
    }

    /**
     * {@return the term in {@code bytes}, which hold exactly one external term} Atoms are created as
     * decoded (no table); binaries are copied.
     *
     * @throws EtfDecodeException if the bytes are not one valid external term
     */
    public static Term decode(byte[] bytes) {
        return EtfDecoder.defaults().decode(bytes);
    }

    /**
     * {@return the external term at the reader index of {@code buf}} The reader index moves past it.
     *
     * @throws EtfDecodeException if the readable bytes do not start with a valid external term
     */
    public static Term decode(ByteBuf buf) {
        return EtfDecoder.defaults().decode(buf);
    }
}
