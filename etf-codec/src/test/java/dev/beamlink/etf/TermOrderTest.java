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
}
