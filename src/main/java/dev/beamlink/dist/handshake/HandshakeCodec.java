package dev.beamlink.dist.handshake;

import static dev.beamlink.dist.handshake.HandshakeException.Reason.MALFORMED;

import dev.beamlink.dist.handshake.HandshakeMessage.Challenge;
import dev.beamlink.dist.handshake.HandshakeMessage.ChallengeAck;
import dev.beamlink.dist.handshake.HandshakeMessage.ChallengeReply;
import dev.beamlink.dist.handshake.HandshakeMessage.Name;
import dev.beamlink.dist.handshake.HandshakeMessage.Status;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The wire format of the handshake messages, without their 2-byte length prefix (which
 * {@link HandshakeFrames} owns). All integers are big-endian. Node names travel as Latin-1 bytes, as
 * OTP writes them ({@code atom_to_binary(Node, latin1)}). Any data after the fields of a name or
 * challenge message is accepted and ignored, as the protocol requires.
 *
 * <p>The messages, as erl_dist_protocol "Distribution Handshake" lays them out (offsets above each field, sizes in
 * it, in bytes):
 *
 * <pre>{@code
 * send_name (step 2, from the initiator A)
 * BEFORE DECODE (15 + Nlen bytes; any more are ignored)
 * 0     1             9          13     15
 * +-----+-------------+----------+------+------+
 * | 'N' | Flags       | Creation | Nlen | Name |
 * | 1   | 8           | 4        | 2    | Nlen |
 * +-----+-------------+----------+------+------+
 * AFTER DECODE: Name(flags, creation, nodeName)
 *
 * send_status (step 3, from the acceptor B; and A's answer to alive, step 3B)
 * BEFORE DECODE (1 + Slen bytes)
 * 0     1
 * +-----+---------------------------------------------------------------+
 * | 's' | Status: ok, ok_simultaneous, nok, not_allowed or alive (B),   |
 * |     | true or false (A); as text, without a terminator              |
 * | 1   | Slen: the rest of the frame                                   |
 * +-----+---------------------------------------------------------------+
 * AFTER DECODE: Status(code)
 *
 * send_challenge (step 4, from B)
 * BEFORE DECODE (19 + Nlen bytes; any more are ignored)
 * 0     1             9           13         17     19
 * +-----+-------------+-----------+----------+------+------+
 * | 'N' | Flags       | Challenge | Creation | Nlen | Name |
 * | 1   | 8           | 4         | 4        | 2    | Nlen |
 * +-----+-------------+-----------+----------+------+------+
 * AFTER DECODE: Challenge(flags, challenge, creation, nodeName)
 *
 * send_challenge_reply (step 5, from A)
 * BEFORE DECODE (21 bytes exactly)
 * 0     1           5                                           21
 * +-----+-----------+-------------------------------------------+
 * | 'r' | Challenge | Digest: MD5 of A's cookie for B, then B's |
 * |     | A's own   | challenge in decimal                      |
 * | 1   | 4         | 16                                        |
 * +-----+-----------+-------------------------------------------+
 * AFTER DECODE: ChallengeReply(challenge, digest)
 *
 * send_challenge_ack (step 6, from B)
 * BEFORE DECODE (17 bytes exactly)
 * 0     1                                           17
 * +-----+-------------------------------------------+
 * | 'a' | Digest: MD5 of B's cookie for A, then A's |
 * |     | challenge in decimal                      |
 * | 1   | 16                                        |
 * +-----+-------------------------------------------+
 * AFTER DECODE: ChallengeAck(digest)
 *
 * The old name and challenge of protocol version 5 (OTP 23 and 24 send the old name to a node whose version they did
 * not learn from epmd): refused, as OTP 25's dist_util refuses them, since recv_name and recv_challenge take 'N'
 * only. The tag check fails ("send_name: tag 110 (expected: 78 'N')"); beamlink sends neither, nor the complement
 * ('c') that follows an old name.
 * 0     1            3              7                0     1            3              7           11
 * +-----+------------+--------------+------+         +-----+------------+--------------+-----------+------+
 * | 'n' | Version: 5 | Flags, their | Name |         | 'n' | Version: 5 | Flags, their | Challenge | Name |
 * |     |            | low 32 bits  |      |         |     |            | low 32 bits  |           |      |
 * | 1   | 2          | 4            | rest |         | 1   | 2          | 4            | 4         | rest |
 * +-----+------------+--------------+------+         +-----+------------+--------------+-----------+------+
 * old send_name                                      old send_challenge
 * }</pre>
 *
 * <p>A node name longer than the bytes left, a frame shorter than its fixed fields, or a reply or ack of another
 * length is {@link HandshakeException.Reason#MALFORMED}.
 */
final class HandshakeCodec {

    /** send_name: 'N', Flags(8), Creation(4), Nlen(2), then the name. */
    static final int NAME_FIXED_SIZE = 1 + 8 + 4 + 2;
    /** send_challenge: 'N', Flags(8), Challenge(4), Creation(4), Nlen(2), then the name. */
    static final int CHALLENGE_FIXED_SIZE = 1 + 8 + 4 + 4 + 2;
    /** send_challenge_reply: 'r', Challenge(4), Digest(16). */
    static final int CHALLENGE_REPLY_SIZE = 1 + 4 + Cookie.DIGEST_SIZE;
    /** send_challenge_ack: 'a', Digest(16). */
    static final int CHALLENGE_ACK_SIZE = 1 + Cookie.DIGEST_SIZE;

    private HandshakeCodec() {
    }

    static byte[] encode(HandshakeMessage message) {
        return switch (message) {
            case Name(DistFlags flags, int creation, String nodeName) -> {
                byte[] name = latin1("node name", nodeName);
                yield ByteBuffer.allocate(NAME_FIXED_SIZE + name.length).put(HandshakeMessage.TAG_NAME)
                        .putLong(flags.bits()).putInt(creation).putShort((short) name.length).put(name).array();
            }
            case Challenge(DistFlags flags, int challenge, int creation, String nodeName) -> {
                byte[] name = latin1("node name", nodeName);
                yield ByteBuffer.allocate(CHALLENGE_FIXED_SIZE + name.length).put(HandshakeMessage.TAG_NAME)
                        .putLong(flags.bits()).putInt(challenge).putInt(creation).putShort((short) name.length)
                        .put(name).array();
            }
            case Status(String code) -> {
                byte[] text = latin1("status", code);
                yield ByteBuffer.allocate(1 + text.length).put(HandshakeMessage.TAG_STATUS).put(text).array();
            }
            case ChallengeReply reply -> ByteBuffer.allocate(CHALLENGE_REPLY_SIZE).put(HandshakeMessage.TAG_CHALLENGE_REPLY)
                    .putInt(reply.challenge()).put(reply.digest()).array();
            case ChallengeAck ack -> ByteBuffer.allocate(CHALLENGE_ACK_SIZE).put(HandshakeMessage.TAG_CHALLENGE_ACK)
                    .put(ack.digest()).array();
        };
    }

    static Name decodeName(ByteBuffer frame) throws HandshakeException {
        expectTag(frame, HandshakeMessage.TAG_NAME, "send_name");
        expectAtLeast(frame, NAME_FIXED_SIZE, "send_name");
        frame.get();
        long flags = frame.getLong();
        int creation = frame.getInt();
        String name = readName(frame, "send_name");
        return new Name(new DistFlags(flags), creation, name);
    }

    static Challenge decodeChallenge(ByteBuffer frame) throws HandshakeException {
        expectTag(frame, HandshakeMessage.TAG_NAME, "send_challenge");
        expectAtLeast(frame, CHALLENGE_FIXED_SIZE, "send_challenge");
        frame.get();
        long flags = frame.getLong();
        int challenge = frame.getInt();
        int creation = frame.getInt();
        String name = readName(frame, "send_challenge");
        return new Challenge(new DistFlags(flags), challenge, creation, name);
    }

    static Status decodeStatus(ByteBuffer frame) throws HandshakeException {
        expectTag(frame, HandshakeMessage.TAG_STATUS, "send_status");
        byte[] text = new byte[frame.remaining() - 1];
        frame.position(frame.position() + 1).get(text);
        return new Status(new String(text, StandardCharsets.ISO_8859_1));
    }

    static ChallengeReply decodeChallengeReply(ByteBuffer frame) throws HandshakeException {
        expectTag(frame, HandshakeMessage.TAG_CHALLENGE_REPLY, "send_challenge_reply");
        expectExactly(frame, CHALLENGE_REPLY_SIZE, "send_challenge_reply");
        frame.get();
        int challenge = frame.getInt();
        byte[] digest = new byte[Cookie.DIGEST_SIZE];
        frame.get(digest);
        return new ChallengeReply(challenge, digest);
    }

    static ChallengeAck decodeChallengeAck(ByteBuffer frame) throws HandshakeException {
        expectTag(frame, HandshakeMessage.TAG_CHALLENGE_ACK, "send_challenge_ack");
        expectExactly(frame, CHALLENGE_ACK_SIZE, "send_challenge_ack");
        frame.get();
        byte[] digest = new byte[Cookie.DIGEST_SIZE];
        frame.get(digest);
        return new ChallengeAck(digest);
    }

    private static String readName(ByteBuffer frame, String step) throws HandshakeException {
        int length = Short.toUnsignedInt(frame.getShort());
        if (length > frame.remaining()) {
            throw new HandshakeException(MALFORMED,
                    step + ": name length " + length + " exceeds the " + frame.remaining() + " bytes left");
        }
        byte[] name = new byte[length];
        frame.get(name);
        return new String(name, StandardCharsets.ISO_8859_1);
    }

    private static void expectTag(ByteBuffer frame, byte tag, String step) throws HandshakeException {
        if (!frame.hasRemaining()) {
            throw new HandshakeException(MALFORMED, step + ": empty frame (expected tag '" + (char) tag + "')");
        }
        byte actual = frame.get(frame.position());
        if (actual != tag) {
            throw new HandshakeException(MALFORMED, step + ": tag " + (actual & 0xFF) + " (expected: " + tag + " '" + (char) tag + "')");
        }
    }

    private static void expectAtLeast(ByteBuffer frame, int size, String step) throws HandshakeException {
        if (frame.remaining() < size) {
            throw new HandshakeException(MALFORMED, step + ": length " + frame.remaining() + " (expected: >= " + size + ")");
        }
    }

    private static void expectExactly(ByteBuffer frame, int size, String step) throws HandshakeException {
        if (frame.remaining() != size) {
            throw new HandshakeException(MALFORMED, step + ": length " + frame.remaining() + " (expected: " + size + ")");
        }
    }

    /** {@return the Latin-1 bytes of {@code text}}, as the decoding side reads them back */
    private static byte[] latin1(String what, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xFF) {
                throw new IllegalArgumentException(what + " " + text + " has a character outside Latin-1");
            }
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
