package dev.beamlink.etf;

import java.util.Arrays;
import java.util.Objects;

/**
 * An Erlang reference (NEWER_REFERENCE_EXT; NEW_REFERENCE_EXT and REFERENCE_EXT decode to it too).
 *
 * @param node     the node that made the reference
 * @param creation the node's creation when it was made (32 bits, unsigned)
 * @param ids      the ID words, 1 to {@value #MAX_IDS}, uninterpreted (a copy is kept and handed out)
 */
public record Ref(Atom node, int creation, int[] ids) implements Term {

    /** The most ID words a reference has (OTP 24 and later make references of up to 5 words). */
    public static final int MAX_IDS = 5;

    public Ref {
        Objects.requireNonNull(node, "node");
        if (ids.length < 1 || ids.length > MAX_IDS) {
            throw new IllegalArgumentException("reference ID words: " + ids.length + " (expected: 1.." + MAX_IDS + ")");
        }
        ids = ids.clone();
    }

    /** {@return a copy of the ID words} */
    @Override
    public int[] ids() {
        return ids.clone();
    }

    /** {@return the number of ID words} */
    public int idCount() {
        return ids.length;
    }

    /** {@return ID word {@code index}} */
    public int id(int index) {
        return ids[index];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ref that
                && creation == that.creation && node.equals(that.node) && Arrays.equals(ids, that.ids);
    }

    /** {@return a hash keyed per JVM, so that a peer cannot make references collide} */
    @Override
    public int hashCode() {
        return TermHash.of(TermHash.ofInts(ids, creation), node.hashCode());
    }

    /** {@return {@code #Ref<node.id3.id2.id1>}: Erlang's reference syntax with the node name in place of its local index} */
    @Override
    public String toString() {
        return TermFormat.format(this);
    }
}
