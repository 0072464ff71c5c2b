package dev.beamlink.etf.mapping;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * A generic type, captured by an anonymous subclass, for {@link TermMapper#mapping(TypeRef)}:
 * <pre>{@code
 * TermMapping<List<Order>> orders = mapper.mapping(new TypeRef<List<Order>>() { });
 * }</pre>
 *
 * @param <T> the type
 */
public abstract class TypeRef<T> {

    private final Type type;

    /** @throws IllegalStateException if the subclass does not give the type argument */
    protected TypeRef() {
        if (!(getClass().getGenericSuperclass() instanceof ParameterizedType superclass)
                || superclass.getRawType() != TypeRef.class) {
            throw new IllegalStateException("create a TypeRef as an anonymous class with its type argument:"
                    + " new TypeRef<List<Order>>() { }");
        }
        this.type = superclass.getActualTypeArguments()[0];
    }

    /** {@return the type captured} */
    public final Type type() {
        return type;
    }

    @Override
    public String toString() {
        return "TypeRef<" + type.getTypeName() + ">";
    }
}
