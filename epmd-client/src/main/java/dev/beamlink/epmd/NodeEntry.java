package dev.beamlink.epmd;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * What EPMD holds about a node: the fields a node registers with ({@code ALIVE2_REQ}) and the fields a
 * look-up returns ({@code PORT2_RESP}), which are the same.
 *
 * @param name           the node name without {@code @host}: 1 to 255 characters, no NUL
 * @param port           the TCP port on which the node accepts distribution connections (0 to 65535)
 * @param nodeType       normal or hidden
 * @param protocol       the transport: {@value EpmdProtocol#PROTOCOL_TCP_IPV4} is TCP/IPv4 (0 to 255)
 * @param highestVersion the highest distribution version the node handles (6 since OTP 23)
 * @param lowestVersion  the lowest distribution version the node handles
 * @param extra          the {@code Extra} field, at most {@value EpmdProtocol#MAX_SYMBOL_BYTES} bytes
 *                       (copied in and out: the record stays immutable)
 */
public record NodeEntry(String name, int port, NodeType nodeType, int protocol, int highestVersion,
                        int lowestVersion, byte[] extra) {

    /**
     * Checks every field against what the wire can carry and {@code epmd} accepts.
     *
     * @throws IllegalArgumentException if a field is out of range
     * @throws NullPointerException     if a field is null
     */
    public NodeEntry {
        if (name == null || nodeType == null || extra == null) {
            throw new NullPointerException("name, nodeType and extra must not be null");
        }
        EpmdNameRules.requireValid(name);
        Arguments.inRange("port", port, 0, 0xFFFF);
        Arguments.inRange("protocol", protocol, 0, 0xFF);
        Arguments.inRange("highestVersion", highestVersion, 0, 0xFFFF);
        Arguments.inRange("lowestVersion", lowestVersion, 0, 0xFFFF);
        if (extra.length > EpmdProtocol.MAX_SYMBOL_BYTES) {
            throw new IllegalArgumentException("extra length: " + extra.length + " (expected: <= " + EpmdProtocol.MAX_SYMBOL_BYTES + ")");
        }
        extra = extra.clone();
    }

    /**
     * {@return a normal node over TCP/IPv4 that speaks distribution version 6 only, with no extra}
     * This is what a beamlink node registers unless told otherwise.
     */
    public static NodeEntry of(String name, int port) {
        return new NodeEntry(name, port, NodeType.NORMAL, EpmdProtocol.PROTOCOL_TCP_IPV4,
                EpmdProtocol.DISTRIBUTION_VERSION_6, EpmdProtocol.DISTRIBUTION_VERSION_6, new byte[0]);
    }

    /** {@return this entry with another node type} */
    public NodeEntry withNodeType(NodeType type) {
        return new NodeEntry(name, port, type, protocol, highestVersion, lowestVersion, extra);
    }

    /** {@return this entry with another version range} */
    public NodeEntry withVersions(int highest, int lowest) {
        return new NodeEntry(name, port, nodeType, protocol, highest, lowest, extra);
    }

    /** {@return this entry with another {@code Extra} field} */
    public NodeEntry withExtra(byte[] newExtra) {
        return new NodeEntry(name, port, nodeType, protocol, highestVersion, lowestVersion, newExtra);
    }

    /** {@return a copy of the {@code Extra} field} */
    @Override
    public byte[] extra() {
        return extra.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NodeEntry that
                && port == that.port && protocol == that.protocol && nodeType == that.nodeType
                && highestVersion == that.highestVersion && lowestVersion == that.lowestVersion
                && name.equals(that.name) && Arrays.equals(extra, that.extra);
    }

    @Override
    public int hashCode() {
        int hash = name.hashCode();
        hash = hash * 31 + port;
        hash = hash * 31 + nodeType.hashCode();
        hash = hash * 31 + protocol;
        hash = hash * 31 + highestVersion;
        hash = hash * 31 + lowestVersion;
        return hash * 31 + Arrays.hashCode(extra);
    }

    @Override
    public String toString() {
        return "NodeEntry[name=" + name + ", port=" + port + ", nodeType=" + nodeType + ", protocol=" + protocol
                + ", versions=" + lowestVersion + ".." + highestVersion + ", extra=" + HexFormat.of().formatHex(extra) + "]";
    }
}
