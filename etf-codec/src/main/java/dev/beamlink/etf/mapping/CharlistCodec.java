package dev.beamlink.etf.mapping;

import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Nil;
import dev.beamlink.etf.Term;
import java.util.Optional;

/** A {@link Charlist} {@code String}: a proper list of Unicode code points, {@code []} when empty. */
final class CharlistCodec extends Codec {

    @Override
    Term encode(Object value) {
        if (!(value instanceof String text)) {
            throw wrongValue(value);
        }
        return ErlList.ofString(text);
    }

    @Override
    Object decode(Term term, Mismatch why) {
        if (term instanceof Nil) {
            return "";
        }
        if (term instanceof ErlList list) {
            Optional<String> text = list.asString();
            if (text.isPresent()) {
                return text.get();
            }
        }
        return mismatch(term, why);
    }

    @Override
    String expected() {
        return "a charlist (a proper list of Unicode code points)";
    }
}
