package dev.beamlink.epmd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The client's requests, byte for byte, and its reading of every reply shape, good and bad. */
class ClientCodecTest {

    private static final HexFormat HEX = HexFormat.of();

    private static WireInput input(String hex) {
        return WireInput.of(new ByteArrayInputStream(HEX.parseHex(hex)));
    }

    @Test
    void alive2RequestCarriesEveryFieldBigEndian() {
        NodeEntry node = NodeEntry.of("ab", 0x1234).withNodeType(NodeType.HIDDEN).withVersions(6, 5)
                .withExtra(new byte[] {9, 8, 7});
        // length 18 | 120 | port | 'H' | proto 0 | hi 6 | lo 5 | nlen 2 "ab" | elen 3 | extra
        assertEquals("0012" + "78" + "1234" + "48" + "00" + "0006" + "0005" + "0002" + "6162" + "0003" + "090807",
                HEX.formatHex(RequestEncoder.alive2(node)));
    }

    @Test
    void portPlease2AndNamesRequests() {
        assertEquals("0004" + "7a" + "c3a961", HEX.formatHex(RequestEncoder.portPlease2("éa")));
        assertEquals("0001" + "6e", HEX.formatHex(RequestEncoder.names()));
    }

    @Test
    void readsAlive2XRespWithUnsigned32BitCreation() throws IOException {
        ReplyDecoder.Alive2Reply reply = ReplyDecoder.alive2(input("76" + "00" + "fedcba98"));
        assertEquals(new ReplyDecoder.Alive2Reply(0, 0xfedcba98, true), reply);
        assertEquals(4275878552L, Integer.toUnsignedLong(reply.creation()));
    }

    @Test
    void readsTheOlderAlive2RespWith16BitCreation() throws IOException {
        assertEquals(new ReplyDecoder.Alive2Reply(0, 3, false), ReplyDecoder.alive2(input("79" + "00" + "0003")));
        assertEquals(new ReplyDecoder.Alive2Reply(1, 99, false), ReplyDecoder.alive2(input("79" + "01" + "0063")));
    }

    @Test
    void anAlive2ReplyWithAnotherTagIsMalformed() {
        WireFormatException e = assertThrows(WireFormatException.class, () -> ReplyDecoder.alive2(input("2a0000000000")));
        assertEquals("ALIVE2 reply tag: 42 (expected: 118 or 121)", e.getMessage());
        assertEquals("118 or 121", e.expected());
        assertEquals("42", e.received());
    }

    @Test
    void aTruncatedAlive2ReplySaysWhatWasExpectedAndWhatCame() {
        WireFormatException e = assertThrows(WireFormatException.class, () -> ReplyDecoder.alive2(input("76" + "00" + "0102")));
        assertEquals("truncated at ALIVE2_X_RESP Creation (expected: 4 bytes, received: 2 bytes)", e.getMessage());
        WireFormatException empty = assertThrows(WireFormatException.class, () -> ReplyDecoder.alive2(input("")));
        assertEquals("truncated at ALIVE2 reply tag (expected: 1 bytes, received: 0 bytes)", empty.getMessage());
    }

    @Test
    void readsPort2RespFields() throws IOException {
        String hex = "77" + "00" + "1f90" + "4d" + "00" + "0006" + "0005" + "0003" + "6e6f64" + "0002" + "abcd";
        Optional<NodeEntry> node = ReplyDecoder.port2(input(hex), "nod");
        assertEquals(Optional.of(new NodeEntry("nod", 8080, NodeType.NORMAL, 0, 6, 5, new byte[] {(byte) 0xab, (byte) 0xcd})), node);
    }

    @Test
    void aPort2RespWithResultAboveZeroMeansNotRegistered() throws IOException {
        assertEquals(Optional.empty(), ReplyDecoder.port2(input("7701"), "nod"));
    }

    @Test
    void aPort2RespNameLengthAboveTheLimitIsRefusedBeforeAnythingIsAllocated() {
        // Nlen = 65535 but only 3 bytes follow: the length is refused by its value, not by reading.
        String hex = "77" + "00" + "1f90" + "4d" + "00" + "0006" + "0005" + "ffff" + "616263";
        WireFormatException e = assertThrows(WireFormatException.class, () -> ReplyDecoder.port2(input(hex), "abc"));
        assertEquals("PORT2_RESP Nlen: 65535 (expected: <= 1020)", e.getMessage());
        String extra = "77" + "00" + "1f90" + "4d" + "00" + "0006" + "0005" + "0001" + "61" + "fff0";
        assertEquals("PORT2_RESP Elen: 65520 (expected: <= 1020)",
                assertThrows(WireFormatException.class, () -> ReplyDecoder.port2(input(extra), "a")).getMessage());
    }

    @Test
    void aTruncatedPort2RespNamesTheField() {
        String hex = "77" + "00" + "1f90" + "4d" + "00" + "0006" + "0005" + "0006" + "6162";
        WireFormatException e = assertThrows(WireFormatException.class, () -> ReplyDecoder.port2(input(hex), "abcdef"));
        assertEquals("truncated at PORT2_RESP NodeName (expected: 6 bytes, received: 2 bytes)", e.getMessage());
    }

    @Test
    void aPort2RespWithAnUnknownNodeTypeOrTagOrNameIsMalformed() {
        String type = "77" + "00" + "1f90" + "41" + "00" + "0006" + "0005" + "0001" + "61" + "0000";
        assertEquals("PORT2_RESP NodeType: 65 (expected: 77 or 72)",
                assertThrows(WireFormatException.class, () -> ReplyDecoder.port2(input(type), "a")).getMessage());
        assertEquals("PORT2_RESP tag: 118 (expected: 119)",
                assertThrows(WireFormatException.class, () -> ReplyDecoder.port2(input("7600"), "a")).getMessage());
        String other = "77" + "00" + "1f90" + "4d" + "00" + "0006" + "0005" + "0001" + "62" + "0000";
        assertEquals("PORT2_RESP NodeName: 'b' (expected: 'a')",
                assertThrows(WireFormatException.class, () -> ReplyDecoder.port2(input(other), "a")).getMessage());
        String badUtf8 = "77" + "00" + "1f90" + "4d" + "00" + "0006" + "0005" + "0001" + "ff" + "0000";
        assertTrue(assertThrows(WireFormatException.class, () -> ReplyDecoder.port2(input(badUtf8), "a"))
                .getMessage().contains("not well-formed UTF-8"));
    }

    @Test
    void readsNamesLines() throws IOException {
        String text = "name a at port 4711\nname some node at port 1\nname é at port 65535\n";
        String hex = "00001111" + HEX.formatHex(text.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(new RegisteredName("a", 4711), new RegisteredName("some node", 1), new RegisteredName("é", 65535)),
                ReplyDecoder.names(input(hex)));
        assertEquals(List.of(), ReplyDecoder.names(input("00001111")));
    }

    @Test
    void malformedNamesLinesAreErrors() {
        for (String text : List.of("name a at port 4711", "nom a at port 1\n", "name a at port 70000\n",
                "name a at port x\n", "name  at port 1\n", "name a at port \n")) {
            String hex = "00001111" + HEX.formatHex(text.getBytes(StandardCharsets.UTF_8));
            WireFormatException e = assertThrows(WireFormatException.class, () -> ReplyDecoder.names(input(hex)), text);
            assertTrue(e.getMessage().startsWith("NAMES_RESP NodeInfo: "), e.getMessage());
        }
        assertEquals("truncated at NAMES_RESP EPMDPortNo (expected: 4 bytes, received: 2 bytes)",
                assertThrows(WireFormatException.class, () -> ReplyDecoder.names(input("0000"))).getMessage());
    }

    @Test
    void aNamesReplyBeyondTheLimitIsRefusedWithoutReadingItAll() {
        InputStream endless = new InputStream() {
            private long served;

            @Override
            public int read() {
                served++;
                return served <= 4 ? 0 : 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                for (int i = 0; i < len; i++) {
                    b[off + i] = (byte) read();
                }
                return len;
            }
        };
        WireFormatException e = assertThrows(WireFormatException.class, () -> ReplyDecoder.names(WireInput.of(endless)));
        assertEquals("NAMES_RESP length: > 4194304 (expected: <= 4194304)", e.getMessage());
    }
}
