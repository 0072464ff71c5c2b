package dev.beamlink.etf.mapping;

import dev.beamlink.etf.Binary;
import dev.beamlink.etf.Term;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * {@code String}: a UTF-8 binary, as Elixir strings and {@code <<"text"/utf8>>} are. A binary that is not valid
 * UTF-8 does not fit.
 */
final class StringCodec extends Codec {

    @Override
    Term encode(Object value) {
        if (!(value instanceof String text)) {
            throw wrongValue(value);
        }
        return Binary.ofUtf8(text);
    }

    @Override
    Object decode(Term term, Mismatch why) {
        if (term instanceof Binary binary) {
            String text = binary.utf8();
            // Decoding replaces malformed input with U+FFFD: only then is a strict check needed.
            if (text.indexOf('\uFFFD') < 0 || isUtf8(binary)) {
                return text;
            }
        }
        return mismatch(term, why);
    }

    private static boolean isUtf8(Binary binary) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(binary.asReadOnlyBuffer());
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Override
    String expected() {
        return "a UTF-8 binary (a String)";
    }
}
