package dev.beamlink.otp.rpc;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Tuple;
import java.util.Objects;

/** A function's name as other nodes call it: {@code Module:Function/Arity}. */
record ExportKey(Atom module, Atom function, int arity) {

    ExportKey {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(function, "function");
        if (arity < 0 || arity > 255) {
            throw new IllegalArgumentException("arity: " + arity + " (expected: 0 to 255)");
        }
    }

    /** {@return {@code {Module, Function, Arity}}} */
    Tuple toTerm() {
        return Tuple.of(module, function, Int.of(arity));
    }

    @Override
    public String toString() {
        return module.text() + ":" + function.text() + "/" + arity;
    }
}
