package dev.beamlink.etf.mapping;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Maps a record as an Elixir struct: the map Elixir makes for {@code %MyApp.Order{customer_id: 7}}, whose key
 * {@code __struct__} holds the module atom {@code 'Elixir.MyApp.Order'}, beside an atom key a component. An empty
 * {@code Optional} or a {@code null} is {@code nil} in a struct (not {@code undefined}), unless {@link AbsentAs} says
 * otherwise.
 *
 * <pre>{@code
 * @ElixirStruct("MyApp.Order")
 * record Order(long customerId, Optional<String> note) { }   // %MyApp.Order{customer_id: 7, note: nil}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ElixirStruct {

    /** {@return the module as Elixir code writes it, {@code "MyApp.Order"}, without the {@code Elixir.} prefix} */
    String value();
}
