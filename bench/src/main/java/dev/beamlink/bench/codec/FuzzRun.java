package dev.beamlink.bench.codec;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.AtomTable;
import dev.beamlink.etf.Binary;
import dev.beamlink.etf.BitString;
import dev.beamlink.etf.ErlFloat;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.EtfDecodeException;
import dev.beamlink.etf.EtfDecoder;
import dev.beamlink.etf.EtfEncoder;
import dev.beamlink.etf.ExternalFun;
import dev.beamlink.etf.Fun;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Port;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code bench/run fuzz}: decodes at least 1,000,000 mutated encodings (byte flips, random bytes,
 * truncations, insertions, deletions, spliced pieces of other encodings) and counts how many decoded and
 * how many were rejected with {@link EtfDecodeException}. Anything else thrown is a failure: the run
 * prints it and exits with status 1. Usage: {@code FuzzRun [COUNT [SEED]]}.
 */
public final class FuzzRun {

    private FuzzRun() {
    }

    public static void main(String[] args) {
        long count = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 20251122L;
        SplittableRandom random = new SplittableRandom(seed);
        List<byte[]> seeds = seeds();
        EtfDecoder decoder = EtfDecoder.builder().atomTable(new AtomTable(100_000)).maxDecompressedSize(1 << 20).build();
        long decoded = 0;
        long rejected = 0;
        long other = 0;
        long start = System.nanoTime();
        for (long i = 0; i < count; i++) {
            byte[] input = mutate(seeds.get(random.nextInt(seeds.size())), seeds, random);
            try {
                decoder.decode(input);
                decoded++;
            } catch (EtfDecodeException e) {
                rejected++;
            } catch (Throwable t) {
                other++;
                if (other <= 10) {
                    System.out.println("NOT A DECODE EXCEPTION on input " + java.util.HexFormat.of().formatHex(input));
                    t.printStackTrace(System.out);
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("fuzz: %,d mutated inputs from %d seed encodings (seed %d) in %.1f s%n", count, seeds.size(), seed, seconds);
        System.out.printf("fuzz: %,d decoded, %,d rejected with EtfDecodeException, %,d other throwables%n", decoded, rejected, other);
        System.out.println(other == 0 ? "fuzz: OK, nothing but EtfDecodeException was thrown" : "fuzz: FAILED");
        if (other != 0) {
            System.exit(1);
        }
    }

    private static byte[] mutate(byte[] seed, List<byte[]> seeds, SplittableRandom random) {
        byte[] bytes = seed.clone();
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations && bytes.length > 1; m++) {
            int at = 1 + random.nextInt(bytes.length - 1);
            switch (random.nextInt(7)) {
                case 0 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> bytes[at] = (byte) random.nextInt(256);
                case 2 -> bytes[at] = (byte) (random.nextBoolean() ? 0xFF : 0x00);
                case 3 -> bytes = java.util.Arrays.copyOf(bytes, at);
                case 4 -> {
                    byte[] longer = new byte[bytes.length + 1];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    longer[at] = (byte) random.nextInt(256);
                    System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                    bytes = longer;
                }
                case 5 -> {
                    byte[] shorter = new byte[bytes.length - 1];
                    System.arraycopy(bytes, 0, shorter, 0, at);
                    System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
                    bytes = shorter;
                }
                default -> {
                    byte[] other = seeds.get(random.nextInt(seeds.size()));
                    int from = random.nextInt(other.length);
                    int length = Math.min(other.length - from, 1 + random.nextInt(16));
                    byte[] spliced = java.util.Arrays.copyOf(bytes, at + length);
                    System.arraycopy(other, from, spliced, at, length);
                    bytes = spliced;
                }
            }
        }
        return bytes;
    }

    /** Valid encodings of every type, plain and compressed. */
    private static List<byte[]> seeds() {
        Atom node = Atom.of("fuzz@host");
        Pid pid = new Pid(node, 1, 2, 3);
        Map<Term, Term> map = new LinkedHashMap<>();
        map.put(Atom.of("a"), Int.of(1));
        map.put(Int.of(2), ErlList.ofString("two"));
        map.put(Tuple.of(), new ErlFloat(-0.0));
        List<Term> terms = new ArrayList<>(List.of(
                CodecCases.term(CodecCases.MESSAGE),
                CodecCases.mixedList(40),
                new dev.beamlink.etf.ErlMap(map),
                Int.of(Long.MIN_VALUE),
                Tuple.of(Atom.of("é\uD83D\uDE00"), Binary.of(new byte[300]), BitString.of(new byte[] {1, 2}, 13)),
                new ErlList(List.of(Int.of(1), Atom.of("x")), Atom.of("tail")),
                Tuple.of(pid, new Port(node, 1L << 40, 5), new Port(node, 7, 5), new Ref(node, 9, new int[] {1, 2, 3})),
                new Fun(Atom.of("m"), 1, new byte[16], 2, 3, 4, pid, List.of(Int.of(300), Atom.OK)),
                new ExternalFun(Atom.of("lists"), Atom.of("map"), 2),
                ErlList.from(java.util.Collections.nCopies(5, ErlList.of(ErlList.of(Tuple.of(Atom.OK)))))));
        List<byte[]> seeds = new ArrayList<>();
        EtfEncoder compressing = EtfEncoder.builder().compressionLevel(1).build();
        for (Term term : terms) {
            seeds.add(EtfEncoder.defaults().encode(term));
            seeds.add(compressing.encode(ErlList.of(term, term, term, term)));
        }
        // The deprecated encodings too: ATOM_EXT, SMALL_ATOM_EXT, PID_EXT, PORT_EXT, REFERENCE_EXT, NEW_REFERENCE_EXT, FLOAT_EXT.
        java.util.HexFormat hex = java.util.HexFormat.of();
        for (String h : List.of("8364000568656C6C6F", "837304636166E9", "8367640003614062000000010000000203",
                "83666400036140620000000102", "83656400036140620000000702", "837200016400036140620200000007",
                "8363312E3530303030303030303030303030303030303030652B30300000000000")) {
            seeds.add(hex.parseHex(h.toLowerCase()));
        }
        return seeds;
    }
}
