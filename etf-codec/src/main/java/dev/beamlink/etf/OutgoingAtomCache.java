package dev.beamlink.etf;

/**
 * Asked by the encoder for every atom it writes (including the node names of pids, ports and
 * references, and the names in funs) whether to write an ATOM_CACHE_REF (erl_ext_dist
 * "ATOM_CACHE_REF", tag 82) instead of the atom's text. The distribution layer records the atoms it
 * answers for in the distribution header it sends before the terms.
 */
@FunctionalInterface
public interface OutgoingAtomCache {

    /** The answer of {@link #refFor(Atom)} for "write the atom itself". */
    int NO_REF = -1;

    /**
     * {@return the atom cache reference index (0 to 254) to write for {@code atom}, or {@link #NO_REF}
     * to write the atom in full}
     */
    int refFor(Atom atom);
}
