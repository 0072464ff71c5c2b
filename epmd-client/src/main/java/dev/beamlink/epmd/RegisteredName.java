package dev.beamlink.epmd;

/**
 * One line of a {@code NAMES_RESP}: a node registered with EPMD and its distribution port.
 *
 * @param name the node name without {@code @host}
 * @param port the node's distribution port
 */
public record RegisteredName(String name, int port) {
}
