package dev.beamlink.epmd;

/**
 * A reply from EPMD broke the protocol: an unexpected tag, a field out of range, or a reply cut short.
 * The message names the reply and field, and {@link #expected()} and {@link #received()} say what was
 * expected and what came, as in {@code "PORT2_RESP: truncated at NodeName (expected: 6 bytes, received: 2)"}.
 */
public final class EpmdProtocolException extends EpmdException {

    private final String expected;
    private final String received;

    EpmdProtocolException(String message, String expected, String received, Throwable cause) {
        super(message, cause);
        this.expected = expected;
        this.received = received;
    }

    /** {@return what the protocol expected, e.g. {@code "118 or 121"} or {@code "6 bytes"}} */
    public String expected() {
        return expected;
    }

    /** {@return what came instead, e.g. {@code "42"} or {@code "2 bytes"}} */
    public String received() {
        return received;
    }
}
