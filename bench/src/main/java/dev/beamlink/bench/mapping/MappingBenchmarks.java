package dev.beamlink.bench.mapping;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Binary;
import dev.beamlink.etf.ErlFloat;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.etf.mapping.TermMapper;
import dev.beamlink.etf.mapping.TermMapping;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A record of 8 components to its Erlang record {@code {order_placed, ...}} and back: by the mapper (a prepared
 * {@link TermMapping}, and {@link TermMapper#toTerm(Object)} with its look-up of the value's class) beside the same
 * term built and read by hand, with the checks a careful hand makes (sizes, tag, types, the int's range, the enum's
 * atom). {@code match*}: a term of another tag tried against the type, as a selective receive does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MappingBenchmarks {

    /** The status of an order: an atom. */
    public enum Status { PENDING, PAID, SHIPPED }

    /** The record mapped: 8 components of 8 kinds. */
    public record OrderPlaced(long orderId, String customer, String sku, int quantity, double price, boolean express,
                              Status status, Pid owner) { }

    private static final Atom TAG = Atom.of("order_placed");
    private static final Atom[] STATUS_ATOMS = {Atom.of("pending"), Atom.of("paid"), Atom.of("shipped")};
    private static final Status[] STATUSES = Status.values();

    private final TermMapper mapper = new TermMapper();
    private TermMapping<OrderPlaced> mapping;
    private OrderPlaced order;
    private Term term;
    private Term otherTerm;

    @Setup
    public void setUp() {
        mapping = mapper.mapping(OrderPlaced.class);
        order = new OrderPlaced(1_234_567_890_123L, "ada lovelace", "sku-000042", 3, 19.99, true, Status.PAID,
                new Pid(Atom.of("shop@host"), 4711, 0, 3));
        term = mapping.toTerm(order);
        if (!term.equals(toTermByHand()) || !order.equals(fromTermByHand()) || !order.equals(mapping.fromTerm(term))) {
            throw new IllegalStateException("the mapper and the hand-written code disagree: " + term);
        }
        otherTerm = Tuple.of(Atom.of("order_cancelled"), Int.of(1_234_567_890_123L), Atom.of("late"));
    }

    @Benchmark
    public Term toTermMapper() {
        return mapping.toTerm(order);
    }

    @Benchmark
    public Term toTermMapperByClass() {
        return mapper.toTerm(order);
    }

    @Benchmark
    public Term toTermByHand() {
        OrderPlaced o = order;
        return Tuple.of(TAG, Int.of(o.orderId()), Binary.ofUtf8(o.customer()), Binary.ofUtf8(o.sku()),
                Int.of(o.quantity()), new ErlFloat(o.price()), Atom.of(o.express()), STATUS_ATOMS[o.status().ordinal()],
                o.owner());
    }

    @Benchmark
    public OrderPlaced fromTermMapper() {
        return mapping.fromTerm(term);
    }

    @Benchmark
    public OrderPlaced fromTermByHand() {
        return readByHand(term);
    }

    @Benchmark
    public OrderPlaced roundTripMapper() {
        return mapping.fromTerm(mapping.toTerm(order));
    }

    @Benchmark
    public OrderPlaced roundTripByHand() {
        return readByHand(toTermByHand());
    }

    @Benchmark
    public Optional<OrderPlaced> matchOtherMapper() {
        return mapping.tryFromTerm(otherTerm);
    }

    @Benchmark
    public Optional<OrderPlaced> matchOtherByHand() {
        return Optional.ofNullable(readByHand(otherTerm));
    }

    /** {@return the order in {@code t}, or null if it is not one}: what a careful hand writes. */
    private static OrderPlaced readByHand(Term t) {
        if (t instanceof Tuple tuple && tuple.isTagged(TAG, 9)
                && tuple.get(1) instanceof Int(long orderId)
                && tuple.get(2) instanceof Binary customer
                && tuple.get(3) instanceof Binary sku
                && tuple.get(4) instanceof Int(long quantity) && quantity >= Integer.MIN_VALUE && quantity <= Integer.MAX_VALUE
                && tuple.get(5) instanceof ErlFloat(double price)
                && tuple.get(6) instanceof Atom express && express.isBoolean()
                && tuple.get(7) instanceof Atom statusAtom
                && tuple.get(8) instanceof Pid owner) {
            Status status = statusOf(statusAtom);
            if (status != null) {
                return new OrderPlaced(orderId, customer.utf8(), sku.utf8(), (int) quantity, price,
                        express.equals(Atom.TRUE), status, owner);
            }
        }
        return null;
    }

    private static Status statusOf(Atom atom) {
        for (int i = 0; i < STATUS_ATOMS.length; i++) {
            if (STATUS_ATOMS[i].equals(atom)) {
                return STATUSES[i];
            }
        }
        return null;
    }
}
