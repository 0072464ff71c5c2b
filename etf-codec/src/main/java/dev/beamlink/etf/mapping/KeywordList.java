package dev.beamlink.etf.mapping;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Maps a record, or a {@code Map} whose keys are {@code String}s, {@link dev.beamlink.etf.Atom}s or enums, as an
 * Elixir keyword list: {@code [{timeout, 5000}, {retries, 3}]} (Elixir's {@code [timeout: 5000, retries: 3]}).
 *
 * <p>Reading one, the first pair of a key counts (as {@code Keyword.get/2} does) and keys the record has no
 * component for are ignored; a missing key is an empty {@code Optional} or a {@code null} where the component
 * allows one. Writing a record, an empty {@code Optional} or a {@code null} component is left out.
 *
 * <pre>{@code
 * @KeywordList record Options(int timeout, Optional<Integer> retries) { }
 * record Call(String name, @KeywordList Map<String, Object> opts) { }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.TYPE_USE})
public @interface KeywordList {
}
