package dev.beamlink.otp.internal;

import dev.beamlink.etf.Term;

/**
 * What a log line prints of a message a peer chose: its first {@value #MAX_CHARS} characters, then how many more
 * there were, so that one message cannot make the node write megabytes of log. Printed only when the line is logged.
 *
 * <pre>{@code
 * LOG.warn("{} received an unexpected message: {}", name, Printed.of(message));
 * }</pre>
 *
 * @param value the message
 */
public record Printed(Object value) {

    /** How many characters of a message are printed. */
    public static final int MAX_CHARS = 1000;

    /** {@return {@code value}, printed in at most {@value #MAX_CHARS} characters} */
    public static Printed of(Object value) {
        return new Printed(value);
    }

    /** {@return {@code text} cut to its first {@value #MAX_CHARS} characters, as {@link #toString()} cuts} */
    public static String cut(String text) {
        return text.length() <= MAX_CHARS ? text
                : text.substring(0, MAX_CHARS) + "...(" + (text.length() - MAX_CHARS) + " more characters)";
    }

    @Override
    public String toString() {
        return value instanceof Term term ? Term.format(term, MAX_CHARS) : cut(String.valueOf(value));
    }
}
