package dev.beamlink.etf.mapping;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Erlang's naming conventions for Java names, and Java types as messages name them. */
final class Names {

    private Names() {
    }

    /**
     * {@return a Java name in Erlang's snake_case: {@code OrderPlaced} to {@code order_placed}, {@code customerId}
     * to {@code customer_id}, {@code IN_STOCK} to {@code in_stock}, {@code HTTPServer} to {@code http_server}}
     * An underscore goes before an upper-case letter that follows a lower-case letter or a digit, or that starts a
     * word after an acronym; then everything is lower-cased.
     */
    static String snake(String javaName) {
        StringBuilder out = new StringBuilder(javaName.length() + 4);
        int[] cps = javaName.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (Character.isUpperCase(c) && i > 0) {
                int previous = cps[i - 1];
                boolean afterWord = Character.isLowerCase(previous) || Character.isDigit(previous);
                boolean endsAcronym = Character.isUpperCase(previous) && i + 1 < cps.length
                        && Character.isLowerCase(cps[i + 1]);
                if (afterWord || endsAcronym) {
                    out.append('_');
                }
            }
            out.appendCodePoint(c);
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** {@return a type as messages name it: {@code Order}, {@code List<Order>}, {@code byte[]}} */
    static String typeName(Type type) {
        if (type instanceof Class<?> c) {
            return c.getSimpleName().isEmpty() ? c.getName() : c.getSimpleName();
        }
        if (type instanceof ParameterizedType p) {
            return typeName(p.getRawType()) + Arrays.stream(p.getActualTypeArguments()).map(Names::typeName)
                    .collect(Collectors.joining(", ", "<", ">"));
        }
        return type.getTypeName();
    }
}
