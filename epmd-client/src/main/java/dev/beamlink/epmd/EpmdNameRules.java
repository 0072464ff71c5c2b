package dev.beamlink.epmd;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What EPMD accepts as a node name (the part before {@code @}): 1 to {@value EpmdProtocol#MAX_NAME_CHARS}
 * characters of well-formed UTF-8, without NUL. The same rules hold for the client, which checks before it
 * sends, and for the embedded server, which checks what it receives, as {@code epmd} does.
 */
final class EpmdNameRules {

    private EpmdNameRules() {
    }

    /**
     * {@return the reason the UTF-8 bytes are no valid node name, or empty if they are one}
     */
    static Optional<String> problem(byte[] utf8) {
        if (utf8.length == 0) {
            return Optional.of("node name is empty");
        }
        if (utf8.length > EpmdProtocol.MAX_SYMBOL_BYTES) {
            return Optional.of("node name length: " + utf8.length + " bytes (expected: <= " + EpmdProtocol.MAX_SYMBOL_BYTES + ")");
        }
        for (int i = 0; i < utf8.length; i++) {
            if (utf8[i] == 0) {
                return Optional.of("node name contains NUL at byte " + i);
            }
        }
        String name;
        try {
            name = decode(utf8);
        } catch (CharacterCodingException e) {
            return Optional.of("node name is not well-formed UTF-8");
        }
        int chars = name.codePointCount(0, name.length());
        if (chars > EpmdProtocol.MAX_NAME_CHARS) {
            return Optional.of("node name length: " + chars + " characters (expected: <= " + EpmdProtocol.MAX_NAME_CHARS + ")");
        }
        return Optional.empty();
    }

    /**
     * {@return the node name the UTF-8 bytes spell}
     *
     * @param field the message field the bytes came from, for the error
     * @throws WireFormatException if they spell no valid node name
     */
    static String parse(byte[] utf8, String field) throws WireFormatException {
        Optional<String> problem = problem(utf8);
        if (problem.isPresent()) {
            throw WireFormatException.invalid(field, problem.get(), "a valid node name");
        }
        try {
            return decode(utf8);
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("checked as well-formed UTF-8 just before", e);
        }
    }

    /**
     * {@return the name, checked} Used by the client before it asks EPMD about a name.
     *
     * @throws IllegalArgumentException if EPMD would not accept the name, or if it is a full node name
     *                                  ({@code name@host}), whose host part EPMD never holds
     */
    static String requireValid(String name) {
        if (name.indexOf('@') >= 0) {
            throw new IllegalArgumentException("node name '" + name + "' contains '@': EPMD holds the part before '@' only");
        }
        problem(name.getBytes(StandardCharsets.UTF_8)).ifPresent(problem -> {
            throw new IllegalArgumentException(problem + ": '" + name + "'");
        });
        return name;
    }

    /** {@return the bytes decoded as UTF-8, strictly: malformed input is an error, not a replacement character} */
    static String decode(byte[] utf8) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(utf8))
                .toString();
    }
}
