package dev.beamlink.etf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The one-pass encoder's fast paths at their edges, each byte for byte against the erl_ext_dist form OTP
 * writes (term_to_binary(T, [{minor_version, 2}])): atoms written as ASCII until a character is not,
 * lists written as STRING_EXT until an element does not fit one, big integers from their two's
 * complement, arrays too small for the term, and every target (byte[], heap, pooled and direct buffers).
 */
class EncoderEdgeCasesTest {

    private static final HexFormat HEX = HexFormat.of();

    /**
     * Encodes to a byte[] and, after a byte already there, into every kind of buffer: the bytes must be the
     * same everywhere, and decode (from the byte[] and from each buffer) to the term.
     *
     * @return the bytes, in upper-case hex
     */
    static String encodeEverywhere(Term term) {
        byte[] expected = Etf.encode(term);
        for (ByteBuf buf : List.of(Unpooled.buffer(1), Unpooled.directBuffer(1), PooledByteBufAllocator.DEFAULT.directBuffer(1),
                PooledByteBufAllocator.DEFAULT.heapBuffer(1), Unpooled.compositeBuffer())) {
            buf.writeByte(7);
            Etf.encode(term, buf);
            byte[] written = new byte[buf.readableBytes() - 1];
            buf.getBytes(1, written);
            assertArrayEquals(expected, written, buf.getClass().getSimpleName());
            buf.readerIndex(1);
            assertEquals(term, Etf.decode(buf));
            buf.release();
        }
        assertEquals(term, Etf.decode(expected));
        return HEX.formatHex(expected).toUpperCase();
    }

    private static String hex(String text) {
        return HEX.formatHex(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toUpperCase();
    }

    // ---------------------------------------------------------------- atoms

    @Test
    void atomsOfEveryLengthAndAlphabetTakeTheSmallestUtf8Form() {
        assertEquals("837700", encodeEverywhere(Atom.of("")));
        String ascii255 = "a".repeat(255);
        assertEquals("8377FF" + hex(ascii255), encodeEverywhere(Atom.of(ascii255)));
        // Non-ASCII at the end: the ASCII attempt fails on the last character.
        assertEquals("837705" + "636166C3A9", encodeEverywhere(Atom.of("café")));
        // A Latin-1 character is still two bytes of UTF-8 (OTP 26+ and minor_version 2 write UTF-8 atoms).
        assertEquals("837702C3BF", encodeEverywhere(Atom.of("ÿ")));
        // 254 ASCII characters and one é: 255 characters, 256 bytes, so ATOM_UTF8_EXT after all.
        String overflow = "b".repeat(254) + "é";
        assertEquals("83760100" + hex(overflow), encodeEverywhere(Atom.of(overflow)));
        // 255 two-byte characters: 510 bytes.
        String latin = "é".repeat(255);
        assertEquals("837601FE" + "C3A9".repeat(255), encodeEverywhere(Atom.of(latin)));
        // 255 characters outside the BMP: 510 chars, 1020 bytes.
        String emoji = "\uD83D\uDE00".repeat(255);
        assertEquals("837603FC" + "F09F9880".repeat(255), encodeEverywhere(Atom.of(emoji)));
        // Three-byte characters.
        assertEquals("837706" + "E282ACE282AC", encodeEverywhere(Atom.of("€€")));
    }

    @Test
    void anUnencodableTermLeavesTheBufferAsItWas() {
        assertThrows(IllegalArgumentException.class, () -> Etf.encode(Atom.of("ok\uDC00")));
        // Deep in a term that has grown the buffer already.
        List<Term> elements = new ArrayList<>(Collections.nCopies(5000, Atom.of("padding")));
        elements.add(new ErlFloat(Double.NaN));
        Term term = ErlList.from(elements);
        for (ByteBuf buf : List.of(Unpooled.buffer(4), PooledByteBufAllocator.DEFAULT.heapBuffer(4), Unpooled.directBuffer(4))) {
            buf.writeInt(7);
            assertThrows(IllegalArgumentException.class, () -> Etf.encode(term, buf));
            assertEquals(4, buf.writerIndex(), buf.getClass().getSimpleName());
            assertEquals(7, buf.getInt(0));
            buf.release();
        }
    }

    // ---------------------------------------------------------------- lists

    @Test
    void byteListsAreStringExtUpTo65535ElementsAndListExtFrom65536() {
        String ones = "01".repeat(65535);
        assertEquals("836BFFFF" + ones, encodeEverywhere(ErlList.from(Collections.nCopies(65535, Int.of(1)))));
        assertEquals("836C00010000" + "6101".repeat(65536) + "6A",
                encodeEverywhere(ErlList.from(Collections.nCopies(65536, Int.of(1)))));
        assertEquals("836B0002" + "00FF", encodeEverywhere(ErlList.of(Int.of(0), Int.of(255))));
    }

    @Test
    void aListThatStopsBeingAStringIsWidenedToListExt() {
        // The last of 65535 elements does not fit a byte: every byte so far becomes a SMALL_INTEGER_EXT.
        List<Term> elements = new ArrayList<>(Collections.nCopies(65534, Int.of(7)));
        elements.add(Int.of(256));
        assertEquals("836C0000FFFF" + "6107".repeat(65534) + "62000001006A", encodeEverywhere(ErlList.from(elements)));
        // At the first element, in the middle, and negative numbers.
        assertEquals("836C00000002" + "62FFFFFFFF" + "61056A", encodeEverywhere(ErlList.of(Int.of(-1), Int.of(5))));
        assertEquals("836C00000003" + "6101" + "770178" + "61026A",
                encodeEverywhere(ErlList.of(Int.of(1), Atom.of("x"), Int.of(2))));
        // Bytes then an improper tail: LIST_EXT, never STRING_EXT.
        assertEquals("836C00000002" + "61016102" + "770174",
                encodeEverywhere(new ErlList(List.of(Int.of(1), Int.of(2)), Atom.of("t"))));
    }

    @Test
    void widenedStringsSurviveTheArrayGrowingUnderThem() {
        // The guess from the root is far too small: the array grows while the 300 bytes are widened.
        List<Term> elements = new ArrayList<>(Collections.nCopies(300, Int.of(9)));
        elements.add(Atom.of("x"));
        Term term = Tuple.of(ErlList.from(elements));
        assertEquals("8368016C0000012D" + "6109".repeat(300) + "770178" + "6A", encodeEverywhere(term));
        // And many of them, nested.
        List<Term> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(Tuple.of(ErlList.from(elements), ErlList.ofString("abc"), Int.of(i)));
        }
        Term big = ErlList.from(many);
        assertEquals(big, Etf.decode(Etf.encode(big)));
        encodeEverywhere(big);
    }

    // ---------------------------------------------------------------- integers

    /** SMALL_BIG_EXT / LARGE_BIG_EXT as erl_ext_dist spells them: the sign, then |v| least significant byte first. */
    private static String big(BigInteger v) {
        byte[] bigEndian = v.abs().toByteArray();
        int skip = bigEndian[0] == 0 ? 1 : 0;
        int n = bigEndian.length - skip;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(131);
        if (n <= 255) {
            out.write(110);
            out.write(n);
        } else {
            out.write(111);
            out.writeBytes(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        }
        out.write(v.signum() < 0 ? 1 : 0);
        for (int i = bigEndian.length - 1; i >= skip; i--) {
            out.write(bigEndian[i]);
        }
        return HEX.formatHex(out.toByteArray()).toUpperCase();
    }

    @Test
    void bigIntegersAtEveryByteBoundaryAndPowerOfTwo() {
        BigInteger two63 = BigInteger.ONE.shiftLeft(63);
        BigInteger two64 = BigInteger.ONE.shiftLeft(64);
        assertEquals("836E0800" + "00".repeat(7) + "80", encodeEverywhere(BigInt.integer(two63)));
        assertEquals("836E0801" + "01" + "00".repeat(6) + "80", encodeEverywhere(BigInt.integer(two63.add(BigInteger.ONE).negate())));
        assertEquals("836E0900" + "00".repeat(8) + "01", encodeEverywhere(BigInt.integer(two64)));
        assertEquals("836E0901" + "00".repeat(8) + "01", encodeEverywhere(BigInt.integer(two64.negate())));
        assertEquals("836E0801" + "FF".repeat(8), encodeEverywhere(BigInt.integer(two64.subtract(BigInteger.ONE).negate())));
        for (int bits = 64; bits <= 2100; bits += bits < 200 || (bits > 2020 && bits < 2060) ? 1 : 97) {
            BigInteger power = BigInteger.ONE.shiftLeft(bits);
            for (BigInteger v : List.of(power, power.subtract(BigInteger.ONE), power.add(BigInteger.ONE),
                    power.negate(), power.subtract(BigInteger.ONE).negate(), power.add(BigInteger.ONE).negate(),
                    power.add(BigInteger.valueOf(0x1234_5678_9ABCL)).negate(),
                    power.divide(BigInteger.valueOf(3)), power.divide(BigInteger.valueOf(3)).negate())) { // 0101...
                assertEquals(big(v), HEX.formatHex(Etf.encode(BigInt.integer(v))).toUpperCase(), v.toString(16));
            }
        }
        // 255 digit bytes is the last SMALL_BIG_EXT, 256 the first LARGE_BIG_EXT, either sign.
        BigInteger top = BigInteger.ONE.shiftLeft(8 * 255);
        assertEquals("836EFF00" + "FF".repeat(255), encodeEverywhere(BigInt.integer(top.subtract(BigInteger.ONE))));
        assertEquals("836EFF01" + "FF".repeat(255), encodeEverywhere(BigInt.integer(top.subtract(BigInteger.ONE).negate())));
        assertEquals("836F0000010001" + "00".repeat(255) + "01", encodeEverywhere(BigInt.integer(top.negate())));
        assertEquals("836F0000010000" + "00".repeat(255) + "01", encodeEverywhere(BigInt.integer(top)));
    }

    @Test
    void magnitudeBitLengthIsThatOfTheAbsoluteValue() {
        for (int bits = 1; bits < 300; bits++) {
            BigInteger power = BigInteger.ONE.shiftLeft(bits);
            for (BigInteger v : List.of(power, power.negate(), power.add(BigInteger.ONE).negate(), power.subtract(BigInteger.ONE).negate())) {
                assertEquals(v.abs().bitLength(), TermWriter.magnitudeBitLength(v), v.toString());
            }
        }
    }

    // ---------------------------------------------------------------- maps and the model

    @Test
    void flatmapKeysAreSortedInMapKeyOrderWhateverTheirInsertionOrder() {
        List<Term> ordered = List.of(Int.of(-5), Int.of(1), Int.of(300), BigInt.integer(BigInteger.ONE.shiftLeft(70)),
                new ErlFloat(-0.0), new ErlFloat(0.0), new ErlFloat(1.0), Atom.of("a"), Atom.of("ab"), Atom.of("b"),
                Atom.of("é"), Tuple.of(Atom.of("x")), Tuple.of(Atom.of("a"), Atom.of("b")), Nil.NIL,
                ErlList.of(Int.of(1)), Binary.EMPTY, Binary.ofUtf8("a"), Binary.ofUtf8("ab"), Binary.of(new byte[] {(byte) 0xFF}));
        List<Term> shuffled = new ArrayList<>(ordered);
        Collections.shuffle(shuffled, new java.util.Random(42));
        Map<Term, Term> entries = new LinkedHashMap<>();
        shuffled.forEach(k -> entries.put(k, Int.of(entries.size())));
        ErlMap decoded = (ErlMap) Etf.decode(Etf.encode(new ErlMap(entries)));
        assertEquals(ordered, List.copyOf(decoded.entries().keySet()));
        for (int i = 0; i < ordered.size(); i++) {
            for (int j = 0; j < ordered.size(); j++) {
                assertEquals(Integer.signum(Integer.compare(i, j)), Integer.signum(TermOrder.MAP_KEYS.compare(ordered.get(i), ordered.get(j))),
                        ordered.get(i) + " vs " + ordered.get(j));
            }
        }
    }

    @Test
    void elementListsOfTheModelAreImmutableAndNullFree() {
        Tuple tuple = Tuple.of(Atom.OK, Int.of(1));
        assertThrows(UnsupportedOperationException.class, () -> tuple.elements().add(Atom.OK));
        assertEquals(List.of(Atom.OK, Int.of(1)), tuple.elements());
        assertEquals(List.of(Atom.OK, Int.of(1)).hashCode(), tuple.elements().hashCode());
        assertThrows(NullPointerException.class, () -> Tuple.of(Atom.OK, null));
        assertThrows(NullPointerException.class, () -> new Tuple(java.util.Arrays.asList(Atom.OK, null)));
        assertThrows(NullPointerException.class, () -> ErlList.from(java.util.Arrays.asList(Atom.OK, null)));
        Term[] given = {Atom.OK, Atom.ERROR};
        Tuple fromArray = Tuple.of(given);
        given[0] = Atom.UNDEFINED;
        assertEquals(Atom.OK, fromArray.get(0), "Tuple.of keeps a copy of its arguments");
    }
}
