package dev.beamlink.epmd;

import java.io.IOException;

/**
 * Bytes that break the EPMD wire format, on either side: a field out of range, an unexpected tag, or input
 * that ended early. The client turns it into an {@link EpmdProtocolException}; the server logs it and
 * drops the connection.
 */
final class WireFormatException extends IOException {

    private final String expected;
    private final String received;

    private WireFormatException(String message, String expected, String received) {
        super(message);
        this.expected = expected;
        this.received = received;
    }

    /** {@return an error in the style {@code "PORT2_RESP NodeType: 65 (expected: 77 or 72)"}} */
    static WireFormatException field(String field, Object received, String expected) {
        return new WireFormatException(field + ": " + received + " (expected: " + expected + ")", expected, String.valueOf(received));
    }

    /** {@return an error in the style {@code "PORT_PLEASE2_REQ NodeName: node name is empty"}} */
    static WireFormatException invalid(String field, String reason, String expected) {
        return new WireFormatException(field + ": " + reason, expected, reason);
    }

    /** {@return an error for input that ended inside a field} */
    static WireFormatException truncated(String field, long expectedBytes, long receivedBytes) {
        String expected = expectedBytes + " bytes";
        String received = receivedBytes + " bytes";
        return new WireFormatException("truncated at " + field + " (expected: " + expected + ", received: " + received + ")",
                expected, received);
    }

    String expected() {
        return expected;
    }

    String received() {
        return received;
    }
}
