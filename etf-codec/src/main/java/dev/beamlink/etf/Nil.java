package dev.beamlink.etf;

/**
 * The empty list {@code []} (NIL_EXT), and the tail of every proper list.
 */
public record Nil() implements Term {

    /** The empty list. */
    public static final Nil NIL = new Nil();

    @Override
    public String toString() {
        return "[]";
    }
}
