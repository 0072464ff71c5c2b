package dev.beamlink.etf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What one decoded term may cost: the heap its objects take ({@link EtfDecoder#maxTermMemory()}), and the
 * bytes a compressed term inflates to, allocated as they arrive. Allocation is measured with the JVM's
 * per-thread allocation counter.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TermMemoryTest {

    private static final int MIB = 1 << 20;

    @Test
    void aFewKilobytesThatInflateTo64MiBOfNestedTuplesAreRefusedWithinTheLimit() {
        // {{{...{[]}...}}}: 33,554,431 nested one-element tuples, 2 bytes each; 64 MiB inflated, 4 GiB of tuples.
        byte[] plain = new byte[64 * MIB - 1];
        for (int i = 0; i < plain.length - 1; i += 2) {
            plain[i] = (byte) EtfTags.SMALL_TUPLE_EXT;
            plain[i + 1] = 1;
        }
        plain[plain.length - 1] = (byte) EtfTags.NIL_EXT;
        byte[] bomb = compressedTerm(plain.length, plain);
        plain = null;
        assertTrue(bomb.length < 128 * 1024, "compressed to " + bomb.length + " bytes");

        EtfDecodeException e = assertThrows(EtfDecodeException.class, () -> Etf.decode(bomb));
        assertEquals(EtfTags.SMALL_TUPLE_EXT, e.tag());
        assertTrue(e.getMessage().matches("SMALL_TUPLE_EXT at offset \\d+: the decoded term takes more than the limit of "
                + "268435456 bytes of memory \\(estimated; \\d+ with this term\\) \\(in the decompressed term\\)"), e.getMessage());
        long refusedAt = allocatedBy(() -> assertThrows(EtfDecodeException.class, () -> Etf.decode(bomb)));
        assertTrue(refusedAt < 2L * EtfDecoder.DEFAULT_MAX_TERM_MEMORY, "allocated " + refusedAt + " bytes");
    }

    @Test
    void theInflatedBytesAreAllocatedAsTheyArriveNotAsDeclared() {
        // Declares 64 MiB - 1 (within maxDecompressedSize), inflates to 1 byte.
        byte[] liar = compressedTerm(64 * MIB - 1, new byte[] {(byte) EtfTags.NIL_EXT});
        long allocated = allocatedBy(() -> assertThrows(EtfDecodeException.class, () -> Etf.decode(liar)));
        assertTrue(allocated < MIB, "allocated " + allocated + " bytes for 1 inflated byte");
        assertEquals("COMPRESSED at offset 1: inflated to 1 bytes, but the declared size is 67108863",
                assertThrows(EtfDecodeException.class, () -> Etf.decode(liar)).getMessage());

        // A term that does inflate to its declared size grows its array to just that: 3 MiB of one binary.
        byte[] payload = new byte[3 * MIB];
        byte[] plain = Etf.encode(Binary.wrap(payload));
        byte[] honest = compressedTerm(plain.length - 1, java.util.Arrays.copyOfRange(plain, 1, plain.length));
        Binary binary = assertInstanceOf(Binary.class, Etf.decode(honest));
        assertEquals(3 * MIB, binary.size());
        EtfDecoder small = EtfDecoder.builder().maxDecompressedSize(2 * MIB).build();
        assertEquals("COMPRESSED at offset 1: uncompressed size 3145733 exceeds the limit of 2097152 bytes",
                assertThrows(EtfDecodeException.class, () -> small.decode(honest)).getMessage());
    }

    @Test
    void nestedTuplesPastTheLimitAreRefusedWhereTheyCrossIt() {
        int levels = 100_000;
        byte[] bytes = new byte[1 + 2 * levels + 1];
        bytes[0] = (byte) 131;
        for (int i = 0; i < levels; i++) {
            bytes[1 + 2 * i] = (byte) EtfTags.SMALL_TUPLE_EXT;
            bytes[2 + 2 * i] = 1;
        }
        bytes[bytes.length - 1] = (byte) EtfTags.NIL_EXT;
        assertInstanceOf(Tuple.class, Etf.decode(bytes));
        EtfDecoder decoder = EtfDecoder.builder().maxTermMemory(MIB).build();
        EtfDecodeException e = assertThrows(EtfDecodeException.class, () -> decoder.decode(bytes));
        assertEquals(EtfTags.SMALL_TUPLE_EXT, e.tag());
        assertTrue(e.offset() > 1 && e.offset() < bytes.length / 4, "refused at offset " + e.offset());
        assertTrue(e.reason().startsWith("the decoded term takes more than the limit of 1048576 bytes of memory"),
                e.getMessage());
    }

    @Test
    void copiedBinariesCountTheirBytesSharedOnesDoNot() {
        byte[] bytes = Etf.encode(Binary.wrap(new byte[16 * MIB]));
        EtfDecoder copying = EtfDecoder.builder().maxTermMemory(8 * MIB).build();
        assertEquals("BINARY_EXT at offset 1: the decoded term takes more than the limit of 8388608 bytes of memory "
                + "(estimated; 16777264 with this term)",
                assertThrows(EtfDecodeException.class, () -> copying.decode(bytes)).getMessage());
        EtfDecoder sharing = EtfDecoder.builder().maxTermMemory(8 * MIB).shareBinaries(true).build();
        assertEquals(16 * MIB, ((Binary) sharing.decode(bytes)).size());
        assertEquals(16 * MIB, ((Binary) Etf.decode(bytes)).size()); // within the default
    }

    @Test
    void aLongListOfSmallIntegersIsWithinTheDefault() {
        Term[] ints = new Term[4_000_000];
        java.util.Arrays.fill(ints, Int.of(7));
        Term list = ErlList.from(java.util.Arrays.asList(ints));
        assertEquals(list, Etf.decode(Etf.encode(list)));
        assertThrows(IllegalArgumentException.class, () -> EtfDecoder.builder().maxTermMemory(1023));
    }

    /** {@return COMPRESSED with {@code declared} as the uncompressed size, over the zlib data of {@code plain}} */
    private static byte[] compressedTerm(int declared, byte[] plain) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(plain);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(131);
        out.write(EtfTags.COMPRESSED);
        out.writeBytes(ByteBuffer.allocate(4).putInt(declared).array());
        byte[] chunk = new byte[64 * 1024];
        while (!deflater.finished()) {
            out.write(chunk, 0, deflater.deflate(chunk));
        }
        deflater.end();
        return out.toByteArray();
    }

    /** {@return the bytes this thread allocated while {@code work} ran} */
    private static long allocatedBy(Supplier<?> work) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        work.get();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
