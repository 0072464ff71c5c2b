package dev.beamlink.epmd;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Encodes the client's requests, each with its 2-byte length prefix ("Each request *_REQ is preceded by a
 * 2 byte length field"). The arguments are already valid ({@link NodeEntry} and {@link EpmdNameRules} check them),
 * so every request fits the prefix.
 */
final class RequestEncoder {

    private RequestEncoder() {
    }

    /** {@return ALIVE2_REQ: 120, PortNo, NodeType, Protocol, HighestVersion, LowestVersion, Nlen, NodeName, Elen, Extra} */
    static byte[] alive2(NodeEntry node) {
        byte[] name = node.name().getBytes(StandardCharsets.UTF_8);
        byte[] extra = node.extra();
        ByteBuffer out = request(13 + name.length + extra.length);
        out.put((byte) EpmdProtocol.ALIVE2_REQ);
        out.putShort((short) node.port());
        out.put((byte) node.nodeType().code());
        out.put((byte) node.protocol());
        out.putShort((short) node.highestVersion());
        out.putShort((short) node.lowestVersion());
        out.putShort((short) name.length).put(name);
        out.putShort((short) extra.length).put(extra);
        return out.array();
    }

    /** {@return PORT_PLEASE2_REQ: 122, NodeName} */
    static byte[] portPlease2(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        return request(1 + bytes.length).put((byte) EpmdProtocol.PORT_PLEASE2_REQ).put(bytes).array();
    }

    /** {@return NAMES_REQ: 110} */
    static byte[] names() {
        return request(1).put((byte) EpmdProtocol.NAMES_REQ).array();
    }

    private static ByteBuffer request(int length) {
        if (length > EpmdProtocol.MAX_REQUEST_LENGTH) {
            throw new IllegalArgumentException("request length: " + length + " (expected: <= " + EpmdProtocol.MAX_REQUEST_LENGTH + ")");
        }
        return ByteBuffer.allocate(2 + length).putShort((short) length);
    }
}
