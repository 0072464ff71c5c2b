package dev.beamlink.node;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import java.util.Objects;

/**
 * The message a node monitor delivers when the connection to its node is lost or cannot be made
 * (docs/semantics.md, "Connections and nodes"): one for each monitor set.
 *
 * @param node the node's name
 */
public record NodeDown(Atom node) implements SystemMessage {

    private static final Atom TAG = Atom.of("nodedown");

    public NodeDown {
        Objects.requireNonNull(node, "node");
    }

    /** {@return {@code {nodedown, Node}}} */
    @Override
    public Term toTerm() {
        return Tuple.of(TAG, node);
    }
}
