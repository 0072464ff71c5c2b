package dev.beamlink.etf;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;

/**
 * Decodes the External Term Format (erl_ext_dist) into {@link Term}s. Thread-safe, and immutable but for
 * a bounded cache of the ASCII atoms it decoded last (2048 at most, found again by their bytes, which
 * changes no result): make one with {@link #builder()} and share it.
 *
 * <ul>
 *   <li>{@link #decode(byte[])} and {@link #decode(ByteBuf)} read a whole external term: the version
 *       byte 131, then one term, possibly compressed (tag 80).</li>
 *   <li>{@link #decodeTerm(ByteBuf, IncomingAtomCache)} reads one term without the version byte, as the
 *       terms after a distribution header are, resolving ATOM_CACHE_REF through the given cache.</li>
 * </ul>
 *
 * <p>Every tag of erl_ext_dist decodes, including the deprecated Latin-1 atoms, PID_EXT, PORT_EXT,
 * REFERENCE_EXT and NEW_REFERENCE_EXT, and FLOAT_EXT. Two do not: FUN_EXT (removed in OTP 23) and
 * LOCAL_EXT, whose bytes are in an unspecified format that only the runtime instance that wrote them can
 * read; both fail with an {@link EtfDecodeException} that says so. A LIST_EXT of no elements decodes to
 * its tail, and a list whose tail is another LIST_EXT or STRING_EXT to the one joined list, as on OTP.
 *
 * <p>Bad input of any kind, and input past a configured limit, fails with an {@link EtfDecodeException};
 * nothing else is thrown, whatever the bytes. Lengths are checked against the bytes left before anything
 * is allocated, and nesting is decoded on an explicit stack (a list nested a million deep decodes). Three
 * limits bound what one term may cost, each refusal an {@link EtfDecodeException} with the numbers:
 * <ul>
 *   <li>{@link Builder#maxTermMemory(long)}: the heap the decoded term takes, as the decoder estimates it
 *       piece by piece before making each (a tuple nested in a tuple is 2 bytes of input and about 130
 *       bytes of heap: without this limit, 64 MiB of input, or a few KiB compressed, would make gigabytes);</li>
 *   <li>{@link Builder#maxDecompressedSize(int)}: the bytes a compressed term may inflate to. The inflated
 *       bytes are kept in an array that grows as they arrive, not one of the declared size;</li>
 *   <li>{@link Builder#maxBigIntegerBytes(int)}: the digits of one big integer.</li>
 * </ul>
 *
 * <p>Binaries are copied out of the input by default, which is safe with pooled buffers. With
 * {@link Builder#shareBinaries(boolean)} they share the input's bytes instead (no copy) when the input
 * is a {@code byte[]} or an unpooled heap {@link ByteBuf}; never direct or pooled memory, which is
 * reused after release. The binaries of a compressed term always share its inflated bytes, which no one
 * else holds.
 */
public final class EtfDecoder {

    /** The default of {@link Builder#maxDecompressedSize(int)}: 64 MiB. */
    public static final int DEFAULT_MAX_DECOMPRESSED_SIZE = 64 << 20;
    /** The default of {@link Builder#maxBigIntegerBytes(int)}: 1 MiB (an integer of 8 million bits). */
    public static final int DEFAULT_MAX_BIG_INTEGER_BYTES = 1 << 20;
    /**
     * The default of {@link Builder#maxTermMemory(long)}: 256 MiB, as estimated. That holds a 128 MiB binary
     * copied out of the input, or a list of 30 million small integers; not 64 MiB of nested tuples (about
     * 4 GiB of heap).
     */
    public static final long DEFAULT_MAX_TERM_MEMORY = 256L << 20;

    private static final EtfDecoder DEFAULT = builder().build();

    private final AtomTable atomTable;
    private final boolean shareBinaries;
    private final int maxDecompressedSize;
    private final int maxBigIntegerBytes;
    private final long maxTermMemory;
    private final AsciiAtoms asciiAtoms = new AsciiAtoms();

    private EtfDecoder(Builder builder) {
        this.atomTable = builder.atomTable;
        this.shareBinaries = builder.shareBinaries;
        this.maxDecompressedSize = builder.maxDecompressedSize;
        this.maxBigIntegerBytes = builder.maxBigIntegerBytes;
        this.maxTermMemory = builder.maxTermMemory;
    }

    /** {@return the decoder with the default options: no atom table, binaries copied} */
    public static EtfDecoder defaults() {
        return DEFAULT;
    }

    /** {@return a builder with the default options} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return the term encoded in {@code bytes}: the version byte, then one term, and nothing after it}
     *
     * @throws EtfDecodeException if the bytes are not exactly one external term, or exceed a limit
     */
    public Term decode(byte[] bytes) {
        TermReader reader = TermReader.of(bytes, 0, bytes.length, shareBinaries, this, null, false);
        Term term = reader.readVersionedTerm();
        if (reader.position() != bytes.length) {
            throw new EtfDecodeException(EtfDecodeException.NO_TAG, reader.position(),
                    (bytes.length - reader.position()) + " bytes left after the term");
        }
        return term;
    }

    /**
     * Reads one whole external term (the version byte, then a term, possibly compressed) from the
     * readable bytes of {@code buf}, without copying them, and moves the reader index past it.
     * Offsets in errors count from the reader index; on an error the reader index does not move.
     *
     * @return the term
     * @throws EtfDecodeException if the readable bytes do not start with an external term
     */
    public Term decode(ByteBuf buf) {
        return read(buf, null, true);
    }

    /**
     * Reads one term WITHOUT the version byte (as the terms after a distribution header are) at the
     * reader index of {@code buf}, and moves the reader index past it. An ATOM_CACHE_REF fails.
     *
     * @return the term
     * @throws EtfDecodeException if the readable bytes do not start with a term
     */
    public Term decodeTerm(ByteBuf buf) {
        return read(buf, null, false);
    }

    /**
     * Reads one term WITHOUT the version byte at the reader index of {@code buf}, resolving ATOM_CACHE_REF
     * (tag 82) through {@code atomCache}, and moves the reader index past it.
     *
     * @param atomCache the atoms of the current distribution header's atom cache references
     * @return the term
     * @throws EtfDecodeException if the readable bytes do not start with a term, or a cache index is empty
     */
    public Term decodeTerm(ByteBuf buf, IncomingAtomCache atomCache) {
        return read(buf, atomCache, false);
    }

    private Term read(ByteBuf buf, IncomingAtomCache atomCache, boolean versioned) {
        int start = buf.readerIndex();
        int length = buf.readableBytes();
        boolean share = shareBinaries && isUnpooledHeap(buf);
        TermReader reader = buf.hasArray()
                ? TermReader.of(buf.array(), buf.arrayOffset() + start, length, share, this, atomCache, false)
                // One NIO view of the readable bytes: no copy unless buf is a composite of several components.
                : TermReader.of(buf.nioBuffer(start, length), share, this, atomCache);
        Term term = versioned ? reader.readVersionedTerm() : reader.readTerm();
        buf.readerIndex(start + reader.position());
        return term;
    }

    /** Whether {@code buf}'s array belongs to it alone for good: unpooled heap memory, through any slices. */
    private static boolean isUnpooledHeap(ByteBuf buf) {
        ByteBuf current = buf;
        for (int i = 0; i < 16 && current != null; i++) {
            if (current instanceof UnpooledHeapByteBuf) {
                return true;
            }
            ByteBuf inner = current.unwrap();
            if (inner == null || inner == current) {
                return false;
            }
            current = inner;
        }
        return false;
    }

    /** {@return the atom table atoms are interned in, or null when atoms are just created} */
    public AtomTable atomTable() {
        return atomTable;
    }

    /** {@return whether binaries share the input's bytes where that is safe} */
    public boolean sharesBinaries() {
        return shareBinaries;
    }

    /** {@return the most bytes a compressed term may inflate to} */
    public int maxDecompressedSize() {
        return maxDecompressedSize;
    }

    /** {@return the most digit bytes of a SMALL_BIG_EXT or LARGE_BIG_EXT} */
    public int maxBigIntegerBytes() {
        return maxBigIntegerBytes;
    }

    /** The atoms this decoder made from ASCII bytes, by their bytes. */
    AsciiAtoms asciiAtoms() {
        return asciiAtoms;
    }

    /** {@return the most heap one decoded term may take, as the decoder estimates it} */
    public long maxTermMemory() {
        return maxTermMemory;
    }

    @Override
    public String toString() {
        return "EtfDecoder[atomTable=" + atomTable + ", shareBinaries=" + shareBinaries + ", maxDecompressedSize="
                + maxDecompressedSize + ", maxBigIntegerBytes=" + maxBigIntegerBytes + ", maxTermMemory="
                + maxTermMemory + "]";
    }

    /** Options of an {@link EtfDecoder}. */
    public static final class Builder {

        private AtomTable atomTable;
        private boolean shareBinaries;
        private int maxDecompressedSize = DEFAULT_MAX_DECOMPRESSED_SIZE;
        private int maxBigIntegerBytes = DEFAULT_MAX_BIG_INTEGER_BYTES;
        private long maxTermMemory = DEFAULT_MAX_TERM_MEMORY;

        private Builder() {
        }

        /**
         * Interns every decoded atom in {@code table}, which caps the distinct atoms untrusted input can
         * create (null, the default: atoms are created as decoded, bounded only by the input's size).
         */
        public Builder atomTable(AtomTable table) {
            this.atomTable = table;
            return this;
        }

        /**
         * Whether binaries share the input's bytes instead of copying them (default false). Only a
         * {@code byte[]} input or an unpooled heap {@link ByteBuf} is shared; the caller must then not
         * change those bytes while the terms live. Direct and pooled buffers are always copied from.
         */
        public Builder shareBinaries(boolean share) {
            this.shareBinaries = share;
            return this;
        }

        /**
         * The most bytes a compressed term may declare and inflate to (default 64 MiB). The inflated bytes
         * count against {@link #maxTermMemory(long)} too, as the array they are kept in grows.
         */
        public Builder maxDecompressedSize(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxDecompressedSize: " + bytes + " (expected: >= 1)");
            }
            this.maxDecompressedSize = bytes;
            return this;
        }

        /** The most digit bytes of one big integer (default 1 MiB). */
        public Builder maxBigIntegerBytes(int bytes) {
            if (bytes < 8) {
                throw new IllegalArgumentException("maxBigIntegerBytes: " + bytes + " (expected: >= 8)");
            }
            this.maxBigIntegerBytes = bytes;
            return this;
        }

        /**
         * The most heap one decoded term may take (default 256 MiB), as the
         * decoder estimates it from above before it makes each part: its tuples, lists, maps and funs (an
         * object and an array of references each), the integers, floats, pids and other leaves it makes,
         * the bytes of the binaries it copies (not of those that share the input), the atoms it makes
         * without an atom table, the inflated bytes of a compressed term, and its own stack. Past it,
         * decoding fails with an {@link EtfDecodeException} at the term that would exceed it.
         */
        public Builder maxTermMemory(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxTermMemory: " + bytes + " (expected: >= 1024)");
            }
            this.maxTermMemory = bytes;
            return this;
        }

        /** {@return the decoder} */
        public EtfDecoder build() {
            return new EtfDecoder(this);
        }
    }
}
