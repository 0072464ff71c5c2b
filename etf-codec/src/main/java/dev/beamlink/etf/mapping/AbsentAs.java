package dev.beamlink.etf.mapping;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The atom that stands for an empty {@code Optional} or a {@code null}, on one {@code Optional} or nullable type,
 * or on a record as the default for its components. Without it: {@code undefined} (Erlang's convention), and
 * {@code nil} in an {@link ElixirStruct}.
 *
 * <pre>{@code
 * record Reply(@AbsentAs("nil") Optional<String> error) { }   // {reply, nil} when empty
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.TYPE_USE})
public @interface AbsentAs {

    /** {@return the atom's text: {@code "undefined"}, {@code "nil"}, or any other} */
    String value();
}
