package dev.beamlink.etf;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Erlang term: the value model of the External Term Format (erl_ext_dist).
 *
 * <p>Every term is one of the records or final classes below, so a {@code switch} with record
 * patterns covers them all:
 * <pre>{@code
 * switch (term) {
 *     case Tuple(var elements) when elements.size() == 2 && elements.get(0).equals(Atom.OK) -> ...
 *     case Atom(var text) -> ...
 *     case Int(var value) -> ...
 *     default -> ...
 * }
 * }</pre>
 *
 * <p>Equality ({@code equals}/{@code hashCode}) is Erlang's exact equality {@code =:=}: the integer
 * {@code 1} and the float {@code 1.0} differ, and so do {@code 0.0} and {@code -0.0} (as on OTP 27+).
 * Each value has exactly one representation: an integer that fits a {@code long} is always an
 * {@link Int}, never a {@link BigInt}; the empty list is always {@link Nil}; a bit string whose size
 * is a whole number of bytes is always a {@link Binary}. {@link TermOrder} gives Erlang's term
 * order. {@code toString()} prints Erlang syntax.
 *
 * <p>Terms hold no wire code: {@link Etf} owns encoding and decoding.
 */
public sealed interface Term
        permits Atom, Int, BigInt, ErlFloat, Binary, BitString, Tuple, Nil, ErlList, ErlMap,
                Pid, Port, Ref, Fun, ExternalFun {

    /**
     * {@return the Erlang syntax of {@code term}, as {@code toString()} prints it, cut to its first {@code maxChars}
     * characters; when cut, followed by {@code ...(N more characters)}, N counted exactly}
     * The characters past the cut are counted, never kept, so a term of any size prints in bounded memory (and in
     * time that grows with the term). For messages that quote a term a peer sent.
     *
     * @throws IllegalArgumentException if {@code maxChars} is negative
     */
    static String format(Term term, int maxChars) {
        return TermFormat.format(term, maxChars);
    }

    /**
     * {@return the term for an everyday Java value}
     *
     * <ul>
     *   <li>a {@link Term}: itself;</li>
     *   <li>{@link Byte}, {@link Short}, {@link Integer}, {@link Long}, {@link BigInteger}: an integer
     *       ({@link Int} or {@link BigInt}); {@link Character}: its code as an integer;</li>
     *   <li>{@link Float}, {@link Double}: an {@link ErlFloat};</li>
     *   <li>{@link Boolean}: the atom {@code true} or {@code false};</li>
     *   <li>{@link String}: a UTF-8 {@link Binary} (as Elixir strings are; build a charlist with
     *       {@link ErlList#ofString(String)});</li>
     *   <li>{@code byte[]}: a {@link Binary} holding a copy of the bytes;</li>
     *   <li>a {@link List} or other {@link Collection}: a proper list of the converted elements
     *       ({@link Nil} when empty);</li>
     *   <li>a {@link Map}: an {@link ErlMap} of the converted keys and values;</li>
     *   <li>a {@link Map.Entry}: the 2-tuple {@code {Key, Value}} of the converted key and value;</li>
     *   <li>an {@link Enum} constant: the atom of its name.</li>
     * </ul>
     *
     * @throws IllegalArgumentException for {@code null} or any other type, naming the type
     */
    static Term from(Object value) {
        return switch (value) {
            case null -> throw new IllegalArgumentException("null has no Erlang term");
            case Term term -> term;
            case Integer i -> Int.of(i);
            case Long l -> Int.of(l);
            case Short s -> Int.of(s);
            case Byte b -> Int.of(b);
            case Character c -> Int.of(c);
            case BigInteger big -> BigInt.integer(big);
            case Double d -> new ErlFloat(d);
            case Float f -> new ErlFloat(f);
            case Boolean b -> Atom.of(b);
            case String s -> Binary.wrap(s.getBytes(StandardCharsets.UTF_8));
            case byte[] bytes -> Binary.of(bytes);
            case Collection<?> collection -> {
                List<Term> elements = new ArrayList<>(collection.size());
                for (Object element : collection) {
                    elements.add(from(element));
                }
                yield ErlList.from(elements);
            }
            case Map<?, ?> map -> {
                Map<Term, Term> entries = new LinkedHashMap<>();
                map.forEach((k, v) -> entries.put(from(k), from(v)));
                yield new ErlMap(entries);
            }
            case Map.Entry<?, ?> entry -> Tuple.of(from(entry.getKey()), from(entry.getValue()));
            case Enum<?> constant -> Atom.of(constant.name());
            default -> throw new IllegalArgumentException(
                    "no Erlang term for a value of type " + value.getClass().getName());
        };
    }
}
