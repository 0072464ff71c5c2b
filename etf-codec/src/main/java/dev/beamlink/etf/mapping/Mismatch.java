package dev.beamlink.etf.mapping;

import dev.beamlink.etf.Term;
import java.util.ArrayList;
import java.util.List;

/**
 * Why a term did not fit: the expected shape, the term found, and the path to it, which {@link Codec#decode}
 * fills on its way back out (innermost segment first). Made only once a decode has failed.
 */
final class Mismatch {

    private final List<String> segments = new ArrayList<>();
    private String expected = "a term that fits";
    private Term found;
    private Throwable cause;

    /** Records that {@code found} is not {@code expected} (for {@code cause}, when one was thrown). {@return NO_MATCH} */
    Object fail(String expected, Term found, Throwable cause) {
        this.expected = expected;
        this.found = found;
        this.cause = cause;
        return Codec.NO_MATCH;
    }

    /** Adds a segment of the path, around what failed. {@return NO_MATCH} */
    Object within(String segment) {
        segments.add(segment);
        return Codec.NO_MATCH;
    }

    /** {@return how many segments the path has so far} */
    int depth() {
        return segments.size();
    }

    /** Widens the expected shape by one more accepted: {@code undefined or an integer}. */
    void orElse(String accepted) {
        expected = accepted + " or " + expected;
    }

    /** {@return the exception that says all this} */
    TermMappingException exception() {
        TermMappingException e = new TermMappingException(expected,
                found == null ? "no term" : Term.format(found, TermMappingException.PRINT_LIMIT), cause);
        segments.forEach(e::within);
        return e;
    }
}
