package dev.beamlink.etf.mapping;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Maps a {@code String} as a charlist, Erlang's {@code "text"}: a list of Unicode code points, {@code []} when
 * empty, in place of the default UTF-8 binary {@code <<"text">>}. On a record, the default for every {@code String}
 * in its components.
 *
 * <pre>{@code
 * record Host(@Charlist String name, List<@Charlist String> aliases) { }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.TYPE_USE})
public @interface Charlist {
}
