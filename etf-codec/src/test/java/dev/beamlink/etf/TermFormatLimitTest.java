package dev.beamlink.etf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Term#format(Term, int)}: the syntax of toString() cut to a bound, saying exactly how much was cut. */
class TermFormatLimitTest {

    @Test
    void aTermWithinTheBoundPrintsWhole() {
        Term term = Tuple.of(Atom.of("ok"), Binary.ofUtf8("abc"), ErlList.ofString("xy"));
        assertEquals(term.toString(), Term.format(term, 100));
        assertEquals(term.toString(), Term.format(term, term.toString().length()));
    }

    @Test
    void aLongerTermIsCutAndSaysHowManyCharactersWereLeftOut() {
        List<Term> items = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            items.add(Tuple.of(Atom.of("item"), Int.of(i), Binary.ofUtf8("text\n" + i)));
        }
        Term term = ErlList.from(items);
        String whole = term.toString();
        assertEquals(whole.substring(0, 50) + "...(" + (whole.length() - 50) + " more characters)", Term.format(term, 50));
        assertEquals("...(" + whole.length() + " more characters)", Term.format(term, 0));
    }

    @Test
    void aLargeBinaryIsCountedNotPrinted() {
        byte[] bytes = new byte[1 << 20];
        java.util.Arrays.fill(bytes, (byte) 'a');
        bytes[7] = '"'; // printed \"
        Term binary = Binary.wrap(bytes);
        int printed = "<<\"\">>".length() + bytes.length + 1; // one escape
        assertEquals("<<\"aaaaaaa\\\"...(" + (printed - 12) + " more characters)", Term.format(binary, 12));
        byte[] raw = {(byte) 200, 1, 2};
        assertEquals("<<200,1,2>>", Term.format(Binary.wrap(raw), 11));
        assertEquals("<<200,1...(4 more characters)", Term.format(Binary.wrap(raw), 7));
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        Term atom = Atom.of("a\uD83D\uDE00b"); // printed 'a😀b': 6 chars, the emoji 2 of them
        assertEquals("'a...(4 more characters)", Term.format(atom, 3));
    }

    @Test
    void aNegativeBoundIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Term.format(Nil.NIL, -1));
    }
}
