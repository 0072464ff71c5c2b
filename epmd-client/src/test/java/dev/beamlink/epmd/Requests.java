package dev.beamlink.epmd;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Raw request bodies (without the length prefix) for tests that talk bytes to an EPMD. */
final class Requests {

    private Requests() {
    }

    static byte[] alive2(String name, int port, int nodeType, int highest, int lowest, byte[] extra) {
        return alive2(name.getBytes(StandardCharsets.UTF_8), port, nodeType, highest, lowest, extra);
    }

    static byte[] alive2(byte[] name, int port, int nodeType, int highest, int lowest, byte[] extra) {
        return ByteBuffer.allocate(13 + name.length + extra.length)
                .put((byte) EpmdProtocol.ALIVE2_REQ).putShort((short) port).put((byte) nodeType).put((byte) 0)
                .putShort((short) highest).putShort((short) lowest)
                .putShort((short) name.length).put(name).putShort((short) extra.length).put(extra)
                .array();
    }

    static byte[] portPlease2(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + bytes.length).put((byte) EpmdProtocol.PORT_PLEASE2_REQ).put(bytes).array();
    }

    /** {@return a request body: the code, then each of {@code rest} as one byte} */
    static byte[] code(int code, int... rest) {
        ByteBuffer body = ByteBuffer.allocate(1 + rest.length).put((byte) code);
        for (int b : rest) {
            body.put((byte) b);
        }
        return body.array();
    }
}
