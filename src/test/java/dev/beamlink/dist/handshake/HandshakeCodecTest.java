package dev.beamlink.dist.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.handshake.HandshakeMessage.Challenge;
import dev.beamlink.dist.handshake.HandshakeMessage.ChallengeAck;
import dev.beamlink.dist.handshake.HandshakeMessage.ChallengeReply;
import dev.beamlink.dist.handshake.HandshakeMessage.Name;
import dev.beamlink.dist.handshake.HandshakeMessage.Status;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The handshake messages byte by byte, as {@link HandshakeCodec}'s diagrams and erl_dist_protocol "Distribution
 * Handshake" lay them out: each field at its offset, with its size; and what is refused.
 */
class HandshakeCodecTest {

    private static final DistFlags FLAGS = new DistFlags(0x0102030405060708L);
    private static final byte[] DIGEST = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");

    @Test
    void sendName() throws HandshakeException {
        byte[] bytes = bytes("N", "0102030405060708", "0000162e", "000b", "a@localhost");
        Name name = new Name(FLAGS, 5678, "a@localhost");
        assertArrayEquals(bytes, HandshakeCodec.encode(name));
        assertEquals(15 + 11, bytes.length);
        assertEquals(name, HandshakeCodec.decodeName(ByteBuffer.wrap(bytes)));
        assertEquals(name, HandshakeCodec.decodeName(ByteBuffer.wrap(concat(bytes, "extra"))), "more bytes are ignored");
    }

    @Test
    void sendStatus() throws HandshakeException {
        byte[] bytes = bytes("s", "ok_simultaneous");
        assertArrayEquals(bytes, HandshakeCodec.encode(Status.OK_SIMULTANEOUS));
        assertEquals(Status.OK_SIMULTANEOUS, HandshakeCodec.decodeStatus(ByteBuffer.wrap(bytes)));
    }

    /**
     * A status travels as Latin-1 both ways: what a peer sent re-encodes to the same bytes. (HandshakeFuzzTest found the
     * encoder writing US-ASCII, a '?' for each other character, while the decoder read Latin-1.)
     */
    @Test
    void aStatusRoundTripsWhateverLatin1ItHolds() throws HandshakeException {
        byte[] bytes = {'s', 't', 'r', (byte) 0xF5, 'e'};
        Status status = HandshakeCodec.decodeStatus(ByteBuffer.wrap(bytes));
        assertEquals(new Status("tr\u00f5e"), status);
        assertArrayEquals(bytes, HandshakeCodec.encode(status));
        assertEquals("status \u0100 has a character outside Latin-1",
                assertThrows(IllegalArgumentException.class, () -> HandshakeCodec.encode(new Status("\u0100"))).getMessage());
    }

    @Test
    void sendChallenge() throws HandshakeException {
        byte[] bytes = bytes("N", "0102030405060708", "deadbeef", "0000162e", "000b", "b@localhost");
        Challenge challenge = new Challenge(FLAGS, 0xdeadbeef, 5678, "b@localhost");
        assertArrayEquals(bytes, HandshakeCodec.encode(challenge));
        assertEquals(19 + 11, bytes.length);
        assertEquals(challenge, HandshakeCodec.decodeChallenge(ByteBuffer.wrap(concat(bytes, "extra"))));
    }

    @Test
    void sendChallengeReply() throws HandshakeException {
        byte[] bytes = bytes("r", "cafebabe", "00112233445566778899aabbccddeeff");
        ChallengeReply reply = new ChallengeReply(0xcafebabe, DIGEST);
        assertArrayEquals(bytes, HandshakeCodec.encode(reply));
        assertEquals(21, bytes.length);
        assertEquals(reply, HandshakeCodec.decodeChallengeReply(ByteBuffer.wrap(bytes)));
        assertMalformed("send_challenge_reply: length 22 (expected: 21)",
                () -> HandshakeCodec.decodeChallengeReply(ByteBuffer.wrap(concat(bytes, "x"))));
    }

    @Test
    void sendChallengeAck() throws HandshakeException {
        byte[] bytes = bytes("a", "00112233445566778899aabbccddeeff");
        ChallengeAck ack = new ChallengeAck(DIGEST);
        assertArrayEquals(bytes, HandshakeCodec.encode(ack));
        assertEquals(17, bytes.length);
        assertEquals(ack, HandshakeCodec.decodeChallengeAck(ByteBuffer.wrap(bytes)));
        assertMalformed("send_challenge_ack: length 16 (expected: 17)",
                () -> HandshakeCodec.decodeChallengeAck(ByteBuffer.wrap(bytes, 0, 16)));
    }

    /** The digest is MD5 of the cookie followed by the challenge as an unsigned decimal number. */
    @Test
    void theDigestIsTheMd5OfTheCookieAndTheChallengeInDecimal() throws Exception {
        byte[] expected = java.security.MessageDigest.getInstance("MD5").digest("secret3735928559".getBytes());
        assertArrayEquals(expected, Cookie.of("secret").digest(0xdeadbeef));
    }

    /** Protocol version 5's old name ('n', Version 5, 32-bit flags, name) and challenge are refused, as OTP 25 does. */
    @Test
    void theOldFormsAreRefused() {
        byte[] oldName = bytes("n", "0005", "01000000", "a@localhost");
        assertMalformed("send_name: tag 110 (expected: 78 'N')", () -> HandshakeCodec.decodeName(ByteBuffer.wrap(oldName)));
        byte[] oldChallenge = bytes("n", "0005", "01000000", "deadbeef", "b@localhost");
        assertMalformed("send_challenge: tag 110 (expected: 78 'N')",
                () -> HandshakeCodec.decodeChallenge(ByteBuffer.wrap(oldChallenge)));
    }

    @Test
    void aNameLongerThanTheFrameIsRefused() {
        byte[] bytes = bytes("N", "0102030405060708", "0000162e", "0010", "a@localhost");
        assertMalformed("send_name: name length 16 exceeds the 11 bytes left",
                () -> HandshakeCodec.decodeName(ByteBuffer.wrap(bytes)));
        assertMalformed("send_challenge: length 18 (expected: >= 19)",
                () -> HandshakeCodec.decodeChallenge(ByteBuffer.wrap(bytes("N", "0102030405060708", "deadbeef", "0000162e", "00"))));
    }

    private interface Decoding {
        void run() throws HandshakeException;
    }

    private static void assertMalformed(String expected, Decoding decoding) {
        HandshakeException e = assertThrows(HandshakeException.class, decoding::run);
        assertEquals(HandshakeException.Reason.MALFORMED, e.reason());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    /** Fields in order: a one-letter tag or text as its Latin-1 bytes, hex digits as the bytes they spell. */
    private static byte[] bytes(String... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String field : fields) {
            boolean hex = field.length() % 2 == 0 && field.chars().allMatch(c -> Character.digit(c, 16) >= 0);
            out.writeBytes(hex ? HexFormat.of().parseHex(field) : field.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] bytes, String more) {
        return bytes(HexFormat.of().formatHex(bytes), more);
    }
}
