package dev.beamlink.etf;

import java.util.Objects;

/**
 * An external fun {@code fun Module:Function/Arity} (EXPORT_EXT).
 *
 * @param module   the module
 * @param function the function name
 * @param arity    the number of arguments, 0 to 255
 */
public record ExternalFun(Atom module, Atom function, int arity) implements Term {

    public ExternalFun {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(function, "function");
        if (arity < 0 || arity > 255) {
            throw new IllegalArgumentException("arity: " + arity + " (expected: 0..255)");
        }
    }

    /** {@return a hash keyed per JVM} */
    @Override
    public int hashCode() {
        return TermHash.of(module.hashCode(), function.hashCode(), arity);
    }

    /** {@return {@code fun module:function/arity}} */
    @Override
    public String toString() {
        return TermFormat.format(this);
    }
}
