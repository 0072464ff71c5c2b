package dev.beamlink.etf.mapping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.BigInt;
import dev.beamlink.etf.Binary;
import dev.beamlink.etf.ErlFloat;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.ErlMap;
import dev.beamlink.etf.Etf;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Nil;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every shape, both ways: the term a Java value maps to, and back to an equal value. */
class ShapesTest {

    private final TermMapper mapper = new TermMapper();

    enum Status { IN_STOCK, SOLD_OUT, @AtomName("gone") DISCONTINUED }

    record Line(String sku, int quantity) { }

    record OrderPlaced(long orderId, String customer, List<Line> lines, Status status) { }

    @AtomName("order")
    record OrderV2(long id, @AtomName("qty") int quantity) { }

    @AsMap
    record Point(int x, int yCoordinate) { }

    @ElixirStruct("MyApp.Order")
    record StructOrder(long customerId, Optional<String> note, @Nullable String comment) { }

    @KeywordList
    record Options(int timeout, Optional<Integer> retries) { }

    sealed interface Event permits Placed, Cancelled, Refunded, Reminder, Signal { }

    record Placed(long id, int quantity) implements Event { }

    record Cancelled(long id) implements Event { }

    @ElixirStruct("Shop.Refund")
    record Refunded(long id, double amount) implements Event { }

    @AsMap
    record Reminder(String text) implements Event { }

    enum Signal implements Event { PING, @AtomName("pong") PONG_BACK }

    sealed interface Reply permits Ok, Error { }

    record Ok(Term value) implements Reply { }

    record Error(Term reason) implements Reply { }

    @AtomName("error")
    record ErrorWithInfo(Term reason, Term info) implements Answer { }

    sealed interface Answer permits AnswerError, ErrorWithInfo { }

    @AtomName("error")
    record AnswerError(Term reason) implements Answer { }

    record Scalars(byte b, short s, char c, int i, long l, float f, double d, boolean yes, BigInteger big) { }

    record Boxes(Byte b, Short s, Character c, Integer i, Long l, Float f, Double d, Boolean yes) { }

    record Texts(String binary, @Charlist String charlist, List<@Charlist String> names) { }

    @Charlist
    record AllCharlists(String a, Optional<String> b) { }

    record Absent(Optional<String> undefinedByDefault, @AbsentAs("nil") Optional<Integer> nilHere,
                  @Nullable String nullable, List<@Nullable Integer> holes) { }

    @AbsentAs("none")
    record AbsentOnType(Optional<String> value) { }

    record Collections(List<Integer> list, Set<String> set, Map<Status, List<Long>> byStatus,
                       Map<Line, Boolean> recordKeys) { }

    record Keywords(@KeywordList Map<String, Integer> byText, @KeywordList Map<Atom, String> byAtom,
                    @KeywordList Map<Status, Boolean> byEnum) { }

    record Passing(Pid pid, Ref ref, Atom atom, Term any, Tuple tuple) { }

    record Dynamic(Object anything, List<Object> many) { }

    record Box<T>(T value, List<T> more) { }

    record Wrapper(Box<Line> line, Box<@Charlist String> text) { }

    record Bytes(byte[] data) { }

    record Bounded<T, E extends Event>(T value, E event) { }

    private void roundTrip(Object value, String expectedTerm) {
        Term term = mapper.toTerm(value);
        assertEquals(expectedTerm, term.toString());
        assertEquals(value, mapper.fromTerm(Etf.decode(Etf.encode(term)), value.getClass()));
    }

    @Test
    void aRecordIsATaggedTupleNamedInSnakeCase() {
        roundTrip(new OrderPlaced(42, "ada", List.of(new Line("sku-1", 2), new Line("sku-2", 1)), Status.IN_STOCK),
                "{order_placed,42,<<\"ada\">>,[{line,<<\"sku-1\">>,2},{line,<<\"sku-2\">>,1}],in_stock}");
    }

    @Test
    void atomNameNamesTagsKeysAndConstantsExactly() {
        roundTrip(new OrderV2(1, 2), "{order,1,2}");
        roundTrip(Status.DISCONTINUED, "gone");
        roundTrip(Status.SOLD_OUT, "sold_out");
    }

    @Test
    void aRecordAsAMapHasAnAtomKeyAComponent() {
        roundTrip(new Point(1, 2), "#{x => 1,y_coordinate => 2}");
    }

    @Test
    void anElixirStructIsAMapWithItsModuleAndNilForAbsent() {
        roundTrip(new StructOrder(7, Optional.empty(), null),
                "#{'__struct__' => 'Elixir.MyApp.Order',comment => nil,customer_id => 7,note => nil}");
        roundTrip(new StructOrder(7, Optional.of("gift"), "fragile"),
                "#{'__struct__' => 'Elixir.MyApp.Order',comment => <<\"fragile\">>,customer_id => 7,note => <<\"gift\">>}");
    }

    @Test
    void aMapRecordReadsMissingOptionalKeysAsAbsentAndIgnoresUnknownKeys() {
        Map<Term, Term> entries = new LinkedHashMap<>();
        entries.put(Atom.of("__struct__"), Atom.of("Elixir.MyApp.Order"));
        entries.put(Atom.of("customer_id"), Int.of(9));
        entries.put(Atom.of("extra"), Int.of(1));
        assertEquals(new StructOrder(9, Optional.empty(), null), mapper.fromTerm(new ErlMap(entries), StructOrder.class));
    }

    @Test
    void aKeywordListRecordLeavesAbsentOutAndTakesTheFirstOfAKey() {
        roundTrip(new Options(5000, Optional.of(3)), "[{timeout,5000},{retries,3}]");
        roundTrip(new Options(5000, Optional.empty()), "[{timeout,5000}]");
        Term doubled = ErlList.of(Tuple.of(Atom.of("timeout"), Int.of(1)), Tuple.of(Atom.of("other"), Nil.NIL),
                Tuple.of(Atom.of("timeout"), Int.of(2)));
        assertEquals(new Options(1, Optional.empty()), mapper.fromTerm(doubled, Options.class));
    }

    @Test
    void aSealedInterfaceIsATaggedUnion() {
        TermMapping<Event> events = mapper.mapping(Event.class);
        List<Event> all = List.of(new Placed(1, 2), new Cancelled(1), new Refunded(1, 9.5), new Reminder("pay"),
                Signal.PING, Signal.PONG_BACK);
        List<String> terms = List.of("{placed,1,2}", "{cancelled,1}",
                "#{'__struct__' => 'Elixir.Shop.Refund',amount => 9.5,id => 1}", "#{text => <<\"pay\">>}", "ping", "pong");
        for (int i = 0; i < all.size(); i++) {
            Term term = events.toTerm(all.get(i));
            assertEquals(terms.get(i), term.toString());
            assertEquals(all.get(i), events.fromTerm(term));
        }
    }

    @Test
    void aUnionTellsVariantsOfOneTagApartBySize() {
        TermMapping<Answer> answers = mapper.mapping(Answer.class);
        Term two = Tuple.of(Atom.of("error"), Atom.of("enoent"));
        Term three = Tuple.of(Atom.of("error"), Atom.of("enoent"), Binary.ofUtf8("/tmp/x"));
        assertEquals(new AnswerError(Atom.of("enoent")), answers.fromTerm(two));
        assertEquals(new ErrorWithInfo(Atom.of("enoent"), Binary.ofUtf8("/tmp/x")), answers.fromTerm(three));
        assertEquals(new Ok(Int.of(1)), mapper.fromTerm(Tuple.of(Atom.OK, Int.of(1)), Reply.class));
    }

    @Test
    void numbersAndBooleans() {
        roundTrip(new Scalars((byte) -128, (short) 32767, '\uFFFF', Integer.MIN_VALUE, Long.MAX_VALUE, 1.5f, -0.0, true,
                        BigInteger.TWO.pow(100)),
                "{scalars,-128,32767,65535,-2147483648,9223372036854775807,1.5,-0.0,true,1267650600228229401496703205376}");
        roundTrip(new Boxes((byte) 1, (short) 2, 'a', 4, 5L, 6f, 7d, false), "{boxes,1,2,97,4,5,6.0,7.0,false}");
        assertEquals(BigInteger.ONE, mapper.fromTerm(Int.of(1), BigInteger.class));
        assertEquals(new BigInt(BigInteger.TWO.pow(64)), mapper.toTerm(BigInteger.TWO.pow(64)));
    }

    @Test
    void stringsAreBinariesOrCharlists() {
        roundTrip(new Texts("héllo", "héllo", List.of("a", "")), "{texts,<<104,195,169,108,108,111>>,[104,233,108,108,111],[\"a\",[]]}");
        roundTrip(new AllCharlists("ab", Optional.of("c")), "{all_charlists,\"ab\",\"c\"}");
        roundTrip(new Texts("", "", List.of()), "{texts,<<>>,[],[]}");
    }

    @Test
    void absentIsUndefinedOrAsAnnotated() {
        roundTrip(new Absent(Optional.empty(), Optional.empty(), null, java.util.Arrays.asList(1, null)),
                "{absent,undefined,nil,undefined,[1,undefined]}");
        roundTrip(new Absent(Optional.of("x"), Optional.of(1), "y", List.of()), "{absent,<<\"x\">>,1,<<\"y\">>,[]}");
        roundTrip(new AbsentOnType(Optional.empty()), "{absent_on_type,none}");
    }

    @Test
    void collections() {
        Map<Status, List<Long>> byStatus = new LinkedHashMap<>();
        byStatus.put(Status.IN_STOCK, List.of(1L, 2L));
        byStatus.put(Status.SOLD_OUT, List.of());
        roundTrip(new Collections(List.of(1, 2), Set.of("a"), byStatus, Map.of(new Line("s", 1), true)),
                "{collections,[1,2],[<<\"a\">>],#{in_stock => [1,2],sold_out => []},#{{line,<<\"s\">>,1} => true}}");
    }

    @Test
    void keywordMaps() {
        Map<String, Integer> byText = new LinkedHashMap<>();
        byText.put("timeout", 5);
        byText.put("retries", 3);
        roundTrip(new Keywords(byText, Map.of(Atom.of("name"), "n"), Map.of(Status.IN_STOCK, true)),
                "{keywords,[{timeout,5},{retries,3}],[{name,<<\"n\">>}],[{in_stock,true}]}");
        roundTrip(new Keywords(Map.of(), Map.of(), Map.of()), "{keywords,[],[],[]}");
    }

    @Test
    void termTypesPassThrough() {
        Pid pid = new Pid(Atom.of("a@h"), 1, 2, 3);
        Ref ref = new Ref(Atom.of("a@h"), 3, new int[] {1, 2, 3});
        Passing value = new Passing(pid, ref, Atom.of("x"), new ErlFloat(1.0), Tuple.of(Atom.OK));
        Term term = mapper.toTerm(value);
        assertEquals(Tuple.of(Atom.of("passing"), pid, ref, Atom.of("x"), new ErlFloat(1.0), Tuple.of(Atom.OK)), term);
        assertEquals(value, mapper.fromTerm(term, Passing.class));
        assertSame(pid, mapper.toTerm(pid));
    }

    @Test
    void objectIsWrittenByItsClassAndReadAsTheTerm() {
        Term term = mapper.toTerm(new Dynamic(new Line("s", 1), List.of(1, "two", Status.SOLD_OUT)));
        assertEquals("{dynamic,{line,<<\"s\">>,1},[1,<<\"two\">>,sold_out]}", term.toString());
        Dynamic back = mapper.fromTerm(term, Dynamic.class);
        assertEquals(Tuple.of(Atom.of("line"), Binary.ofUtf8("s"), Int.of(1)), back.anything());
        assertEquals(Int.of(1), back.many().get(0));
        assertEquals("[1,<<\"a\">>]", mapper.toTerm(List.of(1, "a")).toString());
        assertEquals("#{<<\"a\">> => [true]}", mapper.toTerm(Map.of("a", Set.of(true))).toString());
    }

    @Test
    void genericRecordsAndTypesByTypeRef() {
        roundTrip(new Wrapper(new Box<>(new Line("s", 1), List.of()), new Box<>("ab", List.of("c"))),
                "{wrapper,{box,{line,<<\"s\">>,1},[]},{box,\"ab\",[\"c\"]}}");
        TermMapping<List<Line>> lines = mapper.mapping(new TypeRef<List<Line>>() { });
        Term term = lines.toTerm(List.of(new Line("a", 1)));
        assertEquals(List.of(new Line("a", 1)), lines.fromTerm(term));
        TermMapping<Map<String, Optional<Integer>>> maybes = mapper.mapping(new TypeRef<>() { });
        Term maybeTerm = maybes.toTerm(Map.of("a", Optional.empty()));
        assertEquals("#{<<\"a\">> => undefined}", maybeTerm.toString());
        assertEquals(Map.of("a", Optional.empty()), maybes.fromTerm(maybeTerm));
        assertEquals(List.of(new Line("a", 1)), mapper.fromTerm(term, lines.type()));
    }

    @Test
    void anUnboundTypeVariableIsItsBound() {
        Term term = mapper.toTerm(new Bounded<>("text", new Cancelled(3)));
        assertEquals("{bounded,<<\"text\">>,{cancelled,3}}", term.toString());
        Bounded<?, ?> back = mapper.fromTerm(term, Bounded.class);
        assertEquals(Binary.ofUtf8("text"), back.value());
        assertEquals(new Cancelled(3), back.event());
    }

    @Test
    void bytesAreABinaryCopiedBothWays() {
        byte[] data = {1, 2, 3};
        Term term = mapper.toTerm(new Bytes(data));
        data[0] = 9;
        assertEquals("{bytes,<<1,2,3>>}", term.toString());
        assertArrayEquals(new byte[] {1, 2, 3}, mapper.fromTerm(term, Bytes.class).data());
    }

    @Test
    void tryFromTermGivesTheValueOrEmpty() {
        Term placed = Tuple.of(Atom.of("placed"), Int.of(1), Int.of(2));
        assertEquals(Optional.of(new Placed(1, 2)), mapper.tryFromTerm(placed, Placed.class));
        assertEquals(Optional.empty(), mapper.tryFromTerm(placed, Cancelled.class));
        assertEquals(Optional.empty(), mapper.tryFromTerm(null, Cancelled.class));
        assertEquals(Optional.of(new Placed(1, 2)), mapper.tryFromTerm(placed, Event.class));
    }

    @Test
    void nullableTopLevelTypesReadUndefinedAsEmpty() {
        TermMapping<Optional<Line>> maybe = mapper.mapping(new TypeRef<>() { });
        assertEquals(Optional.empty(), maybe.fromTerm(Atom.UNDEFINED));
        assertEquals(Atom.UNDEFINED, maybe.toTerm(Optional.empty()));
        assertNull(mapper.fromTerm(Tuple.of(Atom.of("absent"), Atom.UNDEFINED, Atom.of("nil"), Atom.UNDEFINED, Nil.NIL),
                Absent.class).nullable());
    }

    @Test
    void namesFollowErlangsConvention() {
        assertEquals("order_placed", Names.snake("OrderPlaced"));
        assertEquals("customer_id", Names.snake("customerId"));
        assertEquals("in_stock", Names.snake("IN_STOCK"));
        assertEquals("http_server", Names.snake("HTTPServer"));
        assertEquals("line2_total", Names.snake("line2Total"));
        assertEquals("v2", Names.snake("V2"));
        assertEquals("x", Names.snake("x"));
    }
}
