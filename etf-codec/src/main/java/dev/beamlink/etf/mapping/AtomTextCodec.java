package dev.beamlink.etf.mapping;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Term;

/**
 * A {@code String} key of a {@link KeywordList} map: an atom of that text. Reading takes the atom's text; it makes
 * no atom.
 */
final class AtomTextCodec extends Codec {

    @Override
    Term encode(Object value) {
        if (!(value instanceof String text)) {
            throw wrongValue(value);
        }
        try {
            return Atom.of(text);
        } catch (IllegalArgumentException tooLong) {
            throw new TermMappingException("a String of at most " + Atom.MAX_CHARACTERS + " characters (an atom)",
                    describe(value), tooLong);
        }
    }

    @Override
    Object decode(Term term, Mismatch why) {
        return term instanceof Atom atom ? atom.text() : mismatch(term, why);
    }

    @Override
    String expected() {
        return "an atom";
    }
}
