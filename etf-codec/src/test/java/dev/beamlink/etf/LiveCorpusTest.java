package dev.beamlink.etf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.ErlNode;
import dev.beamlink.testing.OtpInstallation;
import dev.beamlink.testing.OtpRelease;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The golden corpus of test-erlang's etf_golden module, written by a live OTP node with
 * term_to_binary/1 and /2 ([compressed], {minor_version, 0|1|2}): every encoding decodes to the expected
 * value; the value re-encodes to bytes that the node decodes to the original ({@code =:=}), and that are
 * identical to term_to_binary(T, [{minor_version, 2}]) (and with [compressed]) where OTP is deterministic.
 * On the host's OTP 25 here, and on OTP 27 (the Debian trixie root of {@code make otp-root}) in
 * {@link LiveCorpusOtp27Test}.
 *
 * <p>What OTP 26 changed in term_to_binary, as OTP 27 shows it: term_to_binary/1 writes atoms as UTF-8
 * (SMALL_ATOM_UTF8_EXT; minor_version 2 became the default), which the codec reads; a map of up to 32 keys
 * holds its atom keys in the order of the atom table (etf_golden then calls it not deterministic); and every
 * port is written as V4_PORT_EXT, where the codec writes NEW_PORT_EXT when the id fits in 32 bits, as OTP 25
 * does ({@link #PORTS_ALWAYS_V4}: OTP 27 reads the codec's ports as the same ports, which is checked).
 */
@Tag("interop")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveCorpusTest {

    private static final HexFormat HEX = HexFormat.of();
    /** The terms with ports, which OTP 26 and newer write as V4_PORT_EXT whatever their id. */
    private static final Set<String> PORTS_ALWAYS_V4 = Set.of("port_local", "port_foreign", "everything");
    private static final EtfEncoder COMPRESSING = EtfEncoder.builder().compressed().build();

    private Epmd epmd;
    private ErlNode erl;

    /** {@return the OTP release the corpus is written by} */
    int release() {
        return 25;
    }

    @BeforeAll
    void startNode() {
        OtpInstallation otp = OtpInstallation.find(OtpRelease.exactly(release()));
        epmd = Epmd.start(otp);
        erl = ErlNode.builder().name("etf").installation(otp).epmd(epmd).start();
    }

    @AfterAll
    void stopNode() {
        if (erl != null) {
            erl.close();
        }
        if (epmd != null) {
            epmd.close();
        }
    }

    private Term eval(String expression) {
        return Etf.decode(erl.eval(expression).etf());
    }

    private static List<Term> list(Term term) {
        return term instanceof ErlList l ? l.elements() : List.of();
    }

    @Test
    void everyCorpusTermDecodesToItsValueAndReencodesAsOtpDoes() {
        List<Term> names = list(eval("etf_golden:names()."));
        assertTrue(names.size() > 70, "corpus size " + names.size());
        Map<String, Term> expected = expectedValues();
        List<String> failures = new ArrayList<>();
        int compressedIdentical = 0;
        int compressedCompared = 0;
        for (Term nameTerm : names) {
            String name = ((Atom) nameTerm).text();
            Map<String, byte[]> encodings = new LinkedHashMap<>();
            for (Term pair : list(eval("etf_golden:encodings(" + name + ")."))) {
                Tuple t = (Tuple) pair;
                encodings.put(((Atom) t.get(0)).text(), ((Binary) t.get(1)).toByteArray());
            }
            boolean deterministic = eval("etf_golden:deterministic(" + name + ").").equals(Atom.TRUE)
                    && !(release() >= 26 && PORTS_ALWAYS_V4.contains(name));
            Term value = Etf.decode(encodings.get("minor_version_2"));
            for (Map.Entry<String, byte[]> e : encodings.entrySet()) {
                Term decoded = Etf.decode(e.getValue());
                if (!decoded.equals(value)) {
                    failures.add(name + "/" + e.getKey() + ": decodes to " + abbreviate(decoded) + ", not " + abbreviate(value));
                }
            }
            Term want = expected.get(name);
            if (want != null && !want.equals(value)) {
                failures.add(name + ": decoded " + abbreviate(value) + ", expected " + abbreviate(want));
            }
            checkShape(name, value, failures);

            byte[] javaBytes = Etf.encode(value);
            Tuple verdict = (Tuple) eval("etf_golden:check(" + name + ", binary:decode_hex(<<\"" + HEX.formatHex(javaBytes) + "\">>)).");
            if (!verdict.get(0).equals(Atom.TRUE)) {
                failures.add(name + ": binary_to_term(JavaBytes) =:= Original is " + verdict.get(0));
            }
            if (deterministic && !verdict.get(1).equals(Atom.TRUE)) {
                failures.add(name + ": bytes differ from term_to_binary(T, [{minor_version, 2}]): "
                        + HEX.formatHex(javaBytes).substring(0, Math.min(80, 2 * javaBytes.length)) + " vs "
                        + HEX.formatHex(encodings.get("minor_version_2")).substring(0, Math.min(80, 2 * javaBytes.length)));
            }
            if (deterministic) {
                byte[] otpCompressed = ((Binary) eval("term_to_binary(etf_golden:term(" + name
                        + "), [compressed, {minor_version, 2}]).")).toByteArray();
                compressedCompared++;
                if (Arrays.equals(COMPRESSING.encode(value), otpCompressed)) {
                    compressedIdentical++;
                } else {
                    failures.add(name + ": compressed bytes differ from term_to_binary(T, [compressed, {minor_version, 2}])");
                }
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(compressedCompared, compressedIdentical);
    }

    /** Values that depend on the live node: checked field by field. */
    private void checkShape(String name, Term value, List<String> failures) {
        Atom node = Atom.of(erl.nodeName());
        Atom foreign = Atom.of("foreign@host");
        boolean ok = switch (name) {
            case "pid_self" -> value instanceof Pid p && p.node().equals(node) && p.creation() != 0;
            case "pid_foreign" -> value.equals(new Pid(foreign, 77, 3, 0x80000005));
            case "ref_local" -> value instanceof Ref r && r.node().equals(node) && r.idCount() == 3;
            case "ref_foreign" -> value.equals(new Ref(foreign, 0xF0000001, new int[] {1, 2, 3}));
            case "port_local" -> value instanceof Port p && p.node().equals(node);
            case "port_foreign" -> value.equals(new Port(foreign, 99, 0x80000007));
            case "port_v4" -> value.equals(new Port(Atom.of("v4@host"), (1L << 32) | 2, 9));
            case "fun_local" -> value instanceof Fun f && f.module().equals(Atom.of("etf_golden")) && f.arity() == 1
                    && f.freeVars().equals(List.of(Int.of(42), Binary.ofUtf8("free"))) && f.pid().node().equals(node);
            case "fun_local_no_free" -> value instanceof Fun f && f.arity() == 0 && f.freeVars().isEmpty();
            default -> true;
        };
        if (!ok) {
            failures.add(name + ": unexpected " + abbreviate(value));
        }
    }

    private static String abbreviate(Term term) {
        String text = term.toString();
        return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }

    private static Map<String, Term> expectedValues() {
        Map<String, Term> m = new LinkedHashMap<>();
        m.put("atom_ascii", Atom.of("hello"));
        m.put("atom_empty", Atom.of(""));
        m.put("atom_quoted", Atom.of("hello world"));
        m.put("atom_latin1", Atom.of("café"));
        m.put("atom_unicode", Atom.of("\uD83D\uDE00привет"));
        m.put("atom_255", Atom.of("a".repeat(255)));
        m.put("atom_255_unicode", Atom.of("\uD83D\uDE00".repeat(255)));
        m.put("int_0", Int.of(0));
        m.put("int_255", Int.of(255));
        m.put("int_256", Int.of(256));
        m.put("int_minus_1", Int.of(-1));
        m.put("int_2_27", Int.of(1 << 27));
        m.put("int_minus_2_27", Int.of(-(1 << 27)));
        m.put("int_2_31_minus_1", Int.of(Integer.MAX_VALUE));
        m.put("int_2_31", Int.of(1L << 31));
        m.put("int_minus_2_31", Int.of(Integer.MIN_VALUE));
        m.put("int_minus_2_31_minus_1", Int.of(Integer.MIN_VALUE - 1L));
        m.put("int_2_32", Int.of(1L << 32));
        m.put("int_2_63_minus_1", Int.of(Long.MAX_VALUE));
        m.put("int_2_63", BigInt.integer(BigInteger.ONE.shiftLeft(63)));
        m.put("int_minus_2_63", Int.of(Long.MIN_VALUE));
        m.put("int_2_64", BigInt.integer(BigInteger.ONE.shiftLeft(64)));
        m.put("int_minus_2_64", BigInt.integer(BigInteger.ONE.shiftLeft(64).negate()));
        m.put("int_minus_2_1000", BigInt.integer(BigInteger.ONE.shiftLeft(1000).negate()));
        m.put("int_2_2040", BigInt.integer(BigInteger.ONE.shiftLeft(2040)));
        m.put("int_2_2048", BigInt.integer(BigInteger.ONE.shiftLeft(2048)));
        m.put("float_zero", new ErlFloat(0.0));
        m.put("float_minus_zero", new ErlFloat(-0.0));
        m.put("float_one", new ErlFloat(1.0));
        m.put("float_1e308", new ErlFloat(1.0e308));
        m.put("float_5e_324", new ErlFloat(5.0e-324));
        m.put("float_pi", new ErlFloat(Math.PI));
        m.put("binary_empty", Binary.EMPTY);
        m.put("binary_abc", Binary.ofUtf8("abc"));
        m.put("binary_70000", Binary.ofUtf8("0123456789".repeat(7000)));
        int[] bitValues = {1, 2, 5, 9, 17, 33, 65};
        for (int bits = 1; bits <= 7; bits++) {
            m.put("bits_" + bits, BitString.of(new byte[] {(byte) (bitValues[bits - 1] << (8 - bits))}, bits));
        }
        m.put("bits_15", BitString.of(new byte[] {1, (byte) (3 << 1)}, 15));
        m.put("tuple_0", Tuple.EMPTY);
        m.put("tuple_2", Tuple.of(Atom.OK, Int.of(1)));
        m.put("tuple_255", new Tuple(seq(255)));
        m.put("tuple_256", new Tuple(seq(256)));
        m.put("tuple_70000", new Tuple(seq(70000)));
        m.put("nil", Nil.NIL);
        m.put("string_abc", ErlList.ofString("abc"));
        m.put("string_65535", ErlList.ofString("x".repeat(65535)));
        m.put("list_65536_bytes", ErlList.ofString("x".repeat(65536)));
        m.put("list_mixed", ErlList.of(Atom.of("a"), Int.of(1), new ErlFloat(2.5), Binary.ofUtf8("b"), ErlList.ofString("c")));
        m.put("list_unicode", ErlList.of(Int.of(0x1F600), Int.of(0x43F)));
        m.put("improper_1", new ErlList(List.of(Int.of(1)), Int.of(2)));
        m.put("improper_3", new ErlList(List.of(Atom.of("a"), Atom.of("b"), Atom.of("c")), Atom.of("d")));
        m.put("improper_tuple_tail", new ErlList(List.of(Int.of(1), Int.of(2)), Tuple.of(Atom.of("x"))));
        Term deep = Nil.NIL;
        Term deepTuple = Atom.of("leaf");
        for (int i = 0; i < 10_000; i++) {
            deep = ErlList.of(deep);
            deepTuple = Tuple.of(deepTuple);
        }
        m.put("nested_10000", deep);
        m.put("nested_tuples_10000", deepTuple);
        m.put("map_0", ErlMap.EMPTY);
        Map<Term, Term> small = new LinkedHashMap<>();
        small.put(Atom.of("b"), Int.of(1));
        small.put(Atom.of("a"), Int.of(2));
        small.put(new ErlFloat(1.0), Atom.of("x"));
        small.put(Int.of(2), Atom.of("y"));
        small.put(ErlList.ofString("s"), Nil.NIL);
        small.put(Tuple.of(Atom.of("t")), Binary.EMPTY);
        m.put("map_small", new ErlMap(small));
        for (int size : new int[] {32, 33}) {
            Map<Term, Term> squares = new LinkedHashMap<>();
            for (int i = 1; i <= size; i++) {
                squares.put(Int.of(i), Int.of((long) i * i));
            }
            m.put("map_" + size, new ErlMap(squares));
        }
        Map<Term, Term> thousand = new LinkedHashMap<>();
        for (int i = 1; i <= 1000; i++) {
            thousand.put(Atom.of("k" + i), Int.of(i));
        }
        m.put("map_1000", new ErlMap(thousand));
        m.put("map_nested", new ErlMap(Map.of(Atom.of("a"), new ErlMap(Map.of(Atom.of("b"),
                new ErlMap(Map.of(Atom.of("c"), ErlList.of(Int.of(1), Int.of(2), Int.of(3)))))))));
        m.put("fun_no_free", new ExternalFun(Atom.of("etf_golden"), Atom.of("names"), 0));
        m.put("fun_external", new ExternalFun(Atom.of("lists"), Atom.of("map"), 2));
        m.put("fun_external_unicode", new ExternalFun(Atom.of("п"), Atom.of("р"), 3));
        m.put("mixed_message", Tuple.of(Atom.of("hello"), Binary.ofUtf8("payload-0123456789"), Int.of(42),
                ErlList.of(Int.of(1), Int.of(2), Int.of(3))));
        return m;
    }

    private static List<Term> seq(int n) {
        List<Term> items = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            items.add(Int.of(i));
        }
        return items;
    }

    @Test
    void toStringPrintsWhatErlangPrintsForSimpleTerms() {
        List<String> names = List.of("atom_ascii", "atom_empty", "atom_quoted", "atom_latin1", "int_0", "int_minus_1",
                "int_2_64", "int_minus_2_63", "float_zero", "float_minus_zero", "float_one", "float_1e308",
                "float_5e_324", "float_pi", "binary_empty", "binary_abc", "bits_3", "bits_15", "tuple_0", "tuple_2",
                "nil", "string_abc", "list_mixed", "improper_1", "improper_3", "improper_tuple_tail", "map_0",
                "map_small", "map_nested", "fun_external", "mixed_message");
        List<String> failures = new ArrayList<>();
        for (String name : names) {
            if (eval("etf_golden:deterministic(" + name + ").").equals(Atom.FALSE)) {
                continue; // erl prints a map in the order it holds its keys in, which is more than the term's
            }
            ErlNode.Result result = erl.eval("etf_golden:term(" + name + ").");
            String java = Etf.decode(result.etf()).toString();
            if (!java.equals(result.text())) {
                failures.add(name + ": java " + java + " vs erl " + result.text());
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void termOrderSortsAMixedCorpusAsListsSortDoes() {
        String mixed = "[1 bsl 70, -(1 bsl 70), 3, -3, 2.5, -0.5, 1.0e10, a, 'B', zz, '', make_ref(), "
                + "etf_golden:foreign_ref(), self(), etf_golden:foreign_pid(), hd(erlang:ports()), etf_golden:foreign_port(), "
                + "fun lists:map/2, fun erlang:abs/1, etf_golden:free_fun(1, 2), etf_golden:free_fun(0, 2), "
                + "{}, {1, 2}, {1, 1}, {a}, #{}, #{a => 1}, #{a => 2}, #{b => 0}, #{1 => a, 2 => b}, [], [1], [1 | 2], [0, 5], "
                + "\"abc\", \"abd\", [a, b], <<>>, <<1:3>>, <<1>>, <<0, 1>>, <<1, 0>>, <<255>>, <<1, 2:3>>]";
        Tuple pair = (Tuple) eval("Mixed = " + mixed + ", {Mixed, lists:sort(Mixed), lists:reverse(Mixed)}.");
        List<Term> erlSorted = list(pair.get(1));
        for (Term input : List.of(pair.get(0), pair.get(2))) {
            List<Term> javaSorted = new ArrayList<>(list(input));
            javaSorted.sort(TermOrder.STANDARD);
            assertEquals(erlSorted, javaSorted, "Java's TermOrder.STANDARD against lists:sort/1");
        }
        // Map keys: a flatmap keeps its keys in map-key order, which maps:keys/1 shows.
        Term keys = eval("maps:keys(maps:from_list([{K, x} || K <- [1, 1.0, -1, -1.0, 0.0, -0.0, 2, 1.5, a, {}, [], "
                + "<<>>, 1 bsl 65, 3.0e20, \"s\"]])).");
        List<Term> javaKeys = new ArrayList<>(list(keys));
        java.util.Collections.reverse(javaKeys);
        javaKeys.sort(TermOrder.MAP_KEYS);
        assertEquals(list(keys), javaKeys, "Java's TermOrder.MAP_KEYS against a flatmap's key order");
    }

    @Test
    void javaTermsWithPidsRefsAndFunsOfTheNodeRoundTripThroughErl() {
        Term fun = eval("etf_golden:term(fun_local).");
        Fun local = assertInstanceOf(Fun.class, fun);
        // The node applies a fun that went through beamlink's encoder.
        Term applied = eval("F = binary_to_term(binary:decode_hex(<<\"" + HEX.formatHex(Etf.encode(local)) + "\">>)), F(7).");
        assertEquals(Tuple.of(Int.of(42), Binary.ofUtf8("free"), Int.of(7)), applied);
        // A pid made by Java names the node's process; the node sees it as self().
        Pid self = (Pid) eval("self().");
        Term same = eval("binary_to_term(binary:decode_hex(<<\"" + HEX.formatHex(Etf.encode(self)) + "\">>)) =:= self().");
        assertEquals(Atom.TRUE, same);
        assertArrayEquals(((Binary) eval("term_to_binary(self(), [{minor_version, 2}]).")).toByteArray(), Etf.encode(self));
    }
}
