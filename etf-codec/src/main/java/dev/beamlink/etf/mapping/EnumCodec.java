package dev.beamlink.etf.mapping;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Term;
import java.util.HashMap;
import java.util.Map;

/**
 * An enum: the atom of each constant, prepared once. Reading compares with those atoms only: an atom the enum
 * does not name does not fit (it never becomes a constant, nor a new atom).
 */
final class EnumCodec extends Codec {

    private final Class<?> type;
    private final Atom[] atomsByOrdinal;
    private final Map<Atom, Object> constantsByAtom;
    private final String expected;

    /** @param atoms the atom of each constant, by ordinal, all distinct */
    EnumCodec(Class<?> type, Atom[] atoms) {
        this.type = type;
        this.atomsByOrdinal = atoms.clone();
        Object[] constants = type.getEnumConstants();
        this.constantsByAtom = new HashMap<>();
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < atoms.length; i++) {
            constantsByAtom.put(atoms[i], constants[i]);
            names.append(i == 0 ? "" : ", ").append(atoms[i]);
        }
        this.expected = (atoms.length == 1 ? "the atom " : "one of the atoms ") + names;
    }

    /** {@return the atoms of the constants, by ordinal} */
    Atom[] atoms() {
        return atomsByOrdinal.clone();
    }

    @Override
    Term encode(Object value) {
        if (!type.isInstance(value)) {
            throw wrongValue(value);
        }
        return atomsByOrdinal[((Enum<?>) value).ordinal()];
    }

    @Override
    Object decode(Term term, Mismatch why) {
        Object constant = term instanceof Atom ? constantsByAtom.get(term) : null;
        return constant != null ? constant : mismatch(term, why);
    }

    @Override
    String expected() {
        return expected;
    }
}
