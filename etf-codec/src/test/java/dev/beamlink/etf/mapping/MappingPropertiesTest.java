package dev.beamlink.etf.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties over generated records of every shape: a value maps to a term, through ETF bytes and back to an equal
 * value; and a term of theirs with any one part replaced by another term either maps to a value or fails with a
 * {@link TermMappingException}, never another exception, and {@code tryFromTerm} agrees.
 */
class MappingPropertiesTest {

    private final TermMapper mapper = new TermMapper();

    enum Status { NEW, IN_STOCK, SOLD_OUT }

    record Item(String sku, int quantity, double price, Optional<String> note) { }

    record Basket(long id, List<Item> items, Set<Status> flags, Map<String, Integer> counts, Status status,
                  boolean paid, BigInteger big, byte b, short s, char c, float f, @Charlist String label,
                  @Nullable String maybe, Pid owner) { }

    @AsMap
    record Point(int x, int y, Optional<Status> status) { }

    @ElixirStruct("Shop.Customer")
    record Customer(String name, List<String> tags, Optional<Long> referrer, @Nullable Point home) { }

    @KeywordList
    record Options(int timeout, Optional<Integer> retries, @Nullable String label) { }

    sealed interface Event permits Placed, Cancelled, Moved, Signal { }

    record Placed(Basket basket, Customer customer) implements Event { }

    record Cancelled(long id, Optional<String> reason, Options options) implements Event { }

    @ElixirStruct("Shop.Moved")
    record Moved(Point from, Point to) implements Event { }

    enum Signal implements Event { PING, PONG }

    /** Text of any Unicode code points, supplementary ones included, and no unpaired surrogates. */
    private static Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                        Arbitraries.integers().between(0, 0x7F),
                        Arbitraries.integers().between(0x80, 0xD7FF),
                        Arbitraries.integers().between(0xE000, 0x10FFFF))
                .list().ofMaxSize(8)
                .map(cps -> cps.stream().collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                        .toString());
    }

    private static Arbitrary<Status> statuses() {
        return Arbitraries.of(Status.class);
    }

    private static Arbitrary<Item> items() {
        return Combinators.combine(texts(), Arbitraries.integers(), Arbitraries.doubles(), texts().optional())
                .as(Item::new);
    }

    private static Arbitrary<Pid> pids() {
        return Combinators.combine(Arbitraries.integers(), Arbitraries.integers())
                .as((id, creation) -> new Pid(Atom.of("shop@host"), id, 0, creation));
    }

    /** A {@link Basket}'s first components: more than {@link Combinators} takes at once. */
    private record BasketStart(long id, List<Item> items, Set<Status> flags, Map<String, Integer> counts,
                               Status status, boolean paid, BigInteger big) { }

    private static Arbitrary<Basket> baskets() {
        Arbitrary<BasketStart> starts = Combinators.combine(Arbitraries.longs(), items().list().ofMaxSize(3),
                statuses().set(), Arbitraries.maps(texts(), Arbitraries.integers()).ofMaxSize(3), statuses(),
                Arbitraries.of(true, false),
                Arbitraries.bigIntegers().between(BigInteger.TWO.pow(80).negate(), BigInteger.TWO.pow(80)))
                .as(BasketStart::new);
        return Combinators.combine(starts, Arbitraries.bytes(), Arbitraries.shorts(), Arbitraries.chars(),
                        Arbitraries.floats(), texts(), texts().injectNull(0.3), pids())
                .as((a, b, s, c, f, label, maybe, owner) -> new Basket(a.id(), a.items(), a.flags(), a.counts(),
                        a.status(), a.paid(), a.big(), b, s, c, f, label, maybe, owner));
    }

    private static Arbitrary<Point> points() {
        return Combinators.combine(Arbitraries.integers(), Arbitraries.integers(), statuses().optional()).as(Point::new);
    }

    private static Arbitrary<Customer> customers() {
        return Combinators.combine(texts(), texts().list().ofMaxSize(3), Arbitraries.longs().optional(),
                points().injectNull(0.3)).as(Customer::new);
    }

    private static Arbitrary<Options> options() {
        return Combinators.combine(Arbitraries.integers(), Arbitraries.integers().optional(), texts().injectNull(0.3))
                .as(Options::new);
    }

    @Provide
    Arbitrary<Event> events() {
        return Arbitraries.oneOf(
                Combinators.combine(baskets(), customers()).as(Placed::new),
                Combinators.combine(Arbitraries.longs(), texts().optional(), options()).as(Cancelled::new),
                Combinators.combine(points(), points()).as(Moved::new),
                Arbitraries.of(Signal.class));
    }

    @Property(tries = 300)
    void aValueComesBackEqualThroughEtfBytes(@ForAll("events") Event event) {
        TermMapping<Event> events = mapper.mapping(Event.class);
        Term term = events.toTerm(event);
        Term decoded = Etf.decode(Etf.encode(term));
        assertEquals(term, decoded);
        assertEquals(event, events.fromTerm(decoded));
        assertEquals(Optional.of(event), events.tryFromTerm(decoded));
        assertEquals(term, mapper.toTerm(event), "by the value's class as by its union");
    }

    @Provide
    Arbitrary<Term> mutatedEvents() {
        return Combinators.combine(events(), Arbitraries.integers().between(0, 400), strangers())
                .as((event, at, stranger) -> replaceAt(mapper.toTerm(event), at, stranger));
    }

    /** Terms to put where they do not belong. */
    private static Arbitrary<Term> strangers() {
        return Arbitraries.of(Atom.UNDEFINED, Atom.of("nil"), Atom.TRUE, Atom.of("ping"), Atom.of("placed"),
                Atom.of("unknown"), Int.of(-1), Int.of(300), Int.of(1L << 40), new BigInt(BigInteger.TWO.pow(70)),
                new ErlFloat(1.5), new ErlFloat(1e300), Binary.ofUtf8("text"), Binary.of(new byte[] {(byte) 0xC3}),
                Nil.NIL, ErlList.of(Int.of(1)), new ErlList(List.of(Int.of(1)), Atom.of("tail")),
                ErlList.of(Tuple.of(Atom.of("timeout"), Int.of(1)), Atom.OK), Tuple.EMPTY,
                Tuple.of(Atom.of("item"), Binary.ofUtf8("s"), Int.of(1), new ErlFloat(1), Atom.UNDEFINED),
                ErlMap.EMPTY, new ErlMap(Map.of(Atom.of("__struct__"), Atom.of("Elixir.Shop.Other"))),
                new Pid(Atom.of("x@y"), 1, 2, 3));
    }

    /** {@return {@code term} with its part number {@code at} (depth first, modulo the count) replaced} */
    private static Term replaceAt(Term term, int at, Term stranger) {
        int parts = count(term);
        return replace(term, new int[] {at % parts}, stranger);
    }

    private static int count(Term term) {
        int n = 1;
        for (Term child : children(term)) {
            n += count(child);
        }
        return n;
    }

    private static List<Term> children(Term term) {
        return switch (term) {
            case Tuple t -> t.elements();
            case ErlList l -> l.elements();
            case ErlMap m -> new ArrayList<>(m.entries().values());
            default -> List.of();
        };
    }

    private static Term replace(Term term, int[] left, Term stranger) {
        if (left[0]-- == 0) {
            return stranger;
        }
        return switch (term) {
            case Tuple t -> new Tuple(t.elements().stream().map(e -> replace(e, left, stranger)).toList());
            case ErlList l -> new ErlList(l.elements().stream().map(e -> replace(e, left, stranger)).toList(), l.tail());
            case ErlMap m -> {
                Map<Term, Term> entries = new LinkedHashMap<>();
                m.entries().forEach((k, v) -> entries.put(k, replace(v, left, stranger)));
                yield new ErlMap(entries);
            }
            default -> term;
        };
    }

    @Property(tries = 1000)
    void aTermWithAPartReplacedMapsOrFailsWithTheOneException(@ForAll("mutatedEvents") Term term) {
        TermMapping<Event> events = mapper.mapping(Event.class);
        Optional<Event> tried = events.tryFromTerm(term);
        String outcome;
        try {
            Event event = events.fromTerm(term);
            assertEquals(Optional.of(event), tried);
            outcome = "fits";
        } catch (TermMappingException e) {
            assertEquals(Optional.empty(), tried);
            assertTrue(e.getMessage().startsWith("Event"), e.getMessage());
            outcome = "fails";
        }
        Statistics.collect(outcome);
        Statistics.coverage(coverage -> {
            coverage.check("fits").percentage(p -> p > 1); // about 2.5%: strangers that fit their place
            coverage.check("fails").percentage(p -> p > 30);
        });
    }

    @Property(tries = 30)
    void preparingFromManyThreadsAtOnceGivesOneWorkingMapping(@ForAll("events") Event event) throws Exception {
        TermMapper fresh = new TermMapper();
        List<Thread> threads = new ArrayList<>();
        List<Object> results = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 4; i++) {
            threads.add(Thread.ofVirtual().start(() -> results.add(fresh.fromTerm(fresh.toTerm(event), Event.class))));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(java.util.Collections.nCopies(4, event), results.stream().collect(Collectors.toList()));
    }
}
