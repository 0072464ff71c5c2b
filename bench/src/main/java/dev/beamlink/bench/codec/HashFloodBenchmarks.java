package dev.beamlink.bench.codec;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Binary;
import dev.beamlink.etf.Etf;
import dev.beamlink.etf.EtfDecoder;
import dev.beamlink.etf.EtfTags;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Term;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Hash flooding (issue 14): decoding a map of 200,000 keys whose hash codes collide, as a peer would choose
 * them, against one of 200,000 random keys of the same type and size. Colliding: binaries and atoms of
 * "Aa"/"BB" blocks (one {@link String#hashCode()}, one polynomial byte hash), integers whose two halves are
 * equal ({@link Long#hashCode()} 0). One decode a measurement (single shot): a quadratic decode takes minutes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class HashFloodBenchmarks {


    @Param({"binary", "atom", "integer"})
    public String keyType;

    @Param({"colliding", "random"})
    public String keys;

    /** The number of keys (another number shows how the time grows: {@code -p size=25000,50000}). */
    @Param({"200000"})
    public int size;

    private byte[] bytes;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(14);
        IntFunction<Term> key = switch (keyType + "/" + keys) {
            case "binary/colliding" -> i -> Binary.ofUtf8(collidingText(i));
            case "binary/random" -> i -> Binary.ofUtf8(randomText(random));
            case "atom/colliding" -> i -> Atom.of(collidingText(i));
            case "atom/random" -> i -> Atom.of(randomText(random));
            case "integer/colliding" -> i -> Int.of((long) (i + 1) << 32 | (i + 1));
            case "integer/random" -> i -> Int.of(random.nextLong() | 1L << 62);
            default -> throw new IllegalArgumentException(keyType + "/" + keys);
        };
        bytes = mapBytes(key, size);
    }

    @Benchmark
    public Term decode() {
        return EtfDecoder.defaults().decode(bytes);
    }

    /** The i-th of 2^18 texts of 18 "Aa" or "BB" blocks: one String hash code, one polynomial byte hash. */
    static String collidingText(int i) {
        StringBuilder text = new StringBuilder(36);
        for (int bit = 17; bit >= 0; bit--) {
            text.append((i >>> bit & 1) == 0 ? "Aa" : "BB");
        }
        return text.toString();
    }

    /** 36 random letters: as long as a colliding text, and with no two alike in 200,000 (2^169 of them). */
    private static String randomText(SplittableRandom random) {
        char[] text = new char[36];
        for (int i = 0; i < text.length; i++) {
            text[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(text);
    }

    /** MAP_EXT of {@code n} keys, each mapped to a small integer, written piece by piece. */
    private static byte[] mapBytes(IntFunction<Term> key, int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(n * 48);
        out.write(131);
        out.write(EtfTags.MAP_EXT);
        out.writeBytes(ByteBuffer.allocate(4).putInt(n).array());
        for (int i = 0; i < n; i++) {
            byte[] k = Etf.encode(key.apply(i));
            out.write(k, 1, k.length - 1);
            out.write(EtfTags.SMALL_INTEGER_EXT);
            out.write(i % 200);
        }
        return out.toByteArray();
    }
}
