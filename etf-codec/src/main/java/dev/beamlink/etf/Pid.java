package dev.beamlink.etf;

import java.util.Objects;

/**
 * An Erlang process identifier (NEW_PID_EXT).
 *
 * @param node     the node the process lives on
 * @param id       the process number (32 bits, unsigned)
 * @param serial   the serial (32 bits, unsigned)
 * @param creation the node's creation when the pid was made (32 bits, unsigned)
 */
public record Pid(Atom node, int id, int serial, int creation) implements Term {

    public Pid {
        Objects.requireNonNull(node, "node");
    }

    /** {@return a hash keyed per JVM, so that a peer cannot make pids collide} */
    @Override
    public int hashCode() {
        return TermHash.of((long) id << 32 | (serial & 0xFFFF_FFFFL), creation, node.hashCode());
    }

    /** {@return {@code <node.id.serial>}: Erlang's pid syntax with the node name in place of its local index} */
    @Override
    public String toString() {
        return TermFormat.format(this);
    }
}
