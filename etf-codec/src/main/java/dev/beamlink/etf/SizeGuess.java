package dev.beamlink.etf;

import java.util.List;

/**
 * A first guess at the encoded size of a term, to size the array it is encoded into, without walking the
 * term: the root, and a sample of its children scaled to all of them, plus some slack (the encoder writes
 * in one pass and sizes nothing). A short guess costs the array one doubling; a long one, zeroed bytes never
 * used; neither changes the bytes written.
 */
final class SizeGuess {

    /** How many children of the root are sized. */
    private static final int SAMPLE = 8;
    /** The most bytes guessed: past that the array grows as it goes. */
    private static final long MOST = 16 << 20;

    private SizeGuess() {
    }

    /**
     * {@return the guess for {@code term} as a whole external term (the version byte too), a binary of at
     * least {@code spliceThreshold} bytes (when positive) left out} Exact for a binary, so that its array
     * is the one handed out.
     */
    static int of(Term term, int spliceThreshold) {
        // Class tests, not a pattern switch: this runs before every encoding, and must cost next to nothing.
        long guess;
        if (term instanceof Tuple tuple) {
            guess = 6 + sampled(tuple.elements(), spliceThreshold) + 16;
        } else if (term instanceof ErlList list) {
            guess = 7 + sampled(list.elements(), spliceThreshold) + 16;
        } else if (term instanceof Binary b) {
            guess = 1 + one(b, spliceThreshold);
        } else if (term instanceof ErlMap map) {
            guess = 6 + sampled(map.frozen(), spliceThreshold) + 16;
        } else {
            guess = 1 + one(term, spliceThreshold) + 16;
        }
        return (int) Math.min(guess, MOST);
    }

    /** The sizes of children spread over the list, scaled to all of them, plus a quarter. */
    private static long sampled(List<Term> elements, int spliceThreshold) {
        Term[] items = TermArrayList.itemsOf(elements);
        int n = elements.size();
        int k = Math.min(n, SAMPLE);
        long sum = 0;
        for (int i = 0; i < k; i++) {
            sum += one(items[(int) ((long) i * n / k)], spliceThreshold);
        }
        return k == 0 ? 0 : sum * n / k * 5 / 4;
    }

    /**
     * The sizes of the first entries, scaled to all of them, plus a half: the rest of a map is not reached
     * without walking it, and later keys tend to be longer (key_9, then key_10 ...).
     */
    private static long sampled(FrozenTermMap entries, int spliceThreshold) {
        int n = entries.size();
        int k = Math.min(n, SAMPLE);
        long sum = 0;
        for (int i = 0; i < k; i++) {
            sum += one(entries.keyAt(i), spliceThreshold) + one(entries.valueAt(i), spliceThreshold);
        }
        return k == 0 ? 0 : sum * n / k * 3 / 2;
    }

    /** A term's size from itself alone: exact for the common leaves, rough for compound terms. */
    private static long one(Term term, int spliceThreshold) {
        if (term instanceof Int(long v)) {
            return v >= 0 && v <= 255 ? 2 : v == (int) v ? 5 : 11;
        } else if (term instanceof Atom(String text)) {
            return 2 + text.length();
        } else if (term instanceof Binary b) {
            return 5L + (spliceThreshold > 0 && b.size() >= spliceThreshold ? 0 : b.size());
        } else if (term instanceof Tuple tuple) {
            return 2 + 8L * tuple.size();
        } else if (term instanceof ErlList list) {
            return list.elements().get(0) instanceof Int ? 3 + list.elements().size() : 6 + 8L * list.elements().size();
        } else if (term instanceof ErlFloat) {
            return 9;
        } else if (term instanceof Nil) {
            return 1;
        } else if (term instanceof BigInt(java.math.BigInteger v)) {
            return 4 + v.bitLength() / 8;
        } else if (term instanceof ErlMap map) {
            return 5 + 16L * map.size();
        }
        return 32;
    }
}
