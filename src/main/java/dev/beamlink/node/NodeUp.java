package dev.beamlink.node;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import java.util.Objects;

/**
 * The message a process monitoring nodes ({@link Mailbox#monitorNodes(boolean)}) receives when a connection to a
 * visible node comes up; its pair is {@link NodeDown} (net_kernel:monitor_nodes/1).
 *
 * @param node the node's name
 */
public record NodeUp(Atom node) implements SystemMessage {

    private static final Atom TAG = Atom.of("nodeup");

    public NodeUp {
        Objects.requireNonNull(node, "node");
    }

    /** {@return {@code {nodeup, Node}}} */
    @Override
    public Term toTerm() {
        return Tuple.of(TAG, node);
    }
}
