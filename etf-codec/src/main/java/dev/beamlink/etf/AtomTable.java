package dev.beamlink.etf;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Interns atoms, up to a cap on the number of distinct atoms: give one to an {@link EtfDecoder} that
 * reads untrusted input, so that the atoms it creates stay bounded (as the BEAM's atom table is).
 * Past the cap, decoding a new atom fails with an {@link EtfDecodeException}; atoms already in the
 * table still decode. An atom refused (too long, or past the cap) takes no slot.
 *
 * <p>Thread-safe. There is no global table: each instance is its own, so a node and its tests can
 * have separate ones.
 */
public final class AtomTable {

    /** The cap of {@link #AtomTable()}: 1,048,576 atoms, the BEAM's default atom table limit. */
    public static final int DEFAULT_MAX_ATOMS = 1_048_576;

    private final int maxAtoms;
    private final ConcurrentHashMap<String, Atom> atoms = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();

    /** A table capped at {@link #DEFAULT_MAX_ATOMS} atoms. */
    public AtomTable() {
        this(DEFAULT_MAX_ATOMS);
    }

    /**
     * A table capped at {@code maxAtoms} distinct atoms.
     *
     * @throws IllegalArgumentException if {@code maxAtoms} is not positive
     */
    public AtomTable(int maxAtoms) {
        if (maxAtoms < 1) {
            throw new IllegalArgumentException("maxAtoms: " + maxAtoms + " (expected: >= 1)");
        }
        this.maxAtoms = maxAtoms;
    }

    /**
     * {@return the one atom of this table with {@code text}, adding it if it is new}
     *
     * @throws IllegalStateException if the atom is new and the table already holds {@link #maxAtoms()} atoms
     * @throws IllegalArgumentException if the text is longer than {@value Atom#MAX_CHARACTERS} characters
     */
    public Atom intern(String text) {
        Atom atom = tryIntern(text);
        if (atom == null) {
            throw new IllegalStateException("atom table full: " + maxAtoms + " atoms; cannot add '" + text + "'");
        }
        return atom;
    }

    /**
     * {@return the interned atom, or {@code null} when it is new and the table is full}
     *
     * @throws IllegalArgumentException if the text is longer than {@value Atom#MAX_CHARACTERS} characters
     */
    Atom tryIntern(String text) {
        Atom atom = atoms.get(text);
        if (atom != null) {
            return atom;
        }
        // Made (and so checked) before a slot is counted: an atom refused takes no slot.
        Atom fresh = new Atom(text);
        return atoms.computeIfAbsent(text, key -> {
            if (count.incrementAndGet() > maxAtoms) {
                count.decrementAndGet();
                return null;
            }
            return fresh;
        });
    }

    /** {@return the number of distinct atoms in the table} */
    public int size() {
        return count.get();
    }

    /** {@return the cap on distinct atoms} */
    public int maxAtoms() {
        return maxAtoms;
    }

    @Override
    public String toString() {
        return "AtomTable[" + size() + "/" + maxAtoms + " atoms]";
    }
}
