package dev.beamlink.etf.mapping;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Term;

/** {@code boolean} and {@code Boolean}: the atoms {@code true} and {@code false}. */
final class BooleanCodec extends Codec {

    @Override
    Term encode(Object value) {
        if (!(value instanceof Boolean b)) {
            throw wrongValue(value);
        }
        return Atom.of(b);
    }

    @Override
    Object decode(Term term, Mismatch why) {
        if (Atom.TRUE.equals(term)) {
            return Boolean.TRUE;
        }
        if (Atom.FALSE.equals(term)) {
            return Boolean.FALSE;
        }
        return mismatch(term, why);
    }

    @Override
    String expected() {
        return "the atom true or false";
    }
}
