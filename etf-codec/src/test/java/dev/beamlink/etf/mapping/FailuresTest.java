package dev.beamlink.etf.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.BigInt;
import dev.beamlink.etf.Binary;
import dev.beamlink.etf.ErlFloat;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.ErlMap;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Nil;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every way a term can fail to fit, and a value fail to have a term: one {@link TermMappingException} naming the
 * path, the shape expected and what was found; {@code tryFromTerm} empty for the same terms.
 */
class FailuresTest {

    private final TermMapper mapper = new TermMapper();

    enum Status { IN_STOCK, SOLD_OUT }

    record Line(String sku, int quantity) { }

    record Order(long id, List<Line> lines, Status status, Optional<String> note) { }

    record Numbers(byte b, char c, long l, float f, double d) { }

    record Texts(String text, @Charlist String chars) { }

    @AsMap
    record Point(int x, int yCoordinate) { }

    @ElixirStruct("MyApp.User")
    record User(String name) { }

    @KeywordList
    record Options(int timeout) { }

    record Call(@KeywordList Map<String, Integer> opts) { }

    record Positive(int value) {
        Positive {
            if (value <= 0) {
                throw new IllegalArgumentException("value " + value + " is not positive");
            }
        }
    }

    record Totals(Map<Status, List<Integer>> byStatus, Map<Line, Integer> byLine) { }

    sealed interface Event permits Placed, Cancelled { }

    record Placed(long id, int quantity) implements Event { }

    record Cancelled(long id) implements Event { }

    record Touchy(int value) {
        @Override
        public int value() {
            throw new IllegalStateException("do not touch");
        }
    }

    private static Term atom(String text) {
        return Atom.of(text);
    }

    private static Term tuple(Term... items) {
        return Tuple.of(items);
    }

    private static Term line(String sku, long quantity) {
        return tuple(atom("line"), Binary.ofUtf8(sku), Int.of(quantity));
    }

    private static Term order(Term lines) {
        return tuple(atom("order"), Int.of(1), lines, atom("in_stock"), Atom.UNDEFINED);
    }

    /** Asserts that {@code term} does not fit {@code type}: the message, and an empty tryFromTerm. */
    private TermMappingException fails(Term term, Type type, String message) {
        TermMappingException e = assertThrows(TermMappingException.class, () -> mapper.fromTerm(term, type));
        assertEquals(message, e.getMessage());
        assertEquals(Optional.empty(), mapper.mapping(type).tryFromTerm(term));
        return e;
    }

    @Test
    void thePathLeadsToTheComponentThatDoesNotFit() {
        Term lines = ErlList.of(line("a", 1), line("b", 2), line("c", 3), line("d", 99_999_999_999L));
        TermMappingException e = fails(order(lines), Order.class,
                "Order.lines[3].quantity: expected an integer in -2147483648..2147483647, found 99999999999");
        assertEquals("Order.lines[3].quantity", e.path());
        assertEquals("an integer in -2147483648..2147483647", e.expected());
        assertEquals("99999999999", e.found());
    }

    @Test
    void aTupleOfAnotherTagOrSizeIsNotTheRecord() {
        fails(tuple(atom("line"), Binary.ofUtf8("a")), Line.class,
                "Line: expected a record tuple {line, ...} of 3 elements, found {line,<<\"a\">>}");
        fails(tuple(atom("lime"), Binary.ofUtf8("a"), Int.of(1)), Line.class,
                "Line: expected a record tuple {line, ...} of 3 elements, found {lime,<<\"a\">>,1}");
        fails(ErlList.of(Int.of(1)), Line.class, "Line: expected a record tuple {line, ...} of 3 elements, found [1]");
    }

    @Test
    void numbersOutOfRangeOrOfTheOtherKind() {
        Term base = tuple(atom("numbers"), Int.of(1), Int.of(2), Int.of(3), new ErlFloat(4), new ErlFloat(5));
        List<Term> items = new ArrayList<>(((Tuple) base).elements());
        fails(with(items, 1, Int.of(128)), Numbers.class, "Numbers.b: expected an integer in -128..127, found 128");
        fails(with(items, 2, Int.of(-1)), Numbers.class, "Numbers.c: expected an integer in 0..65535, found -1");
        fails(with(items, 3, new BigInt(BigInteger.TWO.pow(64))), Numbers.class,
                "Numbers.l: expected an integer in -9223372036854775808..9223372036854775807, found 18446744073709551616");
        fails(with(items, 3, new ErlFloat(3)), Numbers.class,
                "Numbers.l: expected an integer in -9223372036854775808..9223372036854775807, found 3.0");
        fails(with(items, 4, new ErlFloat(1e300)), Numbers.class,
                "Numbers.f: expected a float within a Java float's range (+-3.4028235E38), found 1.0e300");
        fails(with(items, 5, Int.of(5)), Numbers.class, "Numbers.d: expected a float, found 5");
        fails(Atom.of("perhaps"), Boolean.class, "Boolean: expected the atom true or false, found perhaps");
        fails(new ErlFloat(1), BigInteger.class, "BigInteger: expected an integer, found 1.0");
    }

    private static Term with(List<Term> items, int index, Term item) {
        List<Term> changed = new ArrayList<>(items);
        changed.set(index, item);
        return new Tuple(changed);
    }

    @Test
    void stringsThatAreNotUtf8OrNotCharlists() {
        fails(tuple(atom("texts"), Binary.of(new byte[] {(byte) 0xFF}), Nil.NIL), Texts.class,
                "Texts.text: expected a UTF-8 binary (a String), found <<255>>");
        fails(tuple(atom("texts"), Binary.ofUtf8("ok"), ErlList.of(Int.of(104), Int.of(-1))), Texts.class,
                "Texts.chars: expected a charlist (a proper list of Unicode code points), found [104,-1]");
        fails(tuple(atom("texts"), ErlList.ofString("abc"), Nil.NIL), Texts.class,
                "Texts.text: expected a UTF-8 binary (a String), found \"abc\"");
        // U+FFFD itself is valid UTF-8: only a malformed binary fails
        assertEquals("\uFFFD", mapper.fromTerm(Binary.ofUtf8("\uFFFD"), String.class));
    }

    @Test
    void listsThatAreImproper() {
        fails(order(new ErlList(List.of(line("a", 1)), atom("tail"))), Order.class,
                "Order.lines: expected a proper list, found [{line,<<\"a\">>,1}|tail]");
    }

    @Test
    void mapsWithoutAKeyOrOfAnotherStruct() {
        fails(new ErlMap(Map.of(atom("x"), Int.of(1))), Point.class,
                "Point: expected a map with the keys x, y_coordinate, with the key y_coordinate, found #{x => 1}");
        Map<Term, Term> other = new LinkedHashMap<>();
        other.put(atom("__struct__"), atom("Elixir.MyApp.Admin"));
        other.put(atom("name"), Binary.ofUtf8("n"));
        fails(new ErlMap(other), User.class, "User: expected a %MyApp.User{} struct (a map with '__struct__' =>"
                + " 'Elixir.MyApp.User'), found #{'__struct__' => 'Elixir.MyApp.Admin',name => <<\"n\">>}");
        fails(new ErlMap(Map.of(atom("name"), Binary.ofUtf8("n"))), User.class, "User: expected a %MyApp.User{} struct"
                + " (a map with '__struct__' => 'Elixir.MyApp.User'), found #{name => <<\"n\">>}");
    }

    @Test
    void keywordListsWithSomethingElseThanPairs() {
        fails(ErlList.of(tuple(atom("timeout"), Int.of(1)), atom("verbose")), Options.class,
                "Options[1]: expected a pair {atom, Value}, found verbose");
        fails(Nil.NIL, Options.class, "Options: expected a keyword list of timeout, with the key timeout, found []");
    }

    @Test
    void keywordMapsWithAValueOrAnElementThatDoesNotFit() {
        fails(tuple(atom("call"), ErlList.of(tuple(atom("a"), Int.of(1)), tuple(atom("b"), atom("x")))), Call.class,
                "Call.opts[b]: expected an integer in -2147483648..2147483647, found x");
        fails(tuple(atom("call"), ErlList.of(tuple(atom("a"), Int.of(1)), atom("verbose"))), Call.class,
                "Call.opts[1]: expected a pair {atom, Value}, found verbose");
        fails(tuple(atom("call"), ErlList.of(tuple(Binary.ofUtf8("a"), Int.of(1)))), Call.class,
                "Call.opts[0]: expected a pair {atom, Value}, found {<<\"a\">>,1}");
        TermMappingException e = assertThrows(TermMappingException.class,
                () -> mapper.toTerm(new Call(Map.of("k".repeat(256), 1))));
        assertEquals("Call.opts[key #0]: expected a String of at most 255 characters (an atom), found a java.lang.String"
                + " (java.lang.IllegalArgumentException: atom length: 256 characters (expected: <= 255))", e.getMessage());
    }

    @Test
    void anAtomTheEnumDoesNotName() {
        fails(atom("on_fire"), Status.class, "Status: expected one of the atoms in_stock, sold_out, found on_fire");
        fails(Binary.ofUtf8("in_stock"), Status.class,
                "Status: expected one of the atoms in_stock, sold_out, found <<\"in_stock\">>");
    }

    @Test
    void anOptionalSaysItsAtomIsAcceptedToo() {
        fails(tuple(atom("order"), Int.of(1), Nil.NIL, atom("in_stock"), Int.of(7)), Order.class,
                "Order.note: expected the atom undefined or a UTF-8 binary (a String), found 7");
    }

    @Test
    void aConstructorThatRefusesTheValues() {
        TermMappingException e = fails(tuple(atom("positive"), Int.of(0)), Positive.class,
                "Positive: expected values the constructor of Positive accepts, found {positive,0}"
                        + " (java.lang.IllegalArgumentException: value 0 is not positive)");
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
    }

    @Test
    void mapPathsNameTheKey() {
        Term byStatus = new ErlMap(Map.of(atom("in_stock"), ErlList.of(Int.of(1), atom("x"))));
        fails(tuple(atom("totals"), byStatus, new ErlMap(Map.of())), Totals.class,
                "Totals.byStatus[in_stock][1]: expected an integer in -2147483648..2147483647, found x");
        Term badKey = new ErlMap(Map.of(atom("lost"), Nil.NIL));
        fails(tuple(atom("totals"), badKey, new ErlMap(Map.of())), Totals.class,
                "Totals.byStatus[key lost]: expected one of the atoms in_stock, sold_out, found lost");
        Term lineKey = new ErlMap(Map.of(line("a", 1), Binary.ofUtf8("one")));
        fails(tuple(atom("totals"), new ErlMap(Map.of()), lineKey), Totals.class,
                "Totals.byLine[{line,<<\"a\">>,1}]: expected an integer in -2147483648..2147483647, found <<\"one\">>");
    }

    @Test
    void aUnionNamesTheVariantOrListsTheShapes() {
        fails(tuple(atom("placed"), Int.of(1), Binary.ofUtf8("2")), Event.class,
                "Event(Placed).quantity: expected an integer in -2147483648..2147483647, found <<\"2\">>");
        fails(tuple(atom("shipped"), Int.of(1)), Event.class, "Event: expected a Event: a record tuple {placed, ...}"
                + " of 3 elements | a record tuple {cancelled, ...} of 2 elements, found {shipped,1}");
        fails(tuple(atom("placed"), Int.of(1)), Event.class, "Event: expected a Event: a record tuple {placed, ...}"
                + " of 3 elements | a record tuple {cancelled, ...} of 2 elements, found {placed,1}");
    }

    @Test
    void aLongTermIsPrintedCutAndSaysHowMuchWasCut() {
        List<Term> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(Int.of(i));
        }
        Term list = ErlList.from(many);
        String whole = list.toString();
        TermMappingException e = assertThrows(TermMappingException.class, () -> mapper.fromTerm(list, Line.class));
        String kept = whole.substring(0, TermMappingException.PRINT_LIMIT);
        assertEquals(kept + "...(" + (whole.length() - kept.length()) + " more characters)", e.found());
        assertTrue(e.getMessage().endsWith(e.found()), e.getMessage());
    }

    @Test
    void aNullTermIsNotATerm() {
        TermMappingException e = assertThrows(TermMappingException.class, () -> mapper.fromTerm(null, Line.class));
        assertEquals("Line: expected a record tuple {line, ...} of 3 elements, found null (no term)", e.getMessage());
    }

    @Test
    void aValueWithoutATerm() {
        TermMappingException e = assertThrows(TermMappingException.class,
                () -> mapper.toTerm(new Order(1, List.of(new Line("a", 1), new Line(null, 2)), Status.IN_STOCK,
                        Optional.empty())));
        assertEquals("Order.lines[1].sku: expected a value that maps to a UTF-8 binary (a String), found null",
                e.getMessage());
        e = assertThrows(TermMappingException.class, () -> mapper.toTerm(new Numbers((byte) 1, 'a', 1, 1, Double.NaN)));
        assertEquals("Numbers.d: expected a finite double (Erlang has no NaN or infinity), found NaN", e.getMessage());
        e = assertThrows(TermMappingException.class,
                () -> mapper.toTerm(new Numbers((byte) 1, 'a', 1, Float.NEGATIVE_INFINITY, 1)));
        assertEquals("Numbers.f: expected a finite float (Erlang has no NaN or infinity), found -Infinity", e.getMessage());
        e = assertThrows(TermMappingException.class, () -> mapper.toTerm(new Order(1, null, Status.IN_STOCK, null)));
        assertEquals("Order.lines: expected a value that maps to a proper list, found null", e.getMessage());
        e = assertThrows(TermMappingException.class, () -> mapper.toTerm(null));
        assertEquals("expected a value, found null", e.getMessage());
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void aValueOfAnotherClassThanItsTypeSaysIsNotACastFailure() {
        List polluted = new ArrayList<>(List.of("not a line"));
        TermMappingException e = assertThrows(TermMappingException.class,
                () -> mapper.toTerm(new Order(1, polluted, Status.IN_STOCK, Optional.empty())));
        assertEquals("Order.lines[0]: expected a value that maps to a record tuple {line, ...} of 3 elements,"
                + " found a java.lang.String", e.getMessage());
        e = assertThrows(TermMappingException.class, () -> mapper.toTerm(List.of(Thread.currentThread())));
        assertTrue(e.getMessage().startsWith("List12[0]: expected a value of a type the mapper can map, found a"
                + " java.lang.Thread (java.lang.IllegalArgumentException: cannot map Thread: java.lang.Thread is not"),
                e.getMessage());
    }

    @Test
    void anAccessorThatThrows() {
        TermMappingException e = assertThrows(TermMappingException.class, () -> mapper.toTerm(new Touchy(1)));
        assertEquals("Touchy.value: expected the value of the accessor, found an exception thrown by it"
                + " (java.lang.IllegalStateException: do not touch)", e.getMessage());
    }

    @Test
    void aPlainObjectHasNoTermAndIsRefusedNotLoopedOver() {
        TermMappingException e = assertThrows(TermMappingException.class, () -> mapper.toTerm(new Object()));
        assertTrue(e.getMessage().contains("expected a value of a type the mapper can map"), e.getMessage());
        record Holder(Object anything) {
        }
        assertThrows(TermMappingException.class, () -> mapper.toTerm(new Holder(new Object())));
    }
}
