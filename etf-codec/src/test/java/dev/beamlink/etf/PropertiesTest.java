package dev.beamlink.etf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties over generated terms of every type: decode(encode(t)) equals t (and re-encodes to the same
 * bytes); random bytes, every truncation and every single-byte mutation of valid encodings either
 * decode or throw {@link EtfDecodeException}, never anything else.
 */
class PropertiesTest {

    @Provide
    Arbitrary<Term> terms() {
        return Arbitraries.recursive(PropertiesTest::leaves, PropertiesTest::compound, 0, 4);
    }

    /** One level of tuples, lists (proper and improper), maps and funs over {@code inner}. */
    private static Arbitrary<Term> compound(Arbitrary<Term> inner) {
        return Arbitraries.oneOf(
                inner,
                inner.list().ofMaxSize(5).map(l -> new Tuple(l)),
                inner.list().ofMaxSize(5).map(ErlList::from),
                Combinators.combine(inner.list().ofMinSize(1).ofMaxSize(4), inner)
                        .as((elements, tail) -> tail instanceof ErlList || tail instanceof Nil
                                ? ErlList.from(elements) : new ErlList(elements, tail)),
                Combinators.combine(inner, inner).as(Map::entry).list().ofMaxSize(4).map(PropertiesTest::map),
                Combinators.combine(inner.list().ofMaxSize(3), pids(), Arbitraries.integers())
                        .as((free, pid, uniq) -> new Fun(Atom.of("m"), 2, new byte[16], 3, 4, uniq, pid, free)));
    }

    private static ErlMap map(List<Map.Entry<Term, Term>> entries) {
        Map<Term, Term> m = new LinkedHashMap<>();
        entries.forEach(e -> m.put(e.getKey(), e.getValue()));
        return new ErlMap(m);
    }

    private static Arbitrary<Term> leaves() {
        Arbitrary<Atom> atoms = Arbitraries.strings().withCharRange('a', 'z').withChars('é', 'π', '_').ofMaxLength(8).map(Atom::of);
        return Arbitraries.oneOf(
                atoms.map(a -> a),
                Arbitraries.longs().map(Int::of),
                Arbitraries.integers().between(-300, 300).map(i -> Int.of(i)),
                Arbitraries.bigIntegers().between(BigInteger.TWO.pow(70).negate(), BigInteger.TWO.pow(70)).map(BigInt::integer),
                Arbitraries.doubles().map(ErlFloat::new),
                Arbitraries.of(new ErlFloat(0.0), new ErlFloat(-0.0), new ErlFloat(Double.MIN_VALUE)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(20).map(Binary::of),
                Combinators.combine(Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(5),
                        Arbitraries.integers().between(1, 7)).as((b, bits) -> BitString.of(b, (b.length - 1) * 8L + bits)),
                Arbitraries.integers().between(0, 255).list().ofMaxSize(10).map(l -> ErlList.from(l.stream().map(i -> (Term) Int.of(i)).toList())),
                Arbitraries.just(Nil.NIL),
                pids().map(p -> p),
                Combinators.combine(atoms, Arbitraries.longs(), Arbitraries.integers()).as((n, id, c) -> new Port(n, id, c)),
                Combinators.combine(atoms, Arbitraries.integers(), Arbitraries.integers().array(int[].class).ofMinSize(1).ofMaxSize(5))
                        .as(Ref::new),
                Combinators.combine(atoms, atoms, Arbitraries.integers().between(0, 255)).as(ExternalFun::new));
    }

    private static Arbitrary<Pid> pids() {
        return Combinators.combine(Arbitraries.of("a@h", "node@host", "ü@x"), Arbitraries.integers(), Arbitraries.integers(),
                Arbitraries.integers()).as((n, id, serial, c) -> new Pid(Atom.of(n), id, serial, c));
    }

    @Property(tries = 400)
    void decodeOfEncodeIsTheTerm(@ForAll("terms") Term term) {
        byte[] bytes = Etf.encode(term);
        Term back = Etf.decode(bytes);
        assertEquals(term, back);
        assertEquals(term.hashCode(), back.hashCode());
        assertEquals(0, TermOrder.MAP_KEYS.compare(term, back));
        assertEquals(java.util.HexFormat.of().formatHex(bytes), java.util.HexFormat.of().formatHex(Etf.encode(back)));
        assertEquals(term, Etf.decode(EtfEncoder.builder().compressed().build().encode(term)));
    }

    @Property(tries = 150)
    void truncationsAndMutationsDecodeOrThrowTheDecodeException(@ForAll("terms") Term term, @ForAll long seed) {
        byte[] bytes = Etf.encode(term);
        for (int cut = 0; cut < bytes.length; cut++) {
            decodeOrReject(java.util.Arrays.copyOf(bytes, cut));
        }
        Random random = new Random(seed);
        for (int i = 0; i < bytes.length; i++) {
            byte[] mutated = bytes.clone();
            mutated[i] = (byte) (random.nextBoolean() ? random.nextInt(256) : mutated[i] ^ (1 << random.nextInt(8)));
            decodeOrReject(mutated);
            mutated[i] = (byte) 0xFF;
            decodeOrReject(mutated);
        }
    }

    @Property(tries = 300)
    void randomBytesDecodeOrThrowTheDecodeException(@ForAll byte[] bytes) {
        decodeOrReject(bytes);
        byte[] versioned = new byte[bytes.length + 1];
        versioned[0] = (byte) 131;
        System.arraycopy(bytes, 0, versioned, 1, bytes.length);
        decodeOrReject(versioned);
    }

    /** The one allowed failure: EtfDecodeException. Anything else propagates and fails the property. */
    static void decodeOrReject(byte[] bytes) {
        try {
            Etf.decode(bytes);
        } catch (EtfDecodeException expected) {
            assertTrue(expected.getMessage().contains("at offset " + expected.offset()), expected.getMessage());
        }
    }
}
