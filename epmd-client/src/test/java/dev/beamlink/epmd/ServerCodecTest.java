package dev.beamlink.epmd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The embedded server's reading of requests with epmd's checks, and its replies read back by the client's decoder. */
class ServerCodecTest {

    private static final HexFormat HEX = HexFormat.of();

    private static byte[] body(byte[] framed) {
        return Arrays.copyOfRange(framed, 2, framed.length);
    }

    @Test
    void decodesWhatTheClientEncodes() throws IOException {
        NodeEntry node = NodeEntry.of("node", 4711).withNodeType(NodeType.HIDDEN).withVersions(6, 5).withExtra(new byte[] {1, 2});
        EpmdRequest.Alive2 alive2 = assertInstanceOf(EpmdRequest.Alive2.class, RequestDecoder.decode(body(RequestEncoder.alive2(node))));
        assertEquals(4711, alive2.port());
        assertEquals(72, alive2.nodeType());
        assertEquals(6, alive2.highestVersion());
        assertEquals(5, alive2.lowestVersion());
        assertArrayEquals("node".getBytes(StandardCharsets.UTF_8), alive2.name());
        assertArrayEquals(new byte[] {1, 2}, alive2.extra());

        // ... and the client reads back the PORT2_RESP the server makes of it.
        byte[] reply = ReplyEncoder.port2(alive2);
        assertEquals(Optional.of(node), ReplyDecoder.port2(WireInput.of(new ByteArrayInputStream(reply)), "node"));

        assertEquals(new EpmdRequest.PortPlease2("node"), RequestDecoder.decode(body(RequestEncoder.portPlease2("node"))));
        assertEquals(new EpmdRequest.Names(), RequestDecoder.decode(body(RequestEncoder.names())));
    }

    @Test
    void otherCodes() throws IOException {
        assertEquals(new EpmdRequest.Dump(), RequestDecoder.decode(new byte[] {100}));
        assertEquals(new EpmdRequest.Kill(), RequestDecoder.decode(new byte[] {107}));
        assertEquals(new EpmdRequest.Stop(), RequestDecoder.decode(new byte[] {115, 'a'}));
        assertEquals(new EpmdRequest.Unknown(1), RequestDecoder.decode(new byte[] {1}));
        assertEquals(new EpmdRequest.Names(), RequestDecoder.decode(new byte[] {110, 1, 2}), "epmd ignores bytes after NAMES_REQ");
    }

    @Test
    void portPlease2SkipsOneNulTerminatorAsEpmdDoes() throws IOException {
        assertEquals(new EpmdRequest.PortPlease2("a"), RequestDecoder.decode(new byte[] {122, 'a', 0}));
        for (byte[] bad : List.of(new byte[] {122}, new byte[] {122, 0}, new byte[] {122, 'a', 0, 0},
                new byte[] {122, (byte) 0xff}, Requests.portPlease2("x".repeat(256)))) {
            assertThrows(WireFormatException.class, () -> RequestDecoder.decode(bad), HEX.formatHex(bad));
        }
    }

    @Test
    void alive2StructureIsCheckedAsEpmdChecksIt() throws IOException {
        assertEquals("ALIVE2_REQ length: 4 (expected: > 13)",
                assertThrows(WireFormatException.class, () -> RequestDecoder.decode(new byte[] {120, 1, 2, 3})).getMessage());
        byte[] good = Requests.alive2("ab", 1, 77, 6, 5, new byte[0]);
        byte[] nameTooLong = good.clone();
        nameTooLong[10] = 9;
        assertEquals("ALIVE2_REQ Nlen: 9 (expected: <= 2)",
                assertThrows(WireFormatException.class, () -> RequestDecoder.decode(nameTooLong)).getMessage());
        byte[] extraTooLong = good.clone();
        extraTooLong[14] = 1;
        assertEquals("ALIVE2_REQ Elen: 1 (expected: <= 0)",
                assertThrows(WireFormatException.class, () -> RequestDecoder.decode(extraTooLong)).getMessage());
        byte[] nul = Requests.alive2(new byte[] {'a', 0}, 1, 77, 6, 5, new byte[0]);
        assertEquals("ALIVE2_REQ NodeName: NUL at byte 1 (expected: no NUL)",
                assertThrows(WireFormatException.class, () -> RequestDecoder.decode(nul)).getMessage());
        // A bad name that is structurally sound is decoded: epmd answers it with a refusal.
        byte[] badUtf8 = Requests.alive2(new byte[] {'a', (byte) 0xff}, 1, 77, 6, 5, new byte[0]);
        assertInstanceOf(EpmdRequest.Alive2.class, RequestDecoder.decode(badUtf8));
    }

    @Test
    void repliesAsEpmdWritesThem() {
        assertEquals("76" + "00" + "fedcba98", HEX.formatHex(ReplyEncoder.alive2(6, 0, 0xfedcba98)));
        assertEquals("79" + "00" + "0002", HEX.formatHex(ReplyEncoder.alive2(5, 0, 2)));
        assertEquals("76" + "01" + "00000063", HEX.formatHex(ReplyEncoder.alive2(6, 1, ReplyEncoder.REFUSED_CREATION)));
        assertEquals("7701", HEX.formatHex(ReplyEncoder.port2NotFound()));
        assertEquals("OK", new String(ReplyEncoder.kill(true), StandardCharsets.US_ASCII));
        assertEquals("NO", new String(ReplyEncoder.kill(false), StandardCharsets.US_ASCII));
    }

    @Test
    void namesReplyReadsBackThroughTheClientDecoder() throws IOException {
        NodeRegistry registry = new NodeRegistry();
        EpmdRequest.Alive2 a = (EpmdRequest.Alive2) RequestDecoder.decode(Requests.alive2("a", 10, 77, 6, 5, new byte[0]));
        EpmdRequest.Alive2 b = (EpmdRequest.Alive2) RequestDecoder.decode(Requests.alive2("bé", 20, 77, 6, 5, new byte[0]));
        registry.register("a", a, 1);
        registry.register("bé", b, 2);
        byte[] reply = ReplyEncoder.names(4369, registry.newestFirst());
        assertEquals(List.of(new RegisteredName("bé", 20), new RegisteredName("a", 10)),
                ReplyDecoder.names(WireInput.of(new ByteArrayInputStream(reply))));
        assertEquals("00001111" + HEX.formatHex("active name     <a> at port 10, fd = 1\n\0".getBytes(StandardCharsets.UTF_8)),
                HEX.formatHex(ReplyEncoder.dump(4369, List.of(registry.lookup("a").orElseThrow()))));
    }

    @Test
    void registryRefusesALiveNameAndHandsOutFreshCreations() throws IOException {
        NodeRegistry registry = new NodeRegistry();
        EpmdRequest.Alive2 v6 = (EpmdRequest.Alive2) RequestDecoder.decode(Requests.alive2("a", 10, 77, 6, 5, new byte[0]));
        NodeRegistry.Registered first = registry.register("a", v6, 1).orElseThrow();
        assertEquals(Optional.empty(), registry.register("a", v6, 2));
        registry.unregister(first);
        NodeRegistry.Registered second = registry.register("a", v6, 3).orElseThrow();
        assertNotEquals(first.creation(), second.creation(), "a fresh creation per registration");
        assertTrue(Integer.compareUnsigned(second.creation(), 4) >= 0, "32-bit creations are never 0..3");
        EpmdRequest.Alive2 v5 = (EpmdRequest.Alive2) RequestDecoder.decode(Requests.alive2("old", 10, 77, 5, 5, new byte[0]));
        int old = registry.register("old", v5, 4).orElseThrow().creation();
        assertTrue(old >= 1 && old <= 3, "16-bit creation " + old);
        registry.unregister(first); // no longer the live one: a no-op
        assertEquals(Optional.of(second), registry.lookup("a"));
    }
}
