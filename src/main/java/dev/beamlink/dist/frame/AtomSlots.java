package dev.beamlink.dist.frame;

import static dev.beamlink.dist.frame.DistHeaderFormat.ATOM_CACHE_SIZE;

import dev.beamlink.etf.Atom;

/**
 * The {@value DistHeaderFormat#ATOM_CACHE_SIZE} entries of one side of a connection's atom cache (erl_ext_dist
 * "Distribution Header": 8 segments of 256), held in blocks of {@value #BLOCK_SIZE} that are made when an entry of
 * theirs is first filled. A connection uses the entries its atoms hash to, a few dozen for most: the whole table, in
 * each direction, would hold 8 KiB per connection that stay empty. Not thread-safe: one reader or one writer uses it.
 */
final class AtomSlots {

    /** The entries of a block: small enough that the blocks of a few atoms hold little more than those atoms. */
    static final int BLOCK_SIZE = 64;
    private static final int BLOCK_SHIFT = Integer.numberOfTrailingZeros(BLOCK_SIZE);

    private final Atom[][] blocks = new Atom[ATOM_CACHE_SIZE / BLOCK_SIZE][];

    /** {@return the atom in {@code entry} (0 to {@value DistHeaderFormat#ATOM_CACHE_SIZE} - 1), or null if none} */
    Atom get(int entry) {
        Atom[] block = blocks[entry >>> BLOCK_SHIFT];
        return block == null ? null : block[entry & (BLOCK_SIZE - 1)];
    }

    /** Puts {@code atom} in {@code entry} (0 to {@value DistHeaderFormat#ATOM_CACHE_SIZE} - 1). */
    void set(int entry, Atom atom) {
        Atom[] block = blocks[entry >>> BLOCK_SHIFT];
        if (block == null) {
            block = new Atom[BLOCK_SIZE];
            blocks[entry >>> BLOCK_SHIFT] = block;
        }
        block[entry & (BLOCK_SIZE - 1)] = atom;
    }

    /** {@return how many blocks are held}, for tests */
    int blocks() {
        int n = 0;
        for (Atom[] block : blocks) {
            n += block == null ? 0 : 1;
        }
        return n;
    }
}
