package dev.beamlink.bench.codec;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.BigInt;
import dev.beamlink.etf.Binary;
import dev.beamlink.etf.ErlFloat;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.ErlMap;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The terms of the codec benchmark. */
final class CodecCases {

    /** (a) {@code {hello,<<"payload-0123456789">>,42,[1,2,3]}}. */
    static final String MESSAGE = "message";
    /** (b) a 1,000-element list of mixed terms. */
    static final String LIST_1000 = "list1000";
    /** (c) a 64 KiB binary. */
    static final String BINARY_64K = "binary64k";
    /** (d) a map of 1,000 keys. */
    static final String MAP_1000 = "map1000";

    private CodecCases() {
    }

    static Term term(String name) {
        return switch (name) {
            case MESSAGE -> Tuple.of(Atom.of("hello"), Binary.ofUtf8("payload-0123456789"), Int.of(42),
                    ErlList.of(Int.of(1), Int.of(2), Int.of(3)));
            case LIST_1000 -> mixedList(1000);
            case BINARY_64K -> {
                byte[] payload = new byte[64 * 1024];
                for (int i = 0; i < payload.length; i++) {
                    payload[i] = (byte) (i * 31);
                }
                yield Binary.wrap(payload);
            }
            case MAP_1000 -> {
                Map<Term, Term> entries = new LinkedHashMap<>();
                for (int i = 0; i < 1000; i++) {
                    entries.put(Atom.of("key_" + i), i % 2 == 0 ? Int.of(i) : Binary.ofUtf8("value-" + i));
                }
                yield new ErlMap(entries);
            }
            default -> throw new IllegalArgumentException("no benchmark case " + name);
        };
    }

    /** Atoms, small and large integers, floats, binaries, strings, tuples, in turn. */
    static Term mixedList(int size) {
        List<Term> elements = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            elements.add(switch (i % 8) {
                case 0 -> Atom.of("atom_" + (i % 16));
                case 1 -> Int.of(i);
                case 2 -> Int.of(-1_000_000L * i);
                case 3 -> new ErlFloat(i / 3.0);
                case 4 -> Binary.ofUtf8("bin-" + i);
                case 5 -> ErlList.ofString("str" + i);
                case 6 -> Tuple.of(Atom.of("ok"), Int.of(i));
                default -> BigInt.integer(BigInteger.ONE.shiftLeft(70).add(BigInteger.valueOf(i)));
            });
        }
        return ErlList.from(elements);
    }
}
