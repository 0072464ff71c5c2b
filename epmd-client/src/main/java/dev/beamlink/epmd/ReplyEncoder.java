package dev.beamlink.epmd;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Encodes the embedded server's replies, byte for byte as {@code epmd} (OTP 25) writes them. */
final class ReplyEncoder {

    /** The creation {@code epmd} puts in a refusal. */
    static final int REFUSED_CREATION = 99;

    private static final byte[] KILL_OK = "OK".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KILL_REFUSED = "NO".getBytes(StandardCharsets.US_ASCII);

    private ReplyEncoder() {
    }

    /**
     * {@return ALIVE2_X_RESP (118, Result, 32-bit Creation) for a node of version 6 or higher, else
     * ALIVE2_RESP (121, Result, 16-bit Creation)}
     */
    static byte[] alive2(int highestVersion, int result, int creation) {
        if (highestVersion >= EpmdProtocol.FIRST_VERSION_WITH_X_RESP) {
            return ByteBuffer.allocate(6).put((byte) EpmdProtocol.ALIVE2_X_RESP).put((byte) result).putInt(creation).array();
        }
        return ByteBuffer.allocate(4).put((byte) EpmdProtocol.ALIVE2_RESP).put((byte) result).putShort((short) creation).array();
    }

    /** {@return PORT2_RESP with Result 0 and the node's fields, as it registered them} */
    static byte[] port2(EpmdRequest.Alive2 node) {
        ByteBuffer out = ByteBuffer.allocate(14 + node.name().length + node.extra().length);
        out.put((byte) EpmdProtocol.PORT2_RESP).put((byte) EpmdProtocol.RESULT_OK);
        out.putShort((short) node.port()).put((byte) node.nodeType()).put((byte) node.protocol());
        out.putShort((short) node.highestVersion()).putShort((short) node.lowestVersion());
        out.putShort((short) node.name().length).put(node.name());
        out.putShort((short) node.extra().length).put(node.extra());
        return out.array();
    }

    /** {@return PORT2_RESP with Result 1: "If Result > 0, the packet only consists of [119, Result]"} */
    static byte[] port2NotFound() {
        return new byte[] {(byte) EpmdProtocol.PORT2_RESP, 1};
    }

    /** {@return NAMES_RESP: EPMDPortNo, then "name ~ts at port ~p~n" for each node} */
    static byte[] names(int epmdPort, List<NodeRegistry.Registered> nodes) {
        ByteArrayOutputStream out = withPort(epmdPort);
        for (NodeRegistry.Registered node : nodes) {
            out.writeBytes(("name " + node.name() + " at port " + node.request().port() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /**
     * {@return DUMP_RESP: EPMDPortNo, then {@code "active name     <N> at port P, fd = F\n"} and a NUL for each node}
     * The server has no file descriptors; it prints its connection number where {@code epmd} prints one.
     * Unlike {@code epmd} it keeps no list of old, unused names, so no "old/unused name" lines follow.
     */
    static byte[] dump(int epmdPort, List<NodeRegistry.Registered> nodes) {
        ByteArrayOutputStream out = withPort(epmdPort);
        for (NodeRegistry.Registered node : nodes) {
            out.writeBytes(("active name     <" + node.name() + "> at port " + node.request().port()
                    + ", fd = " + node.connection() + "\n\0").getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** {@return KILL_RESP: "OK" when no node is registered, "NO" (epmd's refusal) otherwise} */
    static byte[] kill(boolean allowed) {
        return (allowed ? KILL_OK : KILL_REFUSED).clone();
    }

    private static ByteArrayOutputStream withPort(int epmdPort) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(4).putInt(epmdPort).array());
        return out;
    }
}
