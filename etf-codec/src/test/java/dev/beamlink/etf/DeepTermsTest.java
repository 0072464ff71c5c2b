package dev.beamlink.etf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Terms nested 200,000 deep, in every way a peer can nest them, go through everything in etf-codec that the
 * node calls on decoded terms (decode, encode, equals, hashCode, both term orders, toString, a map look-up)
 * on a thread with a 512 KiB stack: nothing recurses as deep as the term, and nothing is quadratic in its
 * depth (the timeout only guards).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DeepTermsTest {

    private static final int DEPTH = 200_000;
    private static final Pid CREATOR = new Pid(Atom.of("a@h"), 1, 2, 3);

    /** One level of nesting around {@code inner}. */
    enum Shape {
        TUPLES((inner, leaf) -> Tuple.of(inner)),
        LISTS((inner, leaf) -> ErlList.of(inner)),
        IMPROPER_TAILS((inner, leaf) -> new ErlList(List.of(leaf), Tuple.of(inner))),
        MAP_VALUES((inner, leaf) -> new ErlMap(Map.of(Atom.OK, inner))),
        MAP_KEYS((inner, leaf) -> new ErlMap(Map.of(inner, leaf))),
        FUN_FREE_VARIABLES((inner, leaf) -> new Fun(Atom.of("m"), 0, new byte[16], 1, 2, 3, CREATOR, List.of(leaf, inner))),
        ALL_IN_TURN(null);

        private final BiFunction<Term, Term, Term> wrap;

        Shape(BiFunction<Term, Term, Term> wrap) {
            this.wrap = wrap;
        }

        Term nest(Term innermost) {
            Shape[] each = {TUPLES, MAP_KEYS, LISTS, IMPROPER_TAILS, FUN_FREE_VARIABLES, MAP_VALUES};
            Term term = innermost;
            for (int i = 0; i < DEPTH; i++) {
                Shape shape = this == ALL_IN_TURN ? each[i % each.length] : this;
                term = shape.wrap.apply(term, Int.of(i % 100));
            }
            return term;
        }
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void aTermNested200000DeepGoesThroughEverythingOnASmallStack(Shape shape) throws Throwable {
        onSmallStack(() -> {
            Term term = shape.nest(Atom.of("innermost"));
            Term same = shape.nest(Atom.of("innermost"));
            Term other = shape.nest(Atom.of("other"));

            byte[] bytes = Etf.encode(term);
            Term decoded = Etf.decode(bytes);
            assertTrue(decoded.equals(term) && term.equals(same), "equal");
            assertNotEquals(term, other);
            assertEquals(term.hashCode(), decoded.hashCode());
            assertEquals(same.hashCode(), term.hashCode());
            assertEquals(0, TermOrder.STANDARD.compare(decoded, same));
            assertEquals(0, TermOrder.MAP_KEYS.compare(term, decoded));
            int c = TermOrder.MAP_KEYS.compare(term, other);
            assertTrue(c != 0 && Integer.signum(c) == -Integer.signum(TermOrder.STANDARD.compare(other, decoded)));
            assertArrayEquals(bytes, Etf.encode(decoded));
            assertEquals(term, Etf.decode(EtfEncoder.builder().compressed().build().encode(decoded)));
            String text = decoded.toString();
            if (shape != Shape.FUN_FREE_VARIABLES && shape != Shape.ALL_IN_TURN) { // a fun prints as #Fun<m.1.3>
                assertTrue(text.length() > DEPTH, "printed in " + text.length() + " characters");
            }
            assertEquals(text, same.toString());
            ErlMap holder = new ErlMap(Map.of(term, Atom.TRUE, other, Atom.FALSE));
            assertEquals(Atom.TRUE, holder.get(decoded));
            assertEquals(Atom.FALSE, holder.get(other));
        });
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void termsAroundTheDepthWhereRecursionGivesWayToTheExplicitStackRoundTrip(Shape shape) {
        // The encoder and decoder recurse down to RECURSION_LIMIT levels, then go on with a stack of their own.
        for (int depth = TermReader.RECURSION_LIMIT - 3; depth <= TermReader.RECURSION_LIMIT + 3; depth++) {
            Term term = Atom.of("innermost");
            for (int i = 0; i < depth; i++) {
                term = (shape == Shape.ALL_IN_TURN ? Shape.values()[i % 6] : shape).wrap.apply(term, Int.of(i));
            }
            byte[] bytes = Etf.encode(term);
            Term decoded = Etf.decode(bytes);
            assertEquals(term, decoded, shape + " at depth " + depth);
            assertArrayEquals(bytes, Etf.encode(decoded), shape + " at depth " + depth);
        }
    }

    @org.junit.jupiter.api.Test
    void aListContinuedByListExtTailsAtEveryDepthAroundTheLimit() {
        // [[...[1 | [2 | "ab"]]...]]: LIST_EXT, its tail another LIST_EXT, whose tail is a STRING_EXT (OTP
        // never writes these, but reads them as the one list [1, 2, 97, 98]).
        byte[] inner = java.util.HexFormat.of().parseHex("6C000000016101" + "6C000000016102" + "6B00026162");
        for (int depth = TermReader.RECURSION_LIMIT - 3; depth <= TermReader.RECURSION_LIMIT + 3; depth++) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            out.write(131);
            for (int i = 0; i < depth; i++) {
                out.writeBytes(java.util.HexFormat.of().parseHex("68026107")); // {7, Inner}
            }
            out.writeBytes(inner);
            Term expected = ErlList.of(Int.of(1), Int.of(2), Int.of(97), Int.of(98));
            for (int i = 0; i < depth; i++) {
                expected = Tuple.of(Int.of(7), expected);
            }
            assertEquals(expected, Etf.decode(out.toByteArray()), "at depth " + depth);
        }
    }

    private static void onSmallStack(Runnable check) throws Throwable {
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(null, () -> {
            try {
                check.run();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "small-stack", 512 * 1024);
        thread.start();
        thread.join();
        if (failure[0] != null) {
            throw failure[0];
        }
    }
}
