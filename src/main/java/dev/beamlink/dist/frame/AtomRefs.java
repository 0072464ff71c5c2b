package dev.beamlink.dist.frame;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.OutgoingAtomCache;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The atom cache references of one outgoing message, made while its sender encodes it: each distinct atom gets the
 * next AtomCacheReferenceIndex, up to {@value DistHeaderFormat#MAX_ATOM_CACHE_REFS}; further atoms are written in
 * full (erl_ext_dist "Distribution Header": {@code 0 <= AtomCacheReferenceIndex < 255}). Which cache entry each
 * reference names, and whether it is new, is decided later, by the writer, in wire order ({@link OutgoingAtomTable}).
 * One per message; not thread-safe.
 */
final class AtomRefs implements OutgoingAtomCache {

    /** Up to this many references, a linear search beats hashing. */
    private static final int LINEAR_SEARCH_MAX = 16;

    private Atom[] atoms = new Atom[8];
    private int count;
    private Map<Atom, Integer> index;

    @Override
    public int refFor(Atom atom) {
        if (index == null) {
            String text = atom.text();
            for (int i = 0; i < count; i++) {
                Atom known = atoms[i];
                if (known == atom || known.text().equals(text)) {
                    return i;
                }
            }
        } else {
            Integer known = index.get(atom);
            if (known != null) {
                return known;
            }
        }
        if (count == DistHeaderFormat.MAX_ATOM_CACHE_REFS) {
            return NO_REF;
        }
        if (count == atoms.length) {
            atoms = Arrays.copyOf(atoms, Math.min(2 * count, DistHeaderFormat.MAX_ATOM_CACHE_REFS));
        }
        atoms[count] = atom;
        if (index != null) {
            index.put(atom, count);
        } else if (count == LINEAR_SEARCH_MAX) {
            index = new HashMap<>();
            for (int i = 0; i <= count; i++) {
                index.put(atoms[i], i);
            }
        }
        return count++;
    }

    /** {@return the atoms referenced, by index} (the array may be longer than {@link #count()}) */
    Atom[] atoms() {
        return atoms;
    }

    /** {@return how many atoms are referenced} */
    int count() {
        return count;
    }
}
