package dev.beamlink.node;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import java.util.Objects;

/**
 * A registered name on a node, {@code {Name, Node}}: what a monitor by name watches, and the object of
 * its {@link Down}.
 */
public record ProcessName(Atom name, Atom node) {

    public ProcessName {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(node, "node");
    }

    /** {@return {@code {Name, Node}}} */
    public Term toTerm() {
        return Tuple.of(name, node);
    }
}
