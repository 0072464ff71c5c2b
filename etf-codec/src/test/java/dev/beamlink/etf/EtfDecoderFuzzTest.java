package dev.beamlink.etf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.function.Supplier;

/**
 * Coverage-guided fuzzing of the decoder (Jazzer). Each input is decoded every way the codec offers: from a
 * {@code byte[]}, a heap {@link ByteBuf} and a direct one, with an atom table and copied binaries, and without
 * a table and with shared binaries; and, as the body of a distribution message, without the version byte and
 * with an atom cache hook. The only acceptable outcomes are a term or an {@link EtfDecodeException}, the same
 * on every path of one decoder; and a term decoded re-encodes to bytes that decode to an equal term (same hash,
 * same place in the term order) and re-encode to the same bytes.
 *
 * <p>{@code make test} replays the corpus, {@code src/test/resources/dev/beamlink/etf/EtfDecoderFuzzTestInputs/decode/}
 * (seeds from the golden vectors, and inputs that fuzzing found to reach new code), one test per file.
 * {@code bench/run fuzz} fuzzes it, coverage-guided, for a set time.
 */
class EtfDecoderFuzzTest {

    /** What an ATOM_CACHE_REF may refer to: indexes 0 to 7 of the current distribution header. */
    private static final List<Atom> ATOM_CACHE = List.of(Atom.OK, Atom.ERROR, Atom.TRUE, Atom.UNDEFINED,
            Atom.of("node@host"), Atom.of("é"), Atom.of(""), Atom.of("$gen_call"));

    @FuzzTest(maxDuration = "5m")
    void decode(byte[] input) {
        // Small limits keep each run fast; the limits themselves are fuzzed at these sizes.
        EtfDecoder copying = EtfDecoder.builder().atomTable(new AtomTable(1000)).maxDecompressedSize(1 << 20)
                .maxTermMemory(16 << 20).maxBigIntegerBytes(1 << 12).build();
        EtfDecoder sharing = EtfDecoder.builder().shareBinaries(true).maxDecompressedSize(1 << 20)
                .maxTermMemory(16 << 20).build();
        for (EtfDecoder decoder : List.of(copying, sharing)) {
            Outcome fromArray = Outcome.of(() -> decoder.decode(input));
            assertEquals(fromArray, Outcome.of(() -> decodeWhole(decoder, Unpooled.wrappedBuffer(input))), "heap ByteBuf");
            ByteBuf direct = Unpooled.directBuffer(Math.max(1, input.length)).writeBytes(input);
            try {
                assertEquals(fromArray, Outcome.of(() -> decodeWhole(decoder, direct)), "direct ByteBuf");
            } finally {
                direct.release();
            }
            fromArray.roundTrip();
        }
        // As the body of a distribution message: a term without the version byte (what follows it here, or
        // the whole input), ATOM_CACHE_REF resolved through the hook, the rest of the buffer left unread.
        int from = input.length > 0 && (input[0] & 0xFF) == EtfTags.VERSION ? 1 : 0;
        ByteBuf body = Unpooled.wrappedBuffer(input, from, input.length - from);
        Outcome.of(() -> sharing.decodeTerm(body, i -> i < ATOM_CACHE.size() ? ATOM_CACHE.get(i) : null)).roundTrip();
    }

    /** Decodes a whole external term from {@code buf}, as decode(byte[]) does: nothing may follow it. */
    private static Term decodeWhole(EtfDecoder decoder, ByteBuf buf) {
        int start = buf.readerIndex();
        Term term = decoder.decode(buf);
        if (buf.isReadable()) {
            throw new EtfDecodeException(EtfDecodeException.NO_TAG, buf.readerIndex() - start,
                    buf.readableBytes() + " bytes left after the term");
        }
        return term;
    }

    /** A decoded term, or the message of the decode exception: anything else thrown fails the run. */
    private record Outcome(Term term, String refusal) {

        static Outcome of(Supplier<Term> decode) {
            try {
                return new Outcome(decode.get(), null);
            } catch (EtfDecodeException e) {
                return new Outcome(null, e.getMessage());
            }
        }

        /** Re-encodes a decoded term, decodes it again: the same term, the same bytes. */
        void roundTrip() {
            if (term == null) {
                return;
            }
            byte[] bytes = Etf.encode(term);
            Term again = Etf.decode(bytes);
            assertEquals(term, again);
            assertEquals(term.hashCode(), again.hashCode());
            assertEquals(0, TermOrder.MAP_KEYS.compare(term, again));
            assertEquals(0, TermOrder.STANDARD.compare(again, term));
            assertArrayEquals(bytes, Etf.encode(again));
            assertEquals(term.toString(), again.toString());
        }
    }
}
