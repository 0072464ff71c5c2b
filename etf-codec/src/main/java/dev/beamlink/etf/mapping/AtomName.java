package dev.beamlink.etf.mapping;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names an atom exactly, in place of the name {@link TermMapper} derives by Erlang's convention (snake_case of the
 * Java name): the tag of a record mapped as a tuple, the atom of an enum constant, or the key of a record component
 * in a map, an Elixir struct or a keyword list.
 *
 * <pre>{@code
 * @AtomName("order")                                  // {order, Id, ...} rather than {order_v2, Id, ...}
 * record OrderV2(long id, @AtomName("qty") int quantity) { }
 * enum Level { @AtomName("warn") WARNING, ERROR }     // warn, error
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface AtomName {

    /** {@return the atom's text, at most 255 characters} */
    String value();
}
