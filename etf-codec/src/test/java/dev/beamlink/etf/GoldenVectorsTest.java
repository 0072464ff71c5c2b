package dev.beamlink.etf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Golden vectors: the bytes OTP 25 writes (or, for the tags it no longer writes, that it reads), at least
 * one per tag of erl_ext_dist, each with its Erlang term. Each decodes to the expected term and, where
 * the bytes are OTP's canonical {@code term_to_binary(T, [{minor_version, 2}])}, re-encodes to the same
 * bytes. Produced on OTP 25 by the expression in each comment (etf_golden is test-erlang's module; the
 * local fun was made on a non-distributed node, nonode@nohost).
 */
class GoldenVectorsTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final Atom FOREIGN = Atom.of("foreign@host");
    private static final Atom NOWHERE = Atom.of("a@b");

    /** An encoding, the term it holds, and whether it is OTP's canonical minor_version 2 encoding. */
    record Vector(int tag, String erlang, String hex, Term term, boolean canonical) {
    }

    private static final List<Vector> VECTORS = List.of(
            // term_to_binary(42, [{minor_version, 2}])
            new Vector(97, "42", "83612A", Int.of(42), true),
            // term_to_binary(-1, [{minor_version, 2}])
            new Vector(98, "-1", "8362FFFFFFFF", Int.of(-1), true),
            // term_to_binary(256, [{minor_version, 2}])
            new Vector(98, "256", "836200000100", Int.of(256), true),
            // term_to_binary(-(1 bsl 64), [{minor_version, 2}])
            new Vector(110, "-(1 bsl 64)", "836E0901000000000000000001",
                    BigInt.integer(BigInteger.ONE.shiftLeft(64).negate()), true),
            // term_to_binary(1 bsl 2048, [{minor_version, 2}]): 257 digit bytes
            new Vector(111, "1 bsl 2048", "836F0000010100" + "00".repeat(256) + "01",
                    BigInt.integer(BigInteger.ONE.shiftLeft(2048)), true),
            // term_to_binary(-1.5, [{minor_version, 2}])
            new Vector(70, "-1.5", "8346BFF8000000000000", new ErlFloat(-1.5), true),
            // term_to_binary(1.5, [{minor_version, 0}]): "%.20e", NUL-padded to 31 bytes
            new Vector(99, "1.5", "8363312E3530303030303030303030303030303030303030652B30300000000000",
                    new ErlFloat(1.5), false),
            // term_to_binary(hello, [{minor_version, 2}])
            new Vector(119, "hello", "83770568656C6C6F", Atom.of("hello"), true),
            // term_to_binary(list_to_atom(lists:duplicate(200, $é)), [{minor_version, 2}]): 400 bytes of UTF-8
            new Vector(118, "list_to_atom(lists:duplicate(200, $é))", "83760190" + "C3A9".repeat(200),
                    Atom.of("é".repeat(200)), true),
            // term_to_binary(hello): OTP 25's default writes ATOM_EXT
            new Vector(100, "hello", "8364000568656C6C6F", Atom.of("hello"), false),
            // binary_to_term(<<131,115,4,"caf",233>>) =:= 'café' (OTP 25 reads SMALL_ATOM_EXT, never writes it)
            new Vector(115, "'café'", "837304636166E9", Atom.of("café"), false),
            // term_to_binary({ok, 1}, [{minor_version, 2}])
            new Vector(104, "{ok, 1}", "83680277026F6B6101", Tuple.of(Atom.OK, Int.of(1)), true),
            // term_to_binary(list_to_tuple(lists:duplicate(256, 0)), [{minor_version, 2}])
            new Vector(105, "list_to_tuple(lists:duplicate(256, 0))", "836900000100" + "6100".repeat(256),
                    new Tuple(java.util.Collections.nCopies(256, Int.of(0))), true),
            // term_to_binary([], [{minor_version, 2}])
            new Vector(106, "[]", "836A", Nil.NIL, true),
            // term_to_binary("abc", [{minor_version, 2}])
            new Vector(107, "\"abc\"", "836B0003616263", ErlList.ofString("abc"), true),
            // term_to_binary([1, 2 | 3], [{minor_version, 2}])
            new Vector(108, "[1, 2 | 3]", "836C00000002610161026103",
                    new ErlList(List.of(Int.of(1), Int.of(2)), Int.of(3)), true),
            // term_to_binary(<<"abc">>, [{minor_version, 2}])
            new Vector(109, "<<\"abc\">>", "836D00000003616263", Binary.ofUtf8("abc"), true),
            // term_to_binary(<<5:3>>, [{minor_version, 2}])
            new Vector(77, "<<5:3>>", "834D0000000103A0", BitString.of(new byte[] {(byte) 0xA0}, 3), true),
            // term_to_binary(#{a => 1, 2 => b}, [{minor_version, 2}]): keys in map-key order, 2 before a
            new Vector(116, "#{a => 1, 2 => b}", "83740000000261027701627701616101",
                    map(Atom.of("a"), Int.of(1), Int.of(2), Atom.of("b")), true),
            // term_to_binary(etf_golden:foreign_pid(), [{minor_version, 2}]): creation 2^31 + 5
            new Vector(88, "<foreign@host.77.3> (creation 16#80000005)",
                    "8358770C666F726569676E40686F73740000004D0000000380000005", new Pid(FOREIGN, 77, 3, 0x80000005), true),
            // binary_to_term(<<131,103,100,0,3,"a@b",0:32/...>>): PID_EXT, a one-byte creation
            new Vector(103, "<a@b.1.2> (creation 3)", "8367640003614062000000010000000203", new Pid(NOWHERE, 1, 2, 3), false),
            // term_to_binary(etf_golden:foreign_port(), [{minor_version, 2}]): OTP 25 writes NEW_PORT_EXT for 32-bit ids
            new Vector(89, "#Port<foreign@host.99> (creation 16#80000007)",
                    "8359770C666F726569676E40686F73740000006380000007", new Port(FOREIGN, 99, 0x80000007), true),
            // term_to_binary(binary_to_term(<<131,120,119,7,"v4@host",1:64/..., 9:32>>), [{minor_version, 2}])
            new Vector(120, "#Port<v4@host.4294967298> (creation 9)", "83787707763440686F7374000000010000000200000009",
                    new Port(Atom.of("v4@host"), (1L << 32) | 2, 9), true),
            // binary_to_term(<<131,102,100,0,3,"a@b",0,0,0,1,2>>): PORT_EXT
            new Vector(102, "#Port<a@b.1> (creation 2)", "836664000361406200000001" + "02", new Port(NOWHERE, 1, 2), false),
            // term_to_binary(etf_golden:foreign_ref(), [{minor_version, 2}])
            new Vector(90, "#Ref<foreign@host.3.2.1> (creation 16#F0000001)",
                    "835A0003770C666F726569676E40686F7374F0000001000000010000000200000003",
                    new Ref(FOREIGN, 0xF0000001, new int[] {1, 2, 3}), true),
            // binary_to_term(<<131,101,100,0,3,"a@b",0,0,0,7,2>>): REFERENCE_EXT
            new Vector(101, "#Ref<a@b.7> (creation 2)", "8365640003614062000000" + "0702", new Ref(NOWHERE, 2, new int[] {7}), false),
            // binary_to_term(<<131,114,0,1,100,0,3,"a@b",2,0,0,0,7>>): NEW_REFERENCE_EXT
            new Vector(114, "#Ref<a@b.7> (creation 2)", "837200016400036140620200000007", new Ref(NOWHERE, 2, new int[] {7}), false),
            // term_to_binary(etf_golden:free_fun(1, <<"x">>), [{minor_version, 2}]) on nonode@nohost
            new Vector(112, "etf_golden:free_fun(1, <<\"x\">>)",
                    "837000000054016632264583A6589E20219AAC8DDF84A10000000100000002770A6574665F676F6C64656E6101620331913258"
                            + "770D6E6F6E6F6465406E6F686F737400000009000000000000000061016D0000000178",
                    new Fun(Atom.of("etf_golden"), 1, HEX.parseHex("6632264583A6589E20219AAC8DDF84A1"), 1, 1, 0x03319132,
                            new Pid(Atom.of("nonode@nohost"), 9, 0, 0), List.of(Int.of(1), Binary.ofUtf8("x"))), true),
            // term_to_binary(fun lists:map/2, [{minor_version, 2}])
            new Vector(113, "fun lists:map/2", "837177056C6973747377036D61706102",
                    new ExternalFun(Atom.of("lists"), Atom.of("map"), 2), true),
            // term_to_binary(lists:duplicate(100, a), [compressed, {minor_version, 2}])
            new Vector(80, "lists:duplicate(100, a)", "835000000132789CCB6160604829674C1C4544A22C002E3F55FF",
                    ErlList.from(java.util.Collections.nCopies(100, Atom.of("a"))), true));

    private static ErlMap map(Term... keysAndValues) {
        Map<Term, Term> entries = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            entries.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new ErlMap(entries);
    }

    @Test
    void everyVectorDecodesToItsTermAndCanonicalOnesReencodeByteForByte() {
        List<String> failures = new ArrayList<>();
        EtfEncoder compressing = EtfEncoder.builder().compressed().build();
        for (Vector v : VECTORS) {
            byte[] bytes = HEX.parseHex(v.hex().toLowerCase());
            assertEquals(v.tag(), bytes[1] & 0xFF, v.erlang() + ": the vector's first tag");
            Term decoded = Etf.decode(bytes);
            if (!decoded.equals(v.term())) {
                failures.add(v.erlang() + ": decoded " + decoded + ", expected " + v.term());
            }
            byte[] again = v.tag() == EtfTags.COMPRESSED ? compressing.encode(decoded) : Etf.encode(decoded);
            if (v.canonical() && !java.util.Arrays.equals(bytes, again)) {
                failures.add(v.erlang() + ": re-encoded " + HEX.formatHex(again));
            }
            // Every vector also decodes from a direct buffer, and the re-encoding decodes back.
            ByteBuf direct = Unpooled.directBuffer(bytes.length).writeBytes(bytes);
            assertEquals(v.term(), Etf.decode(direct), v.erlang());
            assertEquals(0, direct.readableBytes());
            direct.release();
            assertEquals(v.term(), Etf.decode(again), v.erlang());
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void theVectorsCoverEveryTagOfTheSpec() {
        Set<Integer> covered = new TreeSet<>();
        VECTORS.forEach(v -> covered.add(v.tag()));
        covered.add(EtfTags.ATOM_CACHE_REF); // atomCacheRefDecodesThroughTheHook below
        Set<Integer> all = new TreeSet<>(List.of(70, 77, 80, 82, 88, 89, 90, 97, 98, 99, 100, 101, 102, 103, 104,
                105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 118, 119, 120));
        all.removeAll(covered);
        assertEquals(Set.of(), all, "tags without a golden vector");
    }

    @Test
    void atomCacheRefDecodesThroughTheHookAndIsWrittenWhenTheHookAsks() {
        // {ok, error} after a distribution header whose cache refs 0 and 1 are ok and error:
        // SMALL_TUPLE_EXT 2, ATOM_CACHE_REF 0, ATOM_CACHE_REF 1 (no version byte, as in a dist frame).
        ByteBuf frame = Unpooled.wrappedBuffer(HEX.parseHex("6802520052016A"));
        List<Atom> cache = List.of(Atom.OK, Atom.ERROR);
        Term term = EtfDecoder.defaults().decodeTerm(frame, cache::get);
        assertEquals(Tuple.of(Atom.OK, Atom.ERROR), term);
        assertEquals(1, frame.readableBytes(), "the reader index moved past the one term only");
        assertEquals(Nil.NIL, EtfDecoder.defaults().decodeTerm(frame));

        ByteBuf out = Unpooled.buffer();
        EtfEncoder.defaults().encodeTerm(Tuple.of(Atom.OK, Atom.of("other"), Atom.ERROR), out,
                atom -> cache.indexOf(atom));
        assertEquals("680352007705" + HEX.formatHex("other".getBytes()) + "5201",
                HEX.formatHex(out.array(), out.arrayOffset(), out.arrayOffset() + out.writerIndex()));

        EtfDecodeException noCache = assertThrows(EtfDecodeException.class,
                () -> Etf.decode(HEX.parseHex("835200")));
        assertEquals("ATOM_CACHE_REF at offset 1: atom cache reference 0 outside a distribution message (no atom cache)",
                noCache.getMessage());
        EtfDecodeException empty = assertThrows(EtfDecodeException.class,
                () -> EtfDecoder.defaults().decodeTerm(Unpooled.wrappedBuffer(HEX.parseHex("5205")), i -> null));
        assertEquals("ATOM_CACHE_REF at offset 0: no atom at atom cache index 5", empty.getMessage());
    }

    @Test
    void localExtAndFunExtFailWithTheDecodeException() {
        EtfDecodeException local = assertThrows(EtfDecodeException.class, () -> Etf.decode(HEX.parseHex("8379000102")));
        assertEquals(EtfTags.LOCAL_EXT, local.tag());
        assertTrue(local.getMessage().startsWith("LOCAL_EXT at offset 1: the local external term format"), local.getMessage());
        EtfDecodeException fun = assertThrows(EtfDecodeException.class, () -> Etf.decode(HEX.parseHex("837500000000")));
        assertEquals("FUN_EXT at offset 1: FUN_EXT was removed in OTP 23 and is not decoded", fun.getMessage());
    }
}
