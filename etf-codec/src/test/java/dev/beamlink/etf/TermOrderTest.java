package dev.beamlink.etf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TermOrder edge cases that the live-erl comparison in LiveCorpusTest does not reach. */
class TermOrderTest {

    private static final Pid CREATOR = new Pid(Atom.of("a@h"), 1, 0, 1);

    private static Fun fun(int oldUniq, int oldIndex, Pid pid, Term... freeVars) {
        return new Fun(Atom.of("m"), 0, new byte[16], 3, oldIndex, oldUniq, pid, List.of(freeVars));
    }

    @Test
    void funsFollowErtsOrderAndTheExactOrderIsConsistentWithEquals() {
        // erts orders funs by module, index, old uniq, number of free variables, then the variables.
        assertTrue(TermOrder.STANDARD.compare(fun(0, 0, CREATOR), fun(1, 0, CREATOR)) < 0);
        assertTrue(TermOrder.STANDARD.compare(fun(5, 0, CREATOR), fun(1, 0, CREATOR, Int.of(1))) > 0);
        // Funs that differ only in fields erts does not order by are still told apart exactly.
        Fun a = fun(0, 0, CREATOR);
        Fun b = fun(0, 1, CREATOR);
        Fun c = fun(0, 0, new Pid(Atom.of("a@h"), 2, 0, 1));
        assertNotEquals(0, TermOrder.MAP_KEYS.compare(a, b));
        assertNotEquals(0, TermOrder.MAP_KEYS.compare(a, c));
        assertEquals(-TermOrder.MAP_KEYS.compare(a, c), TermOrder.MAP_KEYS.compare(c, a));
    }

    @Test
    void aMapWithFunKeysComparesEqualToItsOwnDecodedCopy() {
        // The sample jqwik shrank a failure to: [{#{#Fun<m.3.0> => '', #Fun<m.3.1> => a}}|{}]
        Map<Term, Term> entries = new LinkedHashMap<>();
        entries.put(fun(1, 0, CREATOR), Atom.of("a"));
        entries.put(fun(0, 0, CREATOR), Atom.of(""));
        Term term = new ErlList(List.of(Tuple.of(new ErlMap(entries))), Tuple.EMPTY);
        Term back = Etf.decode(Etf.encode(term));
        assertEquals(term, back);
        assertEquals(0, TermOrder.MAP_KEYS.compare(term, back));
        assertEquals(0, TermOrder.STANDARD.compare(term, back));
    }

    private static Pid pid(String node, int id, int serial, int creation) {
        return new Pid(Atom.of(node), id, serial, creation);
    }

    @Test
    void identifiersOfDifferentNodesSortAsOtp25SortsThem() {
        // lists:keysort on OTP 25 of pids built with binary_to_term(NEW_PID_EXT):
        // b@h <1,0> cr1 (1), a@h <2,0> (2), a@h <1,1> (3), a@h <1,0> cr2 (4), c@h <0,0> (5)  ->  [5,4,1,2,3]
        List<Term> sorted = new java.util.ArrayList<>(List.of(pid("b@h", 1, 0, 1), pid("a@h", 2, 0, 1),
                pid("a@h", 1, 1, 1), pid("a@h", 1, 0, 2), pid("c@h", 0, 0, 1)));
        sorted.sort(TermOrder.STANDARD);
        assertEquals(List.of(pid("c@h", 0, 0, 1), pid("a@h", 1, 0, 2), pid("b@h", 1, 0, 1), pid("a@h", 2, 0, 1),
                pid("a@h", 1, 1, 1)), sorted);
        // References: node, creation, then the ID words from the most significant; OTP 25 gives [2,4,3,1] for
        // b@h cr1 [1,0,0] (1), a@h cr1 [2,0,0] (2), a@h cr2 [1,0,0] (3), a@h cr1 [0,0,1] (4).
        Ref r1 = new Ref(Atom.of("b@h"), 1, new int[] {1, 0, 0});
        Ref r2 = new Ref(Atom.of("a@h"), 1, new int[] {2, 0, 0});
        Ref r3 = new Ref(Atom.of("a@h"), 2, new int[] {1, 0, 0});
        Ref r4 = new Ref(Atom.of("a@h"), 1, new int[] {0, 0, 1});
        List<Term> refs = new java.util.ArrayList<>(List.of(r1, r2, r3, r4));
        refs.sort(TermOrder.STANDARD);
        assertEquals(List.of(r2, r4, r3, r1), refs);
        // Ports: node, creation, then number; OTP 25 gives [2,3,1] for b@h 1 cr1, a@h 2 cr1, a@h 1 cr2.
        Port p1 = new Port(Atom.of("b@h"), 1, 1);
        Port p2 = new Port(Atom.of("a@h"), 2, 1);
        Port p3 = new Port(Atom.of("a@h"), 1, 2);
        List<Term> ports = new java.util.ArrayList<>(List.of(p1, p2, p3));
        ports.sort(TermOrder.STANDARD);
        assertEquals(List.of(p2, p3, p1), ports);
    }
}
