package dev.beamlink.etf.mapping;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Nil;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link KeywordList} record: {@code [{key, Value}, ...]}, a pair a component in their order, an absent one (whose
 * term is its absent atom) left out. Reading, the first pair of a key counts and keys the record has no component
 * for are ignored.
 */
final class KeywordRecordCodec extends RecordCodec {

    private static final MethodHandle KEYWORDS_OF; // (Atom[], Atom[], Term[])Term
    private static final MethodHandle ELEMENT;     // (Term[], int)Term

    static {
        try {
            KEYWORDS_OF = MethodHandles.lookup().findStatic(KeywordRecordCodec.class, "keywordsOf",
                    MethodType.methodType(Term.class, Atom[].class, Atom[].class, Term[].class));
            ELEMENT = MethodHandles.arrayElementGetter(Term[].class);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Map<Atom, Integer> indexByKey = new HashMap<>();
    private final String expected;

    KeywordRecordCodec(Parts parts) {
        super(parts, MethodHandles.insertArguments(KEYWORDS_OF, 0, parts.keys().clone(), absentAtoms(parts.codecs()))
                        .asCollector(Term[].class, parts.keys().length),
                i -> MethodHandles.insertArguments(ELEMENT, 1, i), Term[].class);
        StringBuilder keyList = new StringBuilder();
        for (int i = 0; i < keys.length; i++) {
            indexByKey.put(keys[i], i);
            keyList.append(i == 0 ? "" : ", ").append(keys[i]);
        }
        this.expected = keys.length == 0 ? "a keyword list" : "a keyword list of " + keyList;
    }

    /** {@return the atom of each component that may be absent, null for the others} */
    private static Atom[] absentAtoms(Codec[] codecs) {
        Atom[] atoms = new Atom[codecs.length];
        for (int i = 0; i < codecs.length; i++) {
            atoms[i] = codecs[i] instanceof AbsentCodec absent ? absent.atom() : null;
        }
        return atoms;
    }

    /** {@return the keyword list of {@code keys} and {@code values}, leaving out a value that is its absent atom} */
    private static Term keywordsOf(Atom[] keys, Atom[] absentAtoms, Term[] values) {
        List<Term> pairs = new ArrayList<>(keys.length);
        for (int i = 0; i < keys.length; i++) {
            if (absentAtoms[i] == null || !absentAtoms[i].equals(values[i])) {
                pairs.add(Tuple.of(keys[i], values[i]));
            }
        }
        return ErlList.from(pairs);
    }

    @Override
    Object decode(Term term, Mismatch why) {
        List<Term> items;
        if (term instanceof Nil) {
            items = List.of();
        } else if (term instanceof ErlList list && list.isProper()) {
            items = list.elements();
        } else {
            return mismatch(term, why);
        }
        Term[] found = new Term[keys.length];
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof Tuple pair) || pair.size() != 2 || !(pair.get(0) instanceof Atom key)) {
                return mismatchAt("[" + i + "]", MapCodec.PAIR, items.get(i), why);
            }
            Integer index = indexByKey.get(key);
            if (index != null && found[index] == null) {
                found[index] = pair.get(1);
            }
        }
        return why == null ? compiled.decode(found) : decodeSaying(found, term, why);
    }

    @Override
    String expected() {
        return expected;
    }
}
