package dev.beamlink.dist.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.beamlink.dist.fuzz.Allocation;
import dev.beamlink.dist.fuzz.PeerBytes;
import dev.beamlink.dist.handshake.ConnectionArbiter.InboundDecision;
import dev.beamlink.dist.handshake.HandshakeMessage.Challenge;
import dev.beamlink.dist.handshake.HandshakeMessage.Name;
import dev.beamlink.dist.handshake.HandshakeMessage.Status;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Coverage-guided fuzzing (Jazzer) of the distribution handshake (erl_dist_protocol "Distribution Handshake"), each
 * side fed a peer's bytes: {@link #accept} as node B, {@link #initiate} as node A. The input's first byte is the
 * script: bits 0 to 2 the arbiter's answer to an inbound peer (modulo the five), bit 3 whether an initiator replaces
 * a connection the acceptor says is alive, bit 4 whether the channel frames the handshake with 4-byte lengths (TLS);
 * the rest is what the peer sends, read in chunks of varying size, then the peer closes. Our challenge is
 * {@value #CHALLENGE}, so that a peer's digest of it replays.
 *
 * <p>The only acceptable outcomes: a result, with the channel open, whose peer is a {@code name@host} offering every
 * required flag and whose flags are those both sides offered; or a {@link HandshakeException}, with the channel closed
 * and never a time-out. What this node wrote is the protocol's messages in order, and decodes; every frame of the
 * peer's that decodes as a message re-encodes to its bytes (less the extra data the protocol says to ignore). What the
 * handshake allocates grows with the bytes that arrived.
 *
 * <p>{@code make test} replays the corpus under
 * {@code src/test/resources/dev/beamlink/dist/handshake/HandshakeFuzzTestInputs/} (handshakes of live erl nodes, and
 * inputs that fuzzing found to reach new code); {@code bench/run fuzz} fuzzes each side for a set time.
 */
class HandshakeFuzzTest {

    private static final int CHALLENGE = 0x5EEDC0DE;
    private static final String NODE = "java@localhost";
    /** The peer the initiator means to reach. */
    private static final String PEER = "erl@localhost";
    private static final Cookie COOKIE = Cookie.of("fuzzcookie");
    private static final HandshakeConfig CONFIG = new HandshakeConfig(NODE, HandshakeConfig.defaultFlags(false,
            DistFlags.DFLAG_DIST_HDR_ATOM_CACHE | DistFlags.DFLAG_FRAGMENTS), 7, COOKIE, HandshakeConfig.REQUIRED_FLAGS,
            Duration.ofSeconds(60));

    @FuzzTest(maxDuration = "5m")
    void accept(byte[] input) {
        run(input, true);
    }

    @FuzzTest(maxDuration = "5m")
    void initiate(byte[] input) {
        run(input, false);
    }

    private static void run(byte[] input, boolean accepting) {
        int script = input.length == 0 ? 0 : input[0] & 0xFF;
        byte[] peerBytes = input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
        int lengthSize = (script & 0x10) != 0 ? 4 : 2;
        ConnectionArbiter arbiter = arbiter(script);
        PeerBytes[] peers = new PeerBytes[1];
        Object[] outcome = new Object[1];
        Allocation.bounded(input.length, 256 << 10, 32, () -> {
            PeerBytes peer = new PeerBytes(peerBytes, lengthSize);
            peers[0] = peer;
            try {
                outcome[0] = accepting ? Handshake.accept(peer, CONFIG, arbiter, () -> CHALLENGE)
                        : Handshake.initiate(peer, CONFIG, PEER, arbiter, () -> CHALLENGE);
            } catch (HandshakeException e) {
                outcome[0] = e;
            }
        });
        PeerBytes peer = peers[0];
        List<ByteBuffer> written = frames(peer.written(), lengthSize);
        if (outcome[0] instanceof HandshakeResult result) {
            assertTrue(peer.isOpen(), "a completed handshake leaves the channel open");
            assertTrue(Handshake.isNodeName(result.peerNode()), result.peerNode());
            assertTrue(result.peerFlags().missing(HandshakeConfig.REQUIRED_FLAGS).isEmpty(), result.toString());
            assertEquals(CONFIG.flags().intersect(result.peerFlags()), result.flags());
            assertFalse(written.isEmpty());
        } else {
            HandshakeException e = (HandshakeException) outcome[0];
            assertFalse(peer.isOpen(), "a failed handshake closes the channel: " + e.getMessage());
            assertNotEquals(HandshakeException.Reason.TIMEOUT, e.reason(), e.getMessage());
        }
        if (accepting) {
            checkAcceptorWrote(written);
        } else {
            checkInitiatorWrote(written);
        }
        for (ByteBuffer frame : frames(peerBytes, lengthSize)) {
            roundTrip(frame);
        }
    }

    /** The acceptor writes a status, then (unless it refused) its challenge and the ack. */
    private static void checkAcceptorWrote(List<ByteBuffer> written) {
        try {
            for (int i = 0; i < written.size(); i++) {
                ByteBuffer frame = written.get(i);
                switch (i) {
                    case 0 -> HandshakeCodec.decodeStatus(frame);
                    case 1 -> {
                        Challenge challenge = HandshakeCodec.decodeChallenge(frame);
                        assertEquals(CHALLENGE, challenge.challenge());
                        assertEquals(NODE, challenge.nodeName());
                    }
                    case 2 -> HandshakeCodec.decodeChallengeAck(frame);
                    default -> throw new AssertionError("the acceptor wrote " + written.size() + " frames");
                }
            }
        } catch (HandshakeException e) {
            throw new AssertionError("the acceptor wrote a malformed message: " + e.getMessage(), e);
        }
    }

    /** The initiator writes its name, perhaps its answer to alive, then its challenge reply. */
    private static void checkInitiatorWrote(List<ByteBuffer> written) {
        try {
            assertFalse(written.isEmpty(), "the initiator starts with its name");
            Name name = HandshakeCodec.decodeName(written.get(0));
            assertEquals(NODE, name.nodeName());
            int next = 1;
            if (written.size() > next && written.get(next).get(written.get(next).position()) == HandshakeMessage.TAG_STATUS) {
                Status answer = HandshakeCodec.decodeStatus(written.get(next++));
                assertTrue(answer.equals(Status.TRUE) || answer.equals(Status.FALSE), answer.toString());
            }
            if (written.size() > next) {
                assertEquals(CHALLENGE, HandshakeCodec.decodeChallengeReply(written.get(next++)).challenge());
            }
            assertEquals(next, written.size(), "frames the initiator wrote");
        } catch (HandshakeException e) {
            throw new AssertionError("the initiator wrote a malformed message: " + e.getMessage(), e);
        }
    }

    /** Each message a frame decodes as re-encodes to the frame's bytes, less what the protocol says to ignore. */
    private static void roundTrip(ByteBuffer frame) {
        List<HandshakeMessage> decoded = new ArrayList<>();
        for (Decoder decoder : DECODERS) {
            try {
                decoded.add(decoder.decode(frame.duplicate()));
            } catch (HandshakeException malformed) {
                // Not this message.
            }
        }
        for (HandshakeMessage message : decoded) {
            byte[] bytes = HandshakeCodec.encode(message);
            byte[] prefix = new byte[Math.min(bytes.length, frame.remaining())];
            frame.duplicate().get(prefix);
            assertArrayEquals(prefix, bytes, message.toString());
        }
    }

    private interface Decoder {
        HandshakeMessage decode(ByteBuffer frame) throws HandshakeException;
    }

    private static final List<Decoder> DECODERS = List.of(HandshakeCodec::decodeName, HandshakeCodec::decodeChallenge,
            HandshakeCodec::decodeStatus, HandshakeCodec::decodeChallengeReply, HandshakeCodec::decodeChallengeAck);

    /** {@return the frames of a handshake byte stream with {@code lengthSize}-byte lengths} (a cut-short one last dropped) */
    private static List<ByteBuffer> frames(byte[] bytes, int lengthSize) {
        List<ByteBuffer> frames = new ArrayList<>();
        ByteBuffer stream = ByteBuffer.wrap(bytes);
        while (stream.remaining() >= lengthSize) {
            long length = lengthSize == 4 ? Integer.toUnsignedLong(stream.getInt()) : Short.toUnsignedInt(stream.getShort());
            if (length > stream.remaining()) {
                break;
            }
            frames.add(stream.slice(stream.position(), (int) length));
            stream.position(stream.position() + (int) length);
        }
        return frames;
    }

    private static ConnectionArbiter arbiter(int script) {
        return HandshakeTest.arbiter(InboundDecision.values()[(script & 0x07) % InboundDecision.values().length],
                (script & 0x08) != 0);
    }
}
