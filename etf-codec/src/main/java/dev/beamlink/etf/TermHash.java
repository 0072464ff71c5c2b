package dev.beamlink.etf;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.SecureRandom;

/**
 * The hash codes of terms, keyed with a random seed drawn once per JVM, so that a peer cannot choose terms
 * whose hash codes collide (hash flooding: a map of many colliding keys makes every hash table a list).
 * Every step mixes with multiplications, so that no difference between two inputs passes through
 * unchanged (as it does through the polynomial {@code 31 * h + b} of {@link java.util.Arrays#hashCode}).
 * Hash codes differ from one JVM to the next: never store them, never send them.
 *
 * <p>Atoms keep the hash code of their text (cached in the {@link String}): they are bounded by the atom
 * table, and {@link FrozenTermMap} does not depend on hash codes for its worst case.
 */
final class TermHash {

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long K1 = 0x9E3779B97F4A7C15L;
    private static final long K2 = 0xC2B2AE3D27D4EB4FL;

    /** The key: one per JVM, never shown. */
    private static final long SEED = new SecureRandom().nextLong() | 1;

    private TermHash() {
    }

    /** {@return the seeded hash of a 64-bit value} */
    static int ofLong(long value) {
        return fold(mix(value ^ SEED));
    }

    /** {@return the seeded hash of two 64-bit values} */
    static int of(long a, long b) {
        return fold(mix(mix(a ^ SEED) ^ b));
    }

    /** {@return the seeded hash of three 64-bit values} */
    static int of(long a, long b, long c) {
        return fold(mix(mix(mix(a ^ SEED) ^ b) ^ c));
    }

    /** {@return the seeded hash of {@code length} bytes of {@code bytes} from {@code offset}: eight bytes a step} */
    static int ofBytes(byte[] bytes, int offset, int length) {
        long h = SEED ^ (length * K2);
        int i = offset;
        int end = offset + length;
        for (; end - i >= 8; i += 8) {
            h = step(h, (long) LONG.get(bytes, i));
        }
        if (i < end) {
            long last = 0;
            for (int shift = 0; i < end; i++, shift += 8) {
                last |= (bytes[i] & 0xFFL) << shift;
            }
            h = step(h, last);
        }
        return fold(mix(h));
    }

    /** {@return the seeded hash of the ints of {@code ints}} */
    static int ofInts(int[] ints, long salt) {
        long h = SEED ^ salt;
        for (int v : ints) {
            h = step(h, v & 0xFFFF_FFFFL);
        }
        return fold(mix(h ^ ints.length));
    }

    // ---------------------------------------------------------------- compound terms: a state folding children

    /** {@return the state a compound term of {@code kind} starts from} */
    static long start(long kind) {
        return SEED ^ (kind * K1);
    }

    /** {@return the state after one more child} */
    static long add(long state, int childHash) {
        return step(state, childHash & 0xFFFF_FFFFL);
    }

    /** {@return the hash code of a finished state} */
    static int finish(long state) {
        return fold(mix(state));
    }

    /** {@return the hash of one map entry: entries are added up, in any order} */
    static long entry(int keyHash, int valueHash) {
        return mix(((long) keyHash << 32 | (valueHash & 0xFFFF_FFFFL)) ^ SEED);
    }

    /** {@return a hash for a table index: the hash code mixed with the seed, so that its low bits spread} */
    static int spread(int hash) {
        return fold(mix((hash & 0xFFFF_FFFFL) ^ SEED));
    }

    // ---------------------------------------------------------------- mixing

    private static long step(long h, long word) {
        long x = (h ^ word) * K1;
        x ^= x >>> 29;
        return x * K2;
    }

    /** The finalizer of MurmurHash3 (fmix64): every input bit reaches every output bit. */
    private static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xFF51AFD7ED558CCDL;
        x ^= x >>> 33;
        x *= 0xC4CEB9FE1A85EC53L;
        x ^= x >>> 33;
        return x;
    }

    private static int fold(long x) {
        int h = (int) (x ^ (x >>> 32));
        return h != 0 ? h : 0x5BD1E995; // 0 means "not computed yet" where hashes are cached
    }
}
