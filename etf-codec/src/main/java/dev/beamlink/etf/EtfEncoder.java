package dev.beamlink.etf;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;

/**
 * Encodes {@link Term}s in the External Term Format (erl_ext_dist), byte for byte as OTP 25's
 * {@code term_to_binary(T, [{minor_version, 2}])} wherever OTP is deterministic: UTF-8 atoms
 * (SMALL_ATOM_UTF8_EXT / ATOM_UTF8_EXT), the smallest integer form, NEW_FLOAT_EXT, STRING_EXT for proper
 * lists of at most 65535 integers 0..255, NEW_PID_EXT, NEWER_REFERENCE_EXT, NEW_PORT_EXT for port numbers
 * that fit 32 bits and V4_PORT_EXT for larger ones (as OTP 25 does), and maps of up to 32 keys in
 * map-key order (OTP's flatmaps); larger maps are written in their iteration order. Thread-safe, and its
 * options immutable: make one with {@link #builder()} and share it. Between calls it keeps one spare array
 * (at most {@value #MAX_SPARE} bytes) that a caller encoding into an array takes while no other has it.
 *
 * <p>Terms Erlang cannot hold (NaN and infinite floats, atoms with unpaired surrogates) fail with an
 * {@link IllegalArgumentException}. Nesting is encoded on an explicit stack.
 */
public final class EtfEncoder {

    /** The default of {@link Builder#compositeThreshold(int)}: binaries of 4 KiB or more. */
    public static final int DEFAULT_COMPOSITE_THRESHOLD = 4096;
    /** The zlib level of {@code term_to_binary(T, [compressed])}. */
    public static final int DEFAULT_COMPRESSION_LEVEL = 6;

    private static final EtfEncoder DEFAULT = builder().build();

    /**
     * The largest array an encoder keeps between calls to encode into ({@link #takeSink}): a term up to this size is
     * written into it and copied out at its exact length, one allocation a call instead of a guessed array and then
     * the exact one.
     */
    static final int MAX_SPARE = 64 << 10;
    private static final VarHandle SPARE;

    static {
        try {
            SPARE = MethodHandles.lookup().findVarHandle(EtfEncoder.class, "spare", byte[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The array to encode into next, taken by one caller at a time; null while taken (others make their own). */
    @SuppressWarnings("unused") // accessed through SPARE
    private volatile byte[] spare;
    private final int compressionLevel;   // -1: not compressed
    private final int compositeThreshold;

    private EtfEncoder(Builder builder) {
        this.compressionLevel = builder.compressionLevel;
        this.compositeThreshold = builder.compositeThreshold;
    }

    /** {@return the encoder with the default options: not compressed} */
    public static EtfEncoder defaults() {
        return DEFAULT;
    }

    /** {@return a builder with the default options} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return {@code term} as a whole external term: the version byte 131, then the term (compressed
     * with tag 80 when this encoder compresses and that is not longer)}
     *
     * @throws IllegalArgumentException if the term cannot be encoded
     */
    public byte[] encode(Term term) {
        ArraySink sink = takeSink(term);
        TermWriter writer = new TermWriter(sink, null, 0);
        writer.writeByte(EtfTags.VERSION);
        writer.write(term);
        byte[] bytes = sink.toByteArray(writer.written());
        giveBack(sink, bytes);
        return compressionLevel < 0 ? bytes : compress(bytes);
    }

    /**
     * {@return a sink over this encoder's spare array, if no other caller has it, else over an array of the size
     * guessed for {@code term}} A binary always gets the guess, which is exact: its array is the one handed out.
     */
    private ArraySink takeSink(Term term) {
        byte[] array = term instanceof Binary ? null : (byte[]) SPARE.getAndSet(this, null);
        return array == null ? new ArraySink(SizeGuess.of(term, 0)) : new ArraySink(array);
    }

    /** Keeps the array of {@code sink} as the spare, unless it was handed out as {@code result} or is too large. */
    private void giveBack(ArraySink sink, byte[] result) {
        if (sink.array != result && sink.array.length <= MAX_SPARE) {
            SPARE.setRelease(this, sink.array);
        }
    }

    /**
     * Writes {@code term} as a whole external term (version byte 131 first) at the writer index of
     * {@code buf}, growing it as needed, and moves the writer index past it. On an exception the writer
     * index stays where it was.
     *
     * @throws IllegalArgumentException if the term cannot be encoded
     */
    public void encode(Term term, ByteBuf buf) {
        if (compressionLevel >= 0) {
            buf.writeBytes(encode(term));
            return;
        }
        write(term, buf, null, true);
    }

    /**
     * Writes {@code term} WITHOUT the version byte (as the terms after a distribution header are) at the
     * writer index of {@code buf}, and moves the writer index past it. Never compressed. On an exception
     * the writer index stays where it was.
     *
     * @throws IllegalArgumentException if the term cannot be encoded
     */
    public void encodeTerm(Term term, ByteBuf buf) {
        write(term, buf, null, false);
    }

    /**
     * Writes {@code term} WITHOUT the version byte at the writer index of {@code buf}, asking
     * {@code atomCache} for every atom whether to write an ATOM_CACHE_REF instead, and moves the writer
     * index past it. Never compressed. The term is written in one pass: on an exception the writer index
     * stays where it was, but the cache may have been asked for the atoms before the failing part.
     *
     * <p>When {@code buf} is a {@link CompositeByteBuf}, binaries of at least
     * {@link Builder#compositeThreshold(int)} bytes are not copied: their bytes are added as components
     * of their own (read-only wrappers of the binaries' arrays).
     *
     * @throws IllegalArgumentException if the term cannot be encoded, or the cache answers an index
     *                                  outside 0..254
     */
    public void encodeTerm(Term term, ByteBuf buf, OutgoingAtomCache atomCache) {
        write(term, buf, atomCache, false);
    }

    private void write(Term term, ByteBuf buf, OutgoingAtomCache atomCache, boolean versioned) {
        if (buf instanceof CompositeByteBuf composite) {
            writeComposite(term, composite, atomCache, versioned);
            return;
        }
        if (buf.hasArray()) {
            // Straight into the buffer's array, grown through the buffer.
            int writerIndex = buf.writerIndex();
            HeapBufSink sink = new HeapBufSink(buf, term);
            try {
                sink.finish(writeInto(term, sink, atomCache, versioned, 0).written());
            } catch (RuntimeException | Error e) {
                buf.writerIndex(writerIndex);
                throw e;
            }
        } else {
            // Direct memory: encode into an array, then one bulk copy.
            ArraySink sink = takeSink(term);
            int n = writeInto(term, sink, atomCache, versioned, 0).written();
            buf.writeBytes(sink.array, 0, n);
            giveBack(sink, null);
        }
    }

    private static TermWriter writeInto(Term term, ByteSink sink, OutgoingAtomCache atomCache, boolean versioned,
                                        int splice) {
        TermWriter writer = new TermWriter(sink, atomCache, splice);
        if (versioned) {
            writer.writeByte(EtfTags.VERSION);
        }
        writer.write(term);
        return writer;
    }

    /** Writes the term into an array of its own, added as components with the large binaries between. */
    private void writeComposite(Term term, CompositeByteBuf composite, OutgoingAtomCache atomCache, boolean versioned) {
        ArraySink sink = new ArraySink(SizeGuess.of(term, compositeThreshold));
        TermWriter writer = writeInto(term, sink, atomCache, versioned, compositeThreshold);
        byte[] bytes = sink.array;
        List<ByteBuf> parts = new ArrayList<>(2 * writer.splices().size() + 1);
        int from = 0;
        for (TermWriter.Splice splice : writer.splices()) {
            if (splice.position() > from) {
                parts.add(Unpooled.wrappedBuffer(bytes, from, splice.position() - from));
            }
            Binary binary = splice.binary();
            parts.add(Unpooled.wrappedBuffer(binary.array(), binary.offset(), binary.size()).asReadOnly());
            from = splice.position();
        }
        if (writer.written() > from) {
            parts.add(Unpooled.wrappedBuffer(bytes, from, writer.written() - from));
        }
        if (composite.writerIndex() < composite.capacity()) {
            composite.capacity(composite.writerIndex()); // components go right after the written bytes
        }
        composite.addComponents(true, parts);
    }

    /** As term_to_binary/2 with {@code {compressed, Level}}: only when the result is not longer. */
    private byte[] compress(byte[] plain) {
        int dataLength = plain.length - 1;
        Deflater deflater = new Deflater(compressionLevel);
        try {
            deflater.setInput(plain, 1, dataLength);
            deflater.finish();
            // Compressed = 6 header bytes + zlib data; worth it only if not longer than the plain term.
            byte[] out = new byte[plain.length + 1];
            int room = plain.length - 6;
            if (room <= 0) {
                return plain;
            }
            int n = 0;
            while (!deflater.finished() && n < room) {
                n += deflater.deflate(out, 6 + n, room - n);
            }
            if (!deflater.finished()) {
                return plain;
            }
            out[0] = (byte) EtfTags.VERSION;
            out[1] = (byte) EtfTags.COMPRESSED;
            ByteBuffer.wrap(out).putInt(2, dataLength);
            return java.util.Arrays.copyOf(out, 6 + n);
        } finally {
            deflater.end();
        }
    }

    /** {@return the zlib level of compressed output, or -1 when this encoder does not compress} */
    public int compressionLevel() {
        return compressionLevel;
    }

    /** {@return the size from which binaries become components of their own in a {@link CompositeByteBuf}} */
    public int compositeThreshold() {
        return compositeThreshold;
    }

    @Override
    public String toString() {
        return "EtfEncoder[compressionLevel=" + compressionLevel + ", compositeThreshold=" + compositeThreshold + "]";
    }

    /** Options of an {@link EtfEncoder}. */
    public static final class Builder {

        private int compressionLevel = -1;
        private int compositeThreshold = DEFAULT_COMPOSITE_THRESHOLD;

        private Builder() {
        }

        /**
         * Compresses whole terms ({@link #encode(Term)}) as {@code term_to_binary(T, [compressed])} does:
         * zlib level 6, kept only when not longer than the plain encoding.
         */
        public Builder compressed() {
            return compressionLevel(DEFAULT_COMPRESSION_LEVEL);
        }

        /**
         * Compresses whole terms at zlib {@code level} (0 to 9), as {@code {compressed, Level}}; -1 turns
         * compression off (the default).
         */
        public Builder compressionLevel(int level) {
            if (level < -1 || level > 9) {
                throw new IllegalArgumentException("compression level: " + level + " (expected: -1 (off) or 0..9)");
            }
            this.compressionLevel = level;
            return this;
        }

        /**
         * Binaries of at least {@code bytes} bytes written into a {@link CompositeByteBuf} become components
         * of their own instead of being copied (default 4096).
         */
        public Builder compositeThreshold(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("composite threshold: " + bytes + " (expected: >= 1)");
            }
            this.compositeThreshold = bytes;
            return this;
        }

        /** {@return the encoder} */
        public EtfEncoder build() {
            return new EtfEncoder(this);
        }
    }
}
