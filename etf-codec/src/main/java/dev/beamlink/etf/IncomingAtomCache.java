package dev.beamlink.etf;

/**
 * The atoms that ATOM_CACHE_REF (erl_ext_dist "ATOM_CACHE_REF", tag 82) refers to while decoding the
 * terms that follow one distribution header: the distribution layer fills it from the header's atom
 * cache references.
 */
@FunctionalInterface
public interface IncomingAtomCache {

    /**
     * {@return the atom at {@code index} (0 to 254) of the current distribution header, or {@code null}
     * when there is none} (the decoder then fails with an {@link EtfDecodeException})
     */
    Atom atomAt(int index);
}
