package dev.beamlink.etf.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Etf;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.ErlNode;
import java.math.BigInteger;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The mapper against a live erl node and test-erlang's mapping_records module, which has the same values made with
 * Erlang's syntax: {@code -record(...)}s, a tagged union, a map, the maps Elixir makes for structs, keyword lists.
 * Java maps its records to terms, and erl decodes the external term with {@code binary_to_term/1} and matches it
 * field by field (and with {@code =:=}); erl's values, mapped back, equal Java's records.
 */
class LiveMappingTest {

    private static final HexFormat HEX = HexFormat.of();

    private static Epmd epmd;
    private static ErlNode erl;

    private final TermMapper mapper = new TermMapper();

    enum Status { PENDING, IN_STOCK, SOLD_OUT }

    record Line(String sku, int quantity) { }

    record OrderPlaced(long orderId, String customer, List<Line> lines, Status status, Optional<String> note,
                       Pid placedBy) { }

    record Product(String name, @Charlist String label, double price, boolean available, Map<Status, Integer> stock,
                   BigInteger weightGrams, Set<String> tags) { }

    sealed interface Reply permits Ok, Error, Progress { }

    record Ok(Line line) implements Reply { }

    record Error(Term reason) implements Reply { }

    enum Progress implements Reply { QUEUED, RUNNING }

    @AsMap
    record Point(int x, int y, Optional<Status> status) { }

    sealed interface Party permits Customer, Supplier { }

    @ElixirStruct("Shop.Customer")
    record Customer(String name, List<String> tags, Optional<Long> referrer, @Nullable String email) implements Party { }

    @ElixirStruct("Shop.Supplier")
    record Supplier(String name) implements Party { }

    @KeywordList
    record Options(int timeout, Optional<Integer> retries, boolean verbose) { }

    record Call(@KeywordList Map<String, Integer> opts) { }

    /** A case: its name in mapping_records, the Java type it maps by, and the Java value. */
    private record Case(String name, Type type, Object value) { }

    @BeforeAll
    static void startNode() {
        epmd = Epmd.start();
        erl = ErlNode.builder().name("mapping").epmd(epmd).start();
    }

    @AfterAll
    static void stopNode() {
        if (erl != null) {
            erl.close();
        }
        if (epmd != null) {
            epmd.close();
        }
    }

    private static Term eval(String expression) {
        return Etf.decode(erl.eval(expression).etf());
    }

    private static List<Case> cases() {
        Pid init = (Pid) eval("whereis(init).");
        Map<Status, Integer> stock = new LinkedHashMap<>();
        stock.put(Status.IN_STOCK, 3);
        stock.put(Status.SOLD_OUT, 0);
        Map<String, Integer> opts = new LinkedHashMap<>();
        opts.put("a", 1);
        opts.put("b", 2);
        return List.of(
                new Case("order_placed", OrderPlaced.class, new OrderPlaced(1_234_567_890_123L, "Ada Lovelace",
                        List.of(new Line("sku-1", 2), new Line("sku-2", 1)), Status.IN_STOCK, Optional.empty(), init)),
                new Case("order_with_note", OrderPlaced.class, new OrderPlaced(-1, "Zoë \uD83E\uDED6", List.of(),
                        Status.SOLD_OUT, Optional.of("leave at the door"), init)),
                new Case("product", Product.class, new Product("Teapot", "Théière", 19.99, true, stock,
                        BigInteger.ONE.shiftLeft(70), new LinkedHashSet<>(List.of("kitchen", "gift")))),
                new Case("reply_ok", Reply.class, new Ok(new Line("sku-9", 9))),
                new Case("reply_error", Reply.class, new Error(Tuple.of(Atom.of("timeout"), Int.of(5000)))),
                new Case("reply_running", Reply.class, Progress.RUNNING),
                new Case("point", Point.class, new Point(3, -4, Optional.empty())),
                new Case("customer", Party.class, new Customer("Ada", List.of("vip"), Optional.empty(), null)),
                new Case("customer_full", Customer.class,
                        new Customer("Grace", List.of(), Optional.of(42L), "grace@example.com")),
                new Case("supplier", Party.class, new Supplier("Kettles Ltd")),
                new Case("options", Options.class, new Options(5000, Optional.empty(), true)),
                new Case("call", Call.class, new Call(opts)));
    }

    @Test
    void erlangMatchesWhatJavaMappedAndJavaMapsBackWhatErlangMade() {
        List<String> failures = new ArrayList<>();
        List<Case> cases = cases();
        for (Case c : cases) {
            TermMapping<?> mapping = mapper.mapping(c.type());
            Term term = toTerm(mapping, c.value());
            Term verdict = eval("mapping_records:check(" + c.name() + ", binary:decode_hex(<<\""
                    + HEX.formatHex(Etf.encode(term)) + "\">>)).");
            if (!verdict.equals(Atom.OK)) {
                failures.add(c.name() + ": erl says " + verdict);
            }
            Object back = mapping.fromTerm(eval("mapping_records:value(" + c.name() + ")."));
            if (!back.equals(c.value())) {
                failures.add(c.name() + ": erl's value maps to " + back + ", not " + c.value());
            }
        }
        assertEquals(List.of(), failures);
        Term names = eval("mapping_records:cases().");
        assertEquals(names, ErlList.from(cases.stream().map(c -> (Term) Atom.of(c.name())).toList()), "every case");
    }

    @SuppressWarnings("unchecked")
    private static <T> Term toTerm(TermMapping<T> mapping, Object value) {
        return mapping.toTerm((T) value);
    }

    @Test
    void recordFieldsAreTheComponentsInErlangsNaming() {
        Map<String, Class<?>> records = Map.of("line", Line.class, "order_placed", OrderPlaced.class,
                "product", Product.class, "call", Call.class);
        records.forEach((name, type) -> {
            List<Term> javaNames = new ArrayList<>();
            for (var component : type.getRecordComponents()) {
                javaNames.add(Atom.of(Names.snake(component.getName())));
            }
            assertEquals(ErlList.from(javaNames), eval("mapping_records:fields(" + name + ")."), name);
        });
    }

    @Test
    void aRecordErlangGotWrongFailsWithItsPath() {
        Term wrong = eval("setelement(4, mapping_records:value(order_placed),"
                + " [{line, <<\"a\">>, 1}, {line, <<\"b\">>, 2.5}]).");
        TermMappingException e = assertThrows(TermMappingException.class, () -> mapper.fromTerm(wrong, OrderPlaced.class));
        assertEquals("OrderPlaced.lines[1].quantity: expected an integer in -2147483648..2147483647, found 2.5",
                e.getMessage());
        Term unknown = eval("{error_with_info, x}.");
        assertEquals(Optional.empty(), mapper.tryFromTerm(unknown, Reply.class));
    }
}
