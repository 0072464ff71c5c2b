package dev.beamlink.epmd;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decodes the replies the client reads. Every length field is checked against the protocol's limits
 * before its bytes are read, and every tag and code against the values the protocol allows.
 */
final class ReplyDecoder {

    /** At most this many bytes of a {@code NAMES_RESP} are read: 4,000 lines of the longest names. */
    static final int MAX_NAMES_REPLY_BYTES = 4 << 20;

    private static final String NAMES_LINE_PREFIX = "name ";
    private static final String NAMES_LINE_PORT = " at port ";

    private ReplyDecoder() {
    }

    /**
     * The reply to {@code ALIVE2_REQ}.
     *
     * @param result   0 when registered, greater than 0 when refused
     * @param creation the creation EPMD gave the node (32 bits unsigned; 16 bits for {@code ALIVE2_RESP})
     * @param extended whether the reply was {@code ALIVE2_X_RESP} (else the older {@code ALIVE2_RESP})
     */
    record Alive2Reply(int result, int creation, boolean extended) {
    }

    /** {@return ALIVE2_X_RESP (118, Result, 32-bit Creation) or ALIVE2_RESP (121, Result, 16-bit Creation)} */
    static Alive2Reply alive2(WireInput in) throws IOException {
        int tag = in.u8("ALIVE2 reply tag");
        return switch (tag) {
            case EpmdProtocol.ALIVE2_X_RESP -> new Alive2Reply(in.u8("ALIVE2_X_RESP Result"), in.u32("ALIVE2_X_RESP Creation"), true);
            case EpmdProtocol.ALIVE2_RESP -> new Alive2Reply(in.u8("ALIVE2_RESP Result"), in.u16("ALIVE2_RESP Creation"), false);
            default -> throw WireFormatException.field("ALIVE2 reply tag", tag,
                    EpmdProtocol.ALIVE2_X_RESP + " or " + EpmdProtocol.ALIVE2_RESP);
        };
    }

    /**
     * {@return the node from PORT2_RESP, or empty when EPMD answered {@code [119, Result > 0]}}
     *
     * @param expectedName the name asked for; a reply about another name is malformed
     */
    static Optional<NodeEntry> port2(WireInput in, String expectedName) throws IOException {
        int tag = in.u8("PORT2_RESP tag");
        if (tag != EpmdProtocol.PORT2_RESP) {
            throw WireFormatException.field("PORT2_RESP tag", tag, Integer.toString(EpmdProtocol.PORT2_RESP));
        }
        if (in.u8("PORT2_RESP Result") != EpmdProtocol.RESULT_OK) {
            return Optional.empty();
        }
        int port = in.u16("PORT2_RESP PortNo");
        int typeCode = in.u8("PORT2_RESP NodeType");
        NodeType type;
        try {
            type = NodeType.fromCode(typeCode);
        } catch (IllegalArgumentException e) {
            throw WireFormatException.field("PORT2_RESP NodeType", typeCode,
                    NodeType.NORMAL.code() + " or " + NodeType.HIDDEN.code());
        }
        int protocol = in.u8("PORT2_RESP Protocol");
        int highest = in.u16("PORT2_RESP HighestVersion");
        int lowest = in.u16("PORT2_RESP LowestVersion");
        byte[] nameBytes = in.bytes(boundedLength(in, "PORT2_RESP Nlen"), "PORT2_RESP NodeName");
        String name = EpmdNameRules.parse(nameBytes, "PORT2_RESP NodeName");
        if (!name.equals(expectedName)) {
            throw WireFormatException.field("PORT2_RESP NodeName", "'" + name + "'", "'" + expectedName + "'");
        }
        byte[] extra = in.bytes(boundedLength(in, "PORT2_RESP Elen"), "PORT2_RESP Extra");
        return Optional.of(new NodeEntry(name, port, type, protocol, highest, lowest, extra));
    }

    /** {@return the names of NAMES_RESP: EPMDPortNo (4 bytes), then lines "name N at port P\n" up to the end} */
    static List<RegisteredName> names(WireInput in) throws IOException {
        in.u32("NAMES_RESP EPMDPortNo");
        String text = utf8(in.rest(MAX_NAMES_REPLY_BYTES, "NAMES_RESP"), "NAMES_RESP NodeInfo");
        List<RegisteredName> names = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                throw WireFormatException.field("NAMES_RESP NodeInfo", "'" + text.substring(start) + "' without a newline",
                        "lines ending in \\n");
            }
            names.add(nameLine(text.substring(start, end)));
            start = end + 1;
        }
        return List.copyOf(names);
    }

    private static RegisteredName nameLine(String line) throws WireFormatException {
        int at = line.lastIndexOf(NAMES_LINE_PORT);
        if (!line.startsWith(NAMES_LINE_PREFIX) || at < NAMES_LINE_PREFIX.length()) {
            throw WireFormatException.field("NAMES_RESP NodeInfo", "'" + line + "'", "'name <name> at port <port>'");
        }
        String name = line.substring(NAMES_LINE_PREFIX.length(), at);
        String digits = line.substring(at + NAMES_LINE_PORT.length());
        int port = -1;
        if (!digits.isEmpty() && digits.length() <= 5 && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            port = Integer.parseInt(digits);
        }
        if (name.isEmpty() || port < 0 || port > 0xFFFF) {
            throw WireFormatException.field("NAMES_RESP NodeInfo", "'" + line + "'", "'name <name> at port <0..65535>'");
        }
        return new RegisteredName(name, port);
    }

    private static int boundedLength(WireInput in, String field) throws IOException {
        int length = in.u16(field);
        if (length > EpmdProtocol.MAX_SYMBOL_BYTES) {
            throw WireFormatException.field(field, length, "<= " + EpmdProtocol.MAX_SYMBOL_BYTES);
        }
        return length;
    }

    private static String utf8(byte[] bytes, String field) throws WireFormatException {
        try {
            return EpmdNameRules.decode(bytes);
        } catch (CharacterCodingException e) {
            throw WireFormatException.field(field, "malformed UTF-8", "UTF-8");
        }
    }
}
