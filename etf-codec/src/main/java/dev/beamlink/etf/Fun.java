package dev.beamlink.etf;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A local Erlang fun (NEW_FUN_EXT): a closure of module code and its free variables. Only the node
 * that has the module loaded can call it; beamlink carries it unchanged.
 *
 * @param module   the module the fun's code is in
 * @param arity    the number of arguments
 * @param uniq     the MD5 of the module's significant parts (16 bytes; a copy is kept and handed out)
 * @param index    the fun's index in the module's fun table
 * @param oldIndex the index in the older fun table
 * @param oldUniq  the hash value of the parse tree for the fun (older form)
 * @param pid      the process that created the fun
 * @param freeVars the values of the free variables (an immutable list)
 */
public record Fun(Atom module, int arity, byte[] uniq, int index, int oldIndex, int oldUniq,
                  Pid pid, List<Term> freeVars) implements Term {

    /** Size of {@link #uniq()}: an MD5 digest. */
    public static final int UNIQ_SIZE = 16;

    public Fun {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(pid, "pid");
        if (arity < 0 || arity > 255) {
            throw new IllegalArgumentException("arity: " + arity + " (expected: 0..255)");
        }
        if (uniq.length != UNIQ_SIZE) {
            throw new IllegalArgumentException("uniq: " + uniq.length + " bytes (expected: " + UNIQ_SIZE + ")");
        }
        uniq = uniq.clone();
        freeVars = TermArrayList.immutable(freeVars);
    }

    /** {@return a copy of the 16 uniq bytes} */
    @Override
    public byte[] uniq() {
        return uniq.clone();
    }

    /** The uniq bytes, for this package: never hand them out. */
    byte[] uniqBytes() {
        return uniq;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fun that && TermEquality.equal(this, that);
    }

    @Override
    public int hashCode() {
        return TermEquality.hash(this);
    }

    /** {@return {@code #Fun<module.index.oldUniq>}, as Erlang prints a local fun} */
    @Override
    public String toString() {
        return TermFormat.format(this);
    }

    /** {@return the uniq bytes in hex, for diagnostics} */
    public String uniqHex() {
        return HexFormat.of().formatHex(uniq);
    }
}
