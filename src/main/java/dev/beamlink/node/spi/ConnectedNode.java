package dev.beamlink.node.spi;

import dev.beamlink.etf.Atom;
import java.util.Objects;

/**
 * A node with a connection up.
 *
 * @param name   its name
 * @param hidden whether it is a hidden node (listed by {@code nodes(hidden)}, not by {@code nodes()})
 */
public record ConnectedNode(Atom name, boolean hidden) {

    public ConnectedNode {
        Objects.requireNonNull(name, "name");
    }
}
