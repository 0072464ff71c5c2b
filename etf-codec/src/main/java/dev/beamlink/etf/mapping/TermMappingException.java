package dev.beamlink.etf.mapping;

import java.util.ArrayList;
import java.util.List;

/**
 * A term that does not fit its Java type, or a Java value that has no term: the one exception {@link TermMapper}
 * throws for either. Its message names where, what was expected, and what was found:
 * <pre>
 * Order.lines[3].quantity: expected an integer in -2147483648..2147483647, found 99999999999
 * Order: expected a record tuple {order, ...} of 4 elements, found {order,1,2}
 * Order.note: expected a String, found null
 * </pre>
 * A term in the message is printed in Erlang syntax cut to {@value #PRINT_LIMIT} characters, and a cut says how
 * many characters it left out ({@link dev.beamlink.etf.Term#format}); {@link #found()} holds the same text.
 *
 * <p>A Java <em>type</em> that cannot be mapped is not this exception: it is an {@link IllegalArgumentException}
 * when the mapping is prepared.
 */
public final class TermMappingException extends RuntimeException {

    /** The most characters of a term printed in a message. */
    public static final int PRINT_LIMIT = 200;

    private final List<String> segments = new ArrayList<>(); // innermost first, until the message is asked for
    private final String expected;
    private final String found;

    TermMappingException(String expected, String found, Throwable cause) {
        super(null, cause);
        this.expected = expected;
        this.found = found;
    }

    /** Adds the segment of the path around the place that failed ({@code ".lines"}, {@code "[3]"}, the root). */
    TermMappingException within(String segment) {
        segments.add(segment);
        return this;
    }

    /** {@return where it failed, from the type mapped: {@code Order.lines[3].quantity}} */
    public String path() {
        StringBuilder path = new StringBuilder();
        for (int i = segments.size() - 1; i >= 0; i--) {
            path.append(segments.get(i));
        }
        return path.toString();
    }

    /** {@return the shape that was expected there: {@code an integer in 0..255}} */
    public String expected() {
        return expected;
    }

    /** {@return what was found there: a term in Erlang syntax (cut as the class says), or a Java value} */
    public String found() {
        return found;
    }

    @Override
    public String getMessage() {
        String path = path();
        String message = (path.isEmpty() ? "" : path + ": ") + "expected " + expected + ", found " + found;
        Throwable cause = getCause();
        return cause == null ? message : message + " (" + cause + ")";
    }
}
