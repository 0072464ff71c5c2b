package dev.beamlink.etf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Encoding: what Erlang cannot hold, buffers of every kind, large binaries into composites. */
class EncoderTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void unencodableValuesFailWithAClearIllegalArgumentException() {
        assertEquals("cannot encode the float NaN: Erlang floats are finite",
                assertThrows(IllegalArgumentException.class, () -> Etf.encode(new ErlFloat(Double.NaN))).getMessage());
        assertEquals("cannot encode the float -Infinity: Erlang floats are finite",
                assertThrows(IllegalArgumentException.class,
                        () -> Etf.encode(Tuple.of(new ErlFloat(Double.NEGATIVE_INFINITY)))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Etf.encode(Atom.of("bad\uD800")));
        assertThrows(IllegalArgumentException.class, () -> EtfEncoder.defaults().encodeTerm(Atom.OK, Unpooled.buffer(), a -> 255));
    }

    @Test
    void theSignOfZeroIsKeptAndZerosAreDistinct() {
        assertEquals("83468000000000000000", HEX.formatHex(Etf.encode(new ErlFloat(-0.0))).toUpperCase());
        assertNotEquals(new ErlFloat(0.0), Etf.decode(Etf.encode(new ErlFloat(-0.0))));
        assertEquals(new ErlFloat(-0.0), Etf.decode(Etf.encode(new ErlFloat(-0.0))));
    }

    @Test
    void integersTakeTheSmallestForm() {
        assertEquals("83610F", HEX.formatHex(Etf.encode(Int.of(15))).toUpperCase());
        assertEquals("8362FFFFFF00", HEX.formatHex(Etf.encode(Int.of(-256))).toUpperCase());
        assertEquals("836E040000000080",
                HEX.formatHex(Etf.encode(Int.of(1L << 31))).toUpperCase());
        assertEquals("836E08010000000000000080", HEX.formatHex(Etf.encode(Int.of(Long.MIN_VALUE))).toUpperCase());
        assertEquals(Int.of(Long.MIN_VALUE), Etf.decode(Etf.encode(Int.of(Long.MIN_VALUE))));
        Term huge = BigInt.integer(BigInteger.TWO.pow(100_000).negate());
        assertEquals(huge, Etf.decode(Etf.encode(huge)));
    }

    /**
     * The encoder's spare array is written into and copied out: no array handed out is ever written again, whatever
     * the sizes (larger than the spare, exactly its length, past {@link EtfEncoder#MAX_SPARE}), failures in between
     * and callers at once.
     */
    @Test
    void noEncodedArrayIsWrittenAgainByALaterEncoding() throws Exception {
        EtfEncoder encoder = EtfEncoder.builder().build();
        List<Term> terms = new ArrayList<>();
        for (int size : new int[] {0, 1, 3, 40, 41, 500, 5_000, 70_000, 2, 7}) {
            terms.add(ErlList.from(IntStream.range(0, size).<Term>mapToObj(
                    i -> i % 3 == 0 ? Int.of(i) : i % 3 == 1 ? Atom.of("a" + i) : Binary.ofUtf8("b" + i)).toList()));
            terms.add(Int.of(size));
            terms.add(Binary.wrap(new byte[size])); // a binary's array is exact: handed out, never kept
        }
        List<byte[]> encoded = new ArrayList<>();
        for (Term term : terms) {
            encoded.add(encoder.encode(term));
            Term unencodable = Tuple.of(term, new ErlFloat(Double.NaN));
            assertThrows(IllegalArgumentException.class, () -> encoder.encode(unencodable));
        }
        for (int i = 0; i < terms.size(); i++) {
            assertArrayEquals(EtfEncoder.builder().build().encode(terms.get(i)), encoded.get(i), "term " + i);
        }
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                int caller = c;
                done.add(callers.submit(() -> {
                    List<byte[]> mine = new ArrayList<>();
                    for (int k = 0; k < 2_000; k++) {
                        mine.add(encoder.encode(terms.get((k + caller) % terms.size())));
                    }
                    for (int k = 0; k < mine.size(); k++) {
                        assertArrayEquals(encoded.get((k + caller) % terms.size()), mine.get(k));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            callers.shutdownNow();
        }
    }

    /**
     * A heap buffer is grown to the size guessed for the term only when it fills, and no further than it may grow: a
     * buffer whose maximum capacity is exactly the term's size takes it although the guess is larger.
     */
    @Test
    void aHeapBufferIsGrownOnlyWhenItFillsAndNeverPastItsMaximum() {
        Term list = ErlList.from(IntStream.range(0, 300)
                .<Term>mapToObj(i -> Tuple.of(Atom.of("k" + i), Int.of(i))).toList());
        byte[] expected = Etf.encode(list);
        var exact = Unpooled.buffer(0, expected.length);
        EtfEncoder.defaults().encode(list, exact);
        assertArrayEquals(expected, ByteBufUtil.getBytes(exact));
        var roomy = Unpooled.buffer(expected.length + 100);
        EtfEncoder.defaults().encode(list, roomy);
        assertEquals(expected.length + 100, roomy.capacity(), "a buffer with room is not grown");
        var small = Unpooled.buffer(16);
        EtfEncoder.defaults().encode(list, small);
        assertArrayEquals(expected, ByteBufUtil.getBytes(small));
        var tooSmall = Unpooled.buffer(0, expected.length - 1);
        assertThrows(IndexOutOfBoundsException.class, () -> EtfEncoder.defaults().encode(list, tooSmall));
    }

    @Test
    void everyKindOfTargetBufferGetsTheSameBytes() {
        Term term = Tuple.of(Atom.of("hello"), Binary.ofUtf8("payload-0123456789"), Int.of(42),
                ErlList.of(Int.of(1), Int.of(2), Int.of(3)));
        EncoderEdgeCasesTest.encodeEverywhere(term);
    }

    @Test
    void largeBinariesBecomeComponentsOfACompositeWithoutACopy() {
        byte[] payload = new byte[65536];
        payload[0] = 1;
        Binary big = Binary.wrap(payload);
        Term term = Tuple.of(Atom.of("data"), big, Binary.ofUtf8("small"), big);
        CompositeByteBuf composite = Unpooled.compositeBuffer();
        composite.writeBytes(new byte[] {(byte) 131});
        EtfEncoder.defaults().encodeTerm(term, composite);
        // 131 | header ... <<big>> | ... <<big>>
        assertEquals(5, composite.numComponents());
        assertSame(payload, composite.component(2).unwrap() == null ? composite.component(2).array()
                : composite.component(2).unwrap().array());
        assertEquals(term, Etf.decode(composite));
        byte[] flat = new byte[composite.writerIndex()];
        composite.getBytes(0, flat);
        assertArrayEquals(Etf.encode(term), flat);
    }

    @Test
    void termFromConvertsEverydayJavaValues() {
        enum Color { RED }
        assertEquals(Atom.of("RED"), Term.from(Color.RED));
        assertEquals(Tuple.of(Atom.of("k"), Int.of(1)), Term.from(Map.entry(Atom.of("k"), 1)));
        assertEquals(ErlList.of(Int.of(1), Atom.TRUE, Binary.ofUtf8("s")), Term.from(List.of(1, true, "s")));
        assertEquals(new ErlMap(Map.of(Binary.ofUtf8("a"), new ErlFloat(1.5))), Term.from(Map.of("a", 1.5)));
    }
}
