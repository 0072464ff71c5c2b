package dev.beamlink.etf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The atom table's cap: only atoms that are added take a slot; one refused takes none. */
class AtomTableTest {

    private static final int CAP = 100;

    @Test
    void atomsRefusedByInternTakeNoSlot() {
        AtomTable table = new AtomTable(CAP);
        for (int i = 0; i < CAP - 1; i++) {
            String tooLong = "x".repeat(Atom.MAX_CHARACTERS + 1) + i; // as a distribution header's long atom may be
            assertThrows(IllegalArgumentException.class, () -> table.intern(tooLong));
        }
        assertEquals(0, table.size());
        for (int i = 0; i < CAP; i++) {
            assertEquals("good_" + i, table.intern("good_" + i).text());
        }
        assertEquals(CAP, table.size());
        assertEquals("atom table full: 100 atoms; cannot add 'one_more'",
                assertThrows(IllegalStateException.class, () -> table.intern("one_more")).getMessage());
    }

    @Test
    void atomsTheDecoderRefusesTakeNoSlot() {
        AtomTable table = new AtomTable(CAP);
        EtfDecoder decoder = EtfDecoder.builder().atomTable(table).build();
        for (int i = 0; i < CAP - 1; i++) {
            // ATOM_UTF8_EXT of 256 ASCII characters: within the 1020 bytes the length field allows, but one
            // character too many; and of bytes that are not UTF-8.
            byte[] bytes = atomUtf8Ext("a".repeat(Atom.MAX_CHARACTERS) + (char) ('a' + i % 26));
            EtfDecodeException tooLong = assertThrows(EtfDecodeException.class, () -> decoder.decode(bytes));
            assertEquals("ATOM_UTF8_EXT at offset 1: atom of 256 characters (expected: <= 255)", tooLong.getMessage());
            assertThrows(EtfDecodeException.class, () -> decoder.decode(HexFormat.of().parseHex("837702C080")));
        }
        assertEquals(0, table.size());
        for (int i = 0; i < CAP; i++) {
            assertEquals(Atom.of("good_" + i), decoder.decode(Etf.encode(Atom.of("good_" + i))));
        }
        assertEquals(CAP, table.size());
        assertEquals("SMALL_ATOM_UTF8_EXT at offset 1: atom table full (100 atoms): cannot add 'one_more'",
                assertThrows(EtfDecodeException.class, () -> decoder.decode(Etf.encode(Atom.of("one_more")))).getMessage());
    }

    @Test
    void withoutATableTheDecoderRefusesALongAsciiAtomWithItsOwnException() {
        assertEquals("ATOM_UTF8_EXT at offset 1: atom of 1020 characters (expected: <= 255)",
                assertThrows(EtfDecodeException.class, () -> Etf.decode(atomUtf8Ext("b".repeat(1020)))).getMessage());
        assertEquals(Atom.of("c".repeat(255)), Etf.decode(atomUtf8Ext("c".repeat(255))));
    }

    private static byte[] atomUtf8Ext(String ascii) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(131);
        out.write(EtfTags.ATOM_UTF8_EXT);
        out.write(ascii.length() >>> 8);
        out.write(ascii.length());
        out.writeBytes(ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
