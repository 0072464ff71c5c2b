package dev.beamlink.etf;

import java.util.Objects;

/**
 * An Erlang port identifier (V4_PORT_EXT; NEW_PORT_EXT and PORT_EXT decode to it too).
 *
 * @param node     the node the port belongs to
 * @param id       the port number (64 bits, unsigned)
 * @param creation the node's creation when the port was made (32 bits, unsigned)
 */
public record Port(Atom node, long id, int creation) implements Term {

    public Port {
        Objects.requireNonNull(node, "node");
    }

    /** {@return a hash keyed per JVM, so that a peer cannot make ports collide} */
    @Override
    public int hashCode() {
        return TermHash.of(id, creation, node.hashCode());
    }

    /** {@return {@code #Port<node.id>}} */
    @Override
    public String toString() {
        return TermFormat.format(this);
    }
}
