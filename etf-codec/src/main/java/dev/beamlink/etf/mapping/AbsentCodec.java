package dev.beamlink.etf.mapping;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Term;
import java.util.Optional;

/**
 * {@code Optional<T>}, or a nullable {@code T}: an atom ({@code undefined}, {@code nil}, or as {@link AbsentAs}
 * says) when empty or null, else the term of the value. The atom always means absent, even where {@code T} could
 * be that atom.
 */
final class AbsentCodec extends Codec {

    private final Atom atom;
    private final Codec present;
    private final boolean optional;

    /** @param optional whether the Java type is an {@code Optional} (else: a nullable reference) */
    AbsentCodec(Atom atom, Codec present, boolean optional) {
        this.atom = atom;
        this.present = present;
        this.optional = optional;
    }

    @Override
    Term encode(Object value) {
        Object inner;
        if (optional) {
            if (!(value instanceof Optional<?> maybe)) {
                throw wrongValue(value);
            }
            inner = maybe.orElse(null);
        } else {
            inner = value;
        }
        return inner == null ? atom : present.encode(inner);
    }

    @Override
    Object decode(Term term, Mismatch why) {
        if (atom.equals(term)) {
            return absent();
        }
        int depth = why == null ? 0 : why.depth();
        Object value = present.decode(term, why);
        if (value == NO_MATCH) {
            if (why != null && why.depth() == depth) {
                why.orElse("the atom " + atom);
            }
            return NO_MATCH;
        }
        return optional ? Optional.of(value) : value;
    }

    @Override
    Object absent() {
        return optional ? Optional.empty() : null;
    }

    /** {@return the atom that stands for absent} */
    Atom atom() {
        return atom;
    }

    @Override
    String expected() {
        return "the atom " + atom + " or " + present.expected();
    }
}
