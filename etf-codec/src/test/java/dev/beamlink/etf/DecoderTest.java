package dev.beamlink.etf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** Decoding: errors with their numbers, limits checked before allocation, depth, buffers and sharing. */
class DecoderTest {

    private static final HexFormat HEX = HexFormat.of();

    private static EtfDecodeException rejects(String hex) {
        return assertThrows(EtfDecodeException.class, () -> Etf.decode(HEX.parseHex(hex)));
    }

    @Test
    void errorsNameTheTagTheOffsetAndTheNumbers() {
        // {a, LARGE_BIG_EXT of length 2^32-1} with 12 bytes after its header
        String big = "83" + "6802" + "770161" + "6FFFFFFFFF" + "00" + "00".repeat(11);
        assertEquals("LARGE_BIG_EXT at offset 6: length 4294967295 exceeds the 11 bytes left", rejects(big).getMessage());
        EtfDecodeException e = rejects("83690FFFFFFF6A");
        assertEquals(EtfTags.LARGE_TUPLE_EXT, e.tag());
        assertEquals(1, e.offset());
        assertEquals("LARGE_TUPLE_EXT at offset 1: length 268435455 exceeds the 1 bytes left", e.getMessage());
        assertEquals("at offset 0: version byte 130 (expected: 131)", rejects("826A").getMessage());
        assertEquals("at offset 2: 1 bytes left after the term", rejects("836A6A").getMessage());
        assertEquals("LIST_EXT at offset 1: length 4294967296 exceeds the 0 bytes left", rejects("836CFFFFFFFF").getMessage());
        assertEquals("MAP_EXT at offset 1: length 4 exceeds the 3 bytes left", rejects("837400000002610161").getMessage());
        assertEquals("MAP_EXT at offset 1: duplicate key 1 (pair 2 of 2)", rejects("8374000000026101610161016102").getMessage());
        assertEquals("SMALL_ATOM_UTF8_EXT at offset 1: the 2 bytes of the atom are not valid UTF-8", rejects("837702C080").getMessage());
        assertEquals("SMALL_ATOM_UTF8_EXT at offset 1: the 3 bytes of the atom are not valid UTF-8", rejects("837703EDA080").getMessage());
        assertTrue(rejects("83640100" + "61".repeat(256)).getMessage().contains("length 256 exceeds the 255 bytes"));
        assertEquals("NEW_FLOAT_EXT at offset 1: not a finite float: NaN", rejects("83467FF8000000000000").getMessage());
        assertEquals("PID_EXT at offset 1: creation 5 (expected: 0..3 in the one-byte creation field)",
                rejects("8367640001610000000100000002" + "05").getMessage());
        assertEquals("NEWER_REFERENCE_EXT at offset 1: 6 ID words (expected: 1..5)", rejects("835A0006640001610000000100").getMessage());
        assertEquals("BIT_BINARY_EXT at offset 1: 0 bits used in the last byte (expected: 1..8)", rejects("834D000000010005").getMessage());
        assertEquals("at offset 1: no bytes left: expected a term", rejects("83").getMessage());
        assertEquals("tag 200 at offset 1: unknown tag 200", rejects("83C8").getMessage());
        assertEquals("SMALL_TUPLE_EXT at offset 1: truncated: needs 2 bytes, 1 left", rejects("8368").getMessage());
    }

    @Test
    void otpQuirksDecodeAsOnOtp() {
        assertEquals(Int.of(0), Etf.decode(HEX.parseHex("836E0000")));                 // SMALL_BIG_EXT of no digits
        assertEquals(Int.of(-5), Etf.decode(HEX.parseHex("836E010205")));               // any non-zero sign is negative
        assertEquals(Int.of(5), Etf.decode(HEX.parseHex("836E02000500")));              // leading zero digits
        assertEquals(Nil.NIL, Etf.decode(HEX.parseHex("836B0000")));                     // STRING_EXT of length 0
        assertEquals(Binary.EMPTY, Etf.decode(HEX.parseHex("834D0000000000")));          // BIT_BINARY_EXT of no bytes
        assertEquals(Binary.of(new byte[] {5}), Etf.decode(HEX.parseHex("834D000000010805")));
        assertEquals(BitString.of(new byte[] {(byte) 0xE0}, 3), Etf.decode(HEX.parseHex("834D0000000103FF"))); // unused bits cleared
        // [1 | [2]] written as two LIST_EXTs, and a LIST_EXT of no elements, which is its tail
        assertEquals(ErlList.of(Int.of(1), Int.of(2)), Etf.decode(HEX.parseHex("836C0000000161016C0000000161026A")));
        assertEquals(Atom.of("t"), Etf.decode(HEX.parseHex("836C00000000770174")));
        assertEquals(ErlList.of(Int.of(1), Int.of(97), Int.of(98)), Etf.decode(HEX.parseHex("836C0000000161016B00026162")));
    }

    @Test
    void aMillionNestedListsDecodeWithoutOverflowingTheStack() {
        int depth = 1_000_000;
        byte[] bytes = new byte[1 + depth * 6 + 1];
        bytes[0] = (byte) 131;
        for (int i = 0; i < depth; i++) {
            int at = 1 + i * 5;
            bytes[at] = (byte) EtfTags.LIST_EXT;
            bytes[at + 4] = 1;
        }
        // depth LIST_EXT headers, then [] innermost, then depth NIL tails
        for (int i = 1 + depth * 5; i < bytes.length; i++) {
            bytes[i] = (byte) EtfTags.NIL_EXT;
        }
        Term term = Etf.decode(bytes);
        Term again = Etf.decode(bytes);
        assertEquals(term, again);
        assertEquals(term.hashCode(), again.hashCode());
        assertEquals(bytes.length, Etf.encode(term).length);
        assertEquals(0, TermOrder.STANDARD.compare(term, again));
        assertTrue(term.toString().startsWith("[[[[["));
        // And a million-long chain of one-element LIST_EXT tails decodes in linear time to one list.
        byte[] chain = new byte[1 + depth * 7 + 1];
        chain[0] = (byte) 131;
        for (int i = 0; i < depth; i++) {
            int at = 1 + i * 7;
            chain[at] = (byte) EtfTags.LIST_EXT;
            chain[at + 4] = 1;
            chain[at + 5] = (byte) EtfTags.SMALL_INTEGER_EXT;
            chain[at + 6] = 7;
        }
        chain[chain.length - 1] = (byte) EtfTags.NIL_EXT;
        assertEquals(depth, ((ErlList) Etf.decode(chain)).elements().size());
    }

    @Test
    void anAtomTableInternsAndCapsTheAtomsOfTheInput() {
        AtomTable table = new AtomTable(3);
        EtfDecoder decoder = EtfDecoder.builder().atomTable(table).build();
        Tuple t = (Tuple) decoder.decode(Etf.encode(Tuple.of(Atom.of("a"), Atom.of("b"), Atom.of("a"))));
        assertSame(t.get(0), t.get(2));
        assertSame(table.intern("a"), t.get(0));
        assertEquals(2, table.size());
        decoder.decode(Etf.encode(Atom.of("c")));
        EtfDecodeException full = assertThrows(EtfDecodeException.class, () -> decoder.decode(Etf.encode(Atom.of("d"))));
        assertEquals("SMALL_ATOM_UTF8_EXT at offset 1: atom table full (3 atoms): cannot add 'd'", full.getMessage());
        assertEquals(Atom.of("b"), decoder.decode(Etf.encode(Atom.of("b"))));
        assertThrows(IllegalStateException.class, () -> table.intern("e"));
        assertEquals(3, table.size());
    }

    @Test
    void compressedTermsAreBoundedAndCheckedAgainstTheirDeclaredSize() {
        Term big = ErlList.from(java.util.Collections.nCopies(10_000, Atom.OK));
        byte[] compressed = EtfEncoder.builder().compressed().build().encode(big);
        assertEquals(EtfTags.COMPRESSED, compressed[1]);
        assertEquals(big, Etf.decode(compressed));
        EtfDecoder small = EtfDecoder.builder().maxDecompressedSize(1000).build();
        assertEquals("COMPRESSED at offset 1: uncompressed size 40006 exceeds the limit of 1000 bytes",
                assertThrows(EtfDecodeException.class, () -> small.decode(compressed)).getMessage());
        // The declared size lies: one byte more than the data inflates to.
        byte[] lying = compressed.clone();
        lying[5]++;
        assertTrue(rejects(HEX.formatHex(lying)).getMessage().contains("inflated to 40006 bytes, but the declared size is 40007"));
        lying[5] -= 2;
        assertTrue(rejects(HEX.formatHex(lying)).getMessage().contains("inflates to more than the declared size 40005"));
        // A zip bomb: 100 MB of zeros declared as such, refused before inflating.
        assertTrue(rejects("8350" + "05F5E100" + HEX.formatHex(deflate(new byte[1000]))).getMessage()
                .contains("uncompressed size 100000000 exceeds the limit of 67108864 bytes"));
        assertTrue(rejects("835000000005FFFF").getMessage().startsWith("COMPRESSED at offset 1: bad zlib data"));
        assertEquals("COMPRESSED at offset 1: compressed data truncated after inflating 0 of 5 bytes", rejects("8350000000056A").getMessage());
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater();
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[512];
        while (!deflater.finished()) {
            out.write(chunk, 0, deflater.deflate(chunk));
        }
        deflater.end();
        return out.toByteArray();
    }

    @Test
    void byteBufVariantsReadOneTermAndMoveTheReaderIndex() {
        ByteBuf buf = Unpooled.buffer();
        buf.writeBytes(new byte[] {9, 9}).readerIndex(2);
        Etf.encode(Tuple.of(Atom.OK, Int.of(1)), buf);
        EtfEncoder.defaults().encodeTerm(Atom.of("next"), buf);
        assertEquals(Tuple.of(Atom.OK, Int.of(1)), Etf.decode(buf));
        assertEquals(Atom.of("next"), EtfDecoder.defaults().decodeTerm(buf));
        assertEquals(0, buf.readableBytes());
        // On an error the reader index stays, and offsets count from it.
        buf.writeBytes(HEX.parseHex("83680277"));
        int before = buf.readerIndex();
        EtfDecodeException e = assertThrows(EtfDecodeException.class, () -> Etf.decode(buf));
        assertEquals("SMALL_TUPLE_EXT at offset 1: length 2 exceeds the 1 bytes left", e.getMessage());
        assertEquals(before, buf.readerIndex());
    }

    @Test
    void binariesAreCopiedByDefaultAndSharedOnlyWithUnpooledHeapMemoryWhenAsked() {
        byte[] payload = new byte[65536];
        payload[7] = 42;
        byte[] bytes = Etf.encode(Binary.wrap(payload));
        EtfDecoder sharing = EtfDecoder.builder().shareBinaries(true).build();

        ByteBuf heap = Unpooled.wrappedBuffer(bytes);
        Binary copied = (Binary) Etf.decode(heap.duplicate());
        assertNotSame(bytes, copied.array());
        Binary shared = (Binary) sharing.decode(heap.duplicate());
        assertSame(bytes, shared.array(), "shares the heap buffer's array");
        assertEquals(6, shared.offset());
        assertEquals(copied, shared);
        assertSame(bytes, ((Binary) sharing.decode(bytes)).array());
        assertSame(bytes, ((Binary) sharing.decode(heap.slice(0, bytes.length))).array(), "through a slice too");

        ByteBuf pooled = PooledByteBufAllocator.DEFAULT.heapBuffer(bytes.length).writeBytes(bytes);
        Binary fromPooled = (Binary) sharing.decode(pooled);
        assertNotSame(pooled.array(), fromPooled.array(), "pooled memory is reused after release: never shared");
        pooled.release();
        assertEquals(42, fromPooled.byteAt(7));

        ByteBuf direct = Unpooled.directBuffer(bytes.length).writeBytes(bytes);
        assertEquals(copied, sharing.decode(direct));
        direct.release();
    }

    @Test
    void theAtomCacheHookIsAskedOncePerAtom() {
        AtomicInteger asked = new AtomicInteger();
        ByteBuf out = Unpooled.buffer();
        Term term = Tuple.of(new Pid(Atom.of("n@h"), 1, 2, 3), Atom.OK, new ExternalFun(Atom.of("m"), Atom.of("f"), 1));
        EtfEncoder.defaults().encodeTerm(term, out, atom -> {
            asked.incrementAndGet();
            return OutgoingAtomCache.NO_REF;
        });
        assertEquals(4, asked.get());
        assertEquals(term, EtfDecoder.defaults().decodeTerm(out));
    }
}
