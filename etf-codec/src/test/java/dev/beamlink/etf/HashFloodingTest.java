package dev.beamlink.etf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Maps of keys whose hash codes collide (as a peer would choose them, from Java's own hash functions) decode
 * in O(n log n): each test decodes 200,000 such keys. Before the seeded hashes and {@link FrozenTermMap}'s
 * sorted fallback, each took minutes (a hash table of one bucket). The timeouts only guard; the figures are
 * measured by bench/run codec (HashFloodBenchmarks).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HashFloodingTest {

    private static final int KEYS = 200_000;

    /** The i-th of 2^18 strings of "Aa" and "BB" blocks: all have one {@link String#hashCode()}. */
    static String collidingText(int i) {
        StringBuilder text = new StringBuilder(36);
        for (int bit = 17; bit >= 0; bit--) {
            text.append((i >>> bit & 1) == 0 ? "Aa" : "BB");
        }
        return text.toString();
    }

    /** A long whose {@link Long#hashCode()} is 0: its two halves are equal. */
    static long collidingLong(int i) {
        return (long) (i + 1) << 32 | (i + 1);
    }

    @Test
    void atomKeysWhoseTextsCollide() {
        assertEquals(collidingText(0).hashCode(), collidingText(KEYS - 1).hashCode());
        ErlMap map = decodeMapOf(i -> Atom.of(collidingText(i)));
        assertEquals(Int.of(7), map.get(Atom.of(collidingText(7))));
        assertNull(map.get(Atom.of(collidingText(KEYS))));
    }

    @Test
    void binaryKeysWhosePolynomialHashesCollide() {
        assertEquals(java.util.Arrays.hashCode(collidingText(0).getBytes(StandardCharsets.US_ASCII)),
                java.util.Arrays.hashCode(collidingText(KEYS - 1).getBytes(StandardCharsets.US_ASCII)));
        decodeMapOf(i -> Binary.ofUtf8(collidingText(i)));
    }

    @Test
    void integerKeysWhoseLongHashesCollide() {
        assertEquals(0, Long.hashCode(collidingLong(KEYS - 1)));
        decodeMapOf(i -> Int.of(collidingLong(i)));
    }

    @Test
    void tupleKeysOfCollidingElements() {
        decodeMapOf(i -> Tuple.of(Int.of(collidingLong(i)), Atom.of(collidingText(i))));
    }

    @Test
    void pidKeysWhoseRecordHashesCollide() {
        // A record's hash is ((node * 31 + id) * 31 + serial) * 31 + creation: id x with serial -31x cancel out.
        Atom node = Atom.of("n@h");
        decodeMapOf(i -> new Pid(node, i, -31 * i, 0));
    }

    @Test
    void aMapOfCollidingKeysIsAWholeMap() {
        ErlMap map = decodeMapOf(i -> Atom.of(collidingText(i)));
        assertEquals(KEYS, map.size());
        int i = 0;
        for (Term key : map.entries().keySet()) { // in wire order
            assertEquals(Atom.of(collidingText(i)), key);
            assertEquals(Int.of(i % 200), map.get(key));
            assertTrue(map.entries().containsKey(key));
            i++;
        }
        ErlMap again = decodeMapOf(k -> Atom.of(collidingText(k)));
        assertEquals(map, again);
        assertEquals(map.hashCode(), again.hashCode());
        assertEquals(0, TermOrder.MAP_KEYS.compare(map, again));
        assertArrayEquals(mapBytes(k -> Atom.of(collidingText(k)), KEYS, -1), Etf.encode(map)); // the wire order kept
    }

    @Test
    void aDuplicateAmongCollidingKeysIsFound() {
        // The 81st key is the 11th again: past 64 probes the hash table has given way to the sorted keys.
        IntFunction<Term> keys = i -> Atom.of(collidingText(i));
        EtfDecodeException e = assertThrows(EtfDecodeException.class, () -> Etf.decode(mapBytes(keys, 100, 80)));
        assertEquals("MAP_EXT at offset 1: duplicate key '" + collidingText(10) + "' (pair 81 of 100)", e.getMessage());
        // ... and within the first 64, by the hash table itself.
        e = assertThrows(EtfDecodeException.class, () -> Etf.decode(mapBytes(keys, 100, 20)));
        assertTrue(e.getMessage().endsWith("(pair 21 of 100)"), e.getMessage());
    }

    @Test
    void mapsBuiltByJavaCodeTakeTheSameWay() {
        List<Term> keys = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            keys.add(Binary.ofUtf8(collidingText(i)));
        }
        java.util.LinkedHashMap<Term, Term> entries = new java.util.LinkedHashMap<>();
        Set<Integer> hashes = new HashSet<>();
        for (Term key : keys) {
            hashes.add(key.hashCode());
        }
        assertTrue(hashes.size() > KEYS * 0.99, "seeded binary hashes spread: " + hashes.size() + " distinct");
        keys.forEach(k -> entries.put(k, Nil.NIL));
        ErlMap map = new ErlMap(entries);
        assertEquals(Nil.NIL, map.get(keys.get(KEYS - 1)));
    }

    private static ErlMap decodeMapOf(IntFunction<Term> key) {
        ErlMap map = (ErlMap) Etf.decode(mapBytes(key, KEYS, -1));
        assertEquals(KEYS, map.size());
        assertEquals(Int.of(3), map.get(key.apply(3)));
        return map;
    }

    /**
     * {@return MAP_EXT of {@code n} keys, key i mapped to i % 200, written piece by piece (no Java map in
     * between); key {@code duplicate}, unless negative, is key 10 again}
     */
    static byte[] mapBytes(IntFunction<Term> key, int n, int duplicate) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(n * 48);
        out.write(131);
        out.write(EtfTags.MAP_EXT);
        out.writeBytes(ByteBuffer.allocate(4).putInt(n).array());
        for (int i = 0; i < n; i++) {
            byte[] k = Etf.encode(key.apply(i == duplicate ? 10 : i));
            out.write(k, 1, k.length - 1);
            out.write(EtfTags.SMALL_INTEGER_EXT);
            out.write(i % 200);
        }
        return out.toByteArray();
    }
}
