package dev.beamlink.epmd;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Decodes the body of a request (after its 2-byte length) for the embedded server, with {@code epmd}'s
 * checks: a request that fails them is a {@link WireFormatException}, and the server closes the connection
 * without an answer, as {@code epmd} does.
 */
final class RequestDecoder {

    /** Code, PortNo, NodeType, Protocol, HighestVersion, LowestVersion, Nlen: the bytes before NodeName. */
    private static final int ALIVE2_FIXED_BYTES = 11;

    private RequestDecoder() {
    }

    static EpmdRequest decode(byte[] body) throws WireFormatException {
        int code = body[0] & 0xFF;
        return switch (code) {
            case EpmdProtocol.ALIVE2_REQ -> alive2(body);
            case EpmdProtocol.PORT_PLEASE2_REQ -> portPlease2(body);
            case EpmdProtocol.NAMES_REQ -> new EpmdRequest.Names();
            case EpmdProtocol.DUMP_REQ -> new EpmdRequest.Dump();
            case EpmdProtocol.KILL_REQ -> new EpmdRequest.Kill();
            case EpmdProtocol.STOP_REQ -> new EpmdRequest.Stop();
            default -> new EpmdRequest.Unknown(code);
        };
    }

    private static EpmdRequest.Alive2 alive2(byte[] body) throws WireFormatException {
        // epmd wants at least one byte of name besides the fixed fields and Elen.
        if (body.length <= ALIVE2_FIXED_BYTES + 2) {
            throw WireFormatException.field("ALIVE2_REQ length", body.length, "> " + (ALIVE2_FIXED_BYTES + 2));
        }
        ByteBuffer in = ByteBuffer.wrap(body, 1, body.length - 1);
        int port = in.getShort() & 0xFFFF;
        int nodeType = in.get() & 0xFF;
        int protocol = in.get() & 0xFF;
        int highest = in.getShort() & 0xFFFF;
        int lowest = in.getShort() & 0xFFFF;
        int nameLength = in.getShort() & 0xFFFF;
        if (nameLength > in.remaining() - 2) {
            throw WireFormatException.field("ALIVE2_REQ Nlen", nameLength, "<= " + (in.remaining() - 2));
        }
        byte[] name = new byte[nameLength];
        in.get(name);
        int extraLength = in.getShort() & 0xFFFF;
        if (extraLength > in.remaining()) {
            throw WireFormatException.field("ALIVE2_REQ Elen", extraLength, "<= " + in.remaining());
        }
        byte[] extra = new byte[extraLength];
        in.get(extra);
        for (int i = 0; i < name.length; i++) {
            if (name[i] == 0) {
                throw WireFormatException.field("ALIVE2_REQ NodeName", "NUL at byte " + i, "no NUL");
            }
        }
        return new EpmdRequest.Alive2(port, nodeType, protocol, highest, lowest, name, extra);
    }

    private static EpmdRequest.PortPlease2 portPlease2(byte[] body) throws WireFormatException {
        int end = body.length;
        if (end > 1 && body[end - 1] == 0) {
            end--; // epmd skips one NUL terminator
        }
        byte[] name = Arrays.copyOfRange(body, 1, end);
        return new EpmdRequest.PortPlease2(EpmdNameRules.parse(name, "PORT_PLEASE2_REQ NodeName"));
    }
}
