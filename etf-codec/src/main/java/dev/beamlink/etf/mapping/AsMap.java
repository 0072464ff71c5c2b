package dev.beamlink.etf.mapping;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Maps a record as an Erlang map with an atom key a component, {@code #{customer_id => 7, total => 12.5}}, in place
 * of the default tagged tuple. Keys follow {@link AtomName} or the component's name in snake_case.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface AsMap {
}
