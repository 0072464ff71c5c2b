package dev.beamlink.etf.mapping;

import dev.beamlink.etf.Term;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Maps Java values to Erlang terms and back: records as Erlang records (tagged tuples), maps or Elixir structs,
 * enums as atoms, sealed interfaces as tagged unions, strings, numbers, collections, {@code Optional}s, and the term
 * types as they are. See the {@linkplain dev.beamlink.etf.mapping package} for the conventions.
 *
 * <pre>{@code
 * record OrderPlaced(long orderId, String customer, int quantity) { }
 *
 * TermMapper mapper = new TermMapper();
 * Term term = mapper.toTerm(new OrderPlaced(42, "ada", 3));        // {order_placed,42,<<"ada">>,3}
 * OrderPlaced back = mapper.fromTerm(term, OrderPlaced.class);
 * Optional<OrderPlaced> maybe = mapper.tryFromTerm(other, OrderPlaced.class);  // empty if it does not fit
 * }</pre>
 *
 * <p>Each type is prepared once, on first use (or by {@link #mapping(Class)}), and kept: its annotations read, its
 * atoms made, method handles taken on its accessors and canonical constructor. Mapping after that does no
 * reflection. Thread-safe: one mapper serves a whole application.
 *
 * <p>Failures: a term that does not fit, or a value that has no term, is a {@link TermMappingException} naming the
 * path ({@code Order.lines[3].quantity}), the shape expected and what was found. A type that cannot be mapped (an
 * unsupported component type, a type that contains itself) is an {@link IllegalArgumentException} from its
 * preparation, naming where and why.
 */
public final class TermMapper {

    private final Map<Type, Codec> codecs = new ConcurrentHashMap<>();
    private final Map<Class<?>, Codec> codecsOfValues = new ConcurrentHashMap<>();
    private final ReentrantLock preparing = new ReentrantLock(); // not synchronized: virtual threads do not pin on it

    /** A mapper with nothing prepared yet. */
    public TermMapper() {
    }

    /**
     * {@return the term of {@code value}, by the mapping of its class} (a {@code List}'s, {@code Set}'s or
     * {@code Map}'s elements each by their own class; for the conventions of a declared generic type, use
     * {@link #mapping(TypeRef)}).
     *
     * @throws TermMappingException     if the value has no term (a null component where none may be, a NaN...)
     * @throws IllegalArgumentException if its class cannot be mapped
     */
    public Term toTerm(Object value) {
        if (value == null) {
            throw new TermMappingException("a value", "null", null);
        }
        return TermMapping.encode(codecOfClass(value.getClass()), value, value.getClass());
    }

    /**
     * {@return the value of {@code type} that {@code term} maps to}
     *
     * @throws TermMappingException     if the term does not fit
     * @throws IllegalArgumentException if the type cannot be mapped
     */
    @SuppressWarnings("unchecked")
    public <T> T fromTerm(Term term, Class<T> type) {
        return (T) TermMapping.decode(codec(type), term, type);
    }

    /**
     * {@return the value of a generic {@code type} ({@code List<Order>}) that {@code term} maps to}: for code that
     * has a {@link Type} from reflection. With the type at hand, {@link #mapping(TypeRef)} gives a typed result.
     *
     * @throws TermMappingException     if the term does not fit
     * @throws IllegalArgumentException if the type cannot be mapped
     */
    public Object fromTerm(Term term, Type type) {
        return TermMapping.decode(codec(type), term, type);
    }

    /**
     * {@return the value of {@code type} that {@code term} maps to, or empty if it does not fit}, without the cost
     * of an exception: for a selective receive.
     *
     * @throws IllegalArgumentException if the type cannot be mapped
     */
    public <T> Optional<T> tryFromTerm(Term term, Class<T> type) {
        return mapping(type).tryFromTerm(term);
    }

    /**
     * {@return the mapping of {@code type}, prepared now if it was not yet}: to keep, or to find out at start-up
     * that a type cannot be mapped.
     *
     * @throws IllegalArgumentException if the type cannot be mapped, saying where and why
     */
    public <T> TermMapping<T> mapping(Class<T> type) {
        return new TermMapping<>(type, codec(type));
    }

    /**
     * {@return the mapping of a generic type}: {@code mapper.mapping(new TypeRef<List<Order>>() { })}.
     *
     * @throws IllegalArgumentException if the type cannot be mapped
     */
    public <T> TermMapping<T> mapping(TypeRef<T> type) {
        return new TermMapping<>(type.type(), codec(type.type()));
    }

    /**
     * {@return the mapping of a {@link Type} from reflection}
     *
     * @throws IllegalArgumentException if the type cannot be mapped
     */
    public TermMapping<?> mapping(Type type) {
        return new TermMapping<>(type, codec(type));
    }

    /** {@return the mapping of a declared type, prepared on first use} */
    private Codec codec(Type type) {
        Objects.requireNonNull(type, "type");
        Codec codec = codecs.get(type);
        if (codec != null) {
            return codec;
        }
        preparing.lock();
        try {
            codec = codecs.get(type);
            if (codec == null) {
                codec = new Preparer(this, codecs).prepare(type);
                codecs.put(type, codec);
            }
            return codec;
        } finally {
            preparing.unlock();
        }
    }

    /**
     * {@return the mapping that writes a value of {@code runtimeClass}}: its own, or, for a collection, the mapping
     * of {@code List}, {@code Set} or {@code Map} of any values; for an enum constant with a body, its enum's.
     */
    Codec codecOfClass(Class<?> runtimeClass) {
        Codec codec = codecsOfValues.get(runtimeClass);
        if (codec == null) {
            codec = codec(declaredType(runtimeClass));
            codecsOfValues.putIfAbsent(runtimeClass, codec);
        }
        return codec;
    }

    private static Class<?> declaredType(Class<?> runtimeClass) {
        if (Term.class.isAssignableFrom(runtimeClass)) {
            return runtimeClass;
        } else if (List.class.isAssignableFrom(runtimeClass)) {
            return List.class;
        } else if (Set.class.isAssignableFrom(runtimeClass)) {
            return Set.class;
        } else if (Map.class.isAssignableFrom(runtimeClass)) {
            return Map.class;
        } else if (!runtimeClass.isEnum() && runtimeClass.getSuperclass() != null && runtimeClass.getSuperclass().isEnum()) {
            return runtimeClass.getSuperclass(); // a constant with a body
        }
        return runtimeClass;
    }
}
