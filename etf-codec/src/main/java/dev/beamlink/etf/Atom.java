package dev.beamlink.etf;

import java.util.Objects;

/**
 * An Erlang atom.
 *
 * <p>Atoms are compared by their text. Erlang limits an atom to {@value #MAX_CHARACTERS} characters
 * (code points), and so does this record. Atoms decoded from the network are interned through an
 * {@link AtomTable}, which also bounds how many distinct atoms untrusted input may create.
 *
 * @param text the atom's characters
 */
public record Atom(String text) implements Term, Comparable<Atom> {

    /** The most characters (Unicode code points) an atom may have: 255, as in Erlang. */
    public static final int MAX_CHARACTERS = 255;

    public static final Atom TRUE = new Atom("true");
    public static final Atom FALSE = new Atom("false");
    public static final Atom OK = new Atom("ok");
    public static final Atom ERROR = new Atom("error");
    public static final Atom UNDEFINED = new Atom("undefined");

    public Atom {
        Objects.requireNonNull(text, "text");
        int characters = text.codePointCount(0, text.length());
        if (characters > MAX_CHARACTERS) {
            throw new IllegalArgumentException(
                    "atom length: " + characters + " characters (expected: <= " + MAX_CHARACTERS + ")");
        }
    }

    /** {@return the atom with this text} */
    public static Atom of(String text) {
        return new Atom(text);
    }

    /** {@return the atom {@code true} or {@code false}} */
    public static Atom of(boolean value) {
        return value ? TRUE : FALSE;
    }

    /** {@return whether this is the atom {@code true} or {@code false}} */
    public boolean isBoolean() {
        return equals(TRUE) || equals(FALSE);
    }

    /**
     * {@return the order of the two atoms' texts, code point by code point, as Erlang orders atoms} Atoms
     * are comparable so that the tree bins of Java's hash maps keep look-ups O(log n) when the hash codes of
     * atom keys collide (an atom's hash code is its text's).
     */
    @Override
    public int compareTo(Atom other) {
        return TermOrder.compareCodePoints(text, other.text);
    }

    /** {@return Erlang syntax: the text, quoted where Erlang quotes it} */
    @Override
    public String toString() {
        return TermFormat.format(this);
    }
}
