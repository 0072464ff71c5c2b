package dev.beamlink.etf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
