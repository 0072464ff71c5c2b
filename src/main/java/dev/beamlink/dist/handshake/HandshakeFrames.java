package dev.beamlink.dist.handshake;

import static dev.beamlink.dist.handshake.HandshakeException.Reason.CLOSED;
import static dev.beamlink.dist.handshake.HandshakeException.Reason.MALFORMED;

import dev.beamlink.dist.transport.DistChannel;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The handshake's framing: every message is preceded by its length in 2 bytes, big-endian
 * (erl_dist_protocol, "Distribution Handshake": {@code {packet, 2}}), or in 4 on a channel that says so
 * ({@link DistChannel#handshakeLengthSize()}: TLS, as OTP's {@code inet_tls_dist}). An empty frame, or one longer
 * than {@link #MAX_FRAME_LENGTH}, is refused before anything is allocated for it. Once the handshake completed, the
 * connection's frames take a 4-byte length ({@code dev.beamlink.dist.frame.FrameReader}).
 *
 * <pre>{@code
 * BEFORE DECODE (2 + n bytes; 4 + n on TLS)     AFTER DECODE (n bytes)
 * 0                2                   2 + n   0                   n
 * +----------------+-------------------+       +-------------------+
 * | Length         | Message           |  -->  | Message           |
 * | 2: n, unsigned | n: its tag ('N',  |       | the same n bytes  |
 * | big-endian,    | 's', 'r' or 'a'), |       | (HandshakeCodec   |
 * | 1 to 2048      | then its fields   |       | reads them)       |
 * +----------------+-------------------+       +-------------------+
 * }</pre>
 */
final class HandshakeFrames {

    /**
     * The longest handshake frame accepted: a challenge message with a 255-character node name in
     * UTF-8 (19 + 1020 bytes) and room for the extra data the protocol says to ignore.
     */
    static final int MAX_FRAME_LENGTH = 2048;

    private final DistChannel channel;
    private final boolean wideLength;

    HandshakeFrames(DistChannel channel) {
        int lengthSize = channel.handshakeLengthSize();
        if (lengthSize != 2 && lengthSize != 4) {
            throw new IllegalArgumentException("handshake length size: " + lengthSize + " (expected: 2 or 4)");
        }
        this.channel = channel;
        this.wideLength = lengthSize == 4;
    }

    void write(HandshakeMessage message) throws IOException {
        byte[] payload = HandshakeCodec.encode(message);
        ByteBuffer frame = ByteBuffer.allocate((wideLength ? 4 : 2) + payload.length);
        if (wideLength) {
            frame.putInt(payload.length);
        } else {
            frame.putShort((short) payload.length);
        }
        channel.write(new ByteBuffer[] {frame.put(payload).flip()});
    }

    /** {@return the next frame's payload} */
    ByteBuffer read(String step) throws IOException {
        ByteBuffer header = readFully(ByteBuffer.allocate(wideLength ? 4 : 2), step);
        long length = wideLength ? Integer.toUnsignedLong(header.getInt(0)) : Short.toUnsignedInt(header.getShort(0));
        if (length == 0) {
            throw new HandshakeException(MALFORMED, step + ": empty frame");
        }
        if (length > MAX_FRAME_LENGTH) {
            throw new HandshakeException(MALFORMED, step + ": frame length " + length + " (expected: <= " + MAX_FRAME_LENGTH + ")");
        }
        return readFully(ByteBuffer.allocate((int) length), step).flip();
    }

    private ByteBuffer readFully(ByteBuffer target, String step) throws IOException {
        while (target.hasRemaining()) {
            if (channel.read(target) < 0) {
                throw new HandshakeException(CLOSED, step + ": the peer closed the connection after "
                        + target.position() + " of " + target.capacity() + " bytes");
            }
        }
        return target;
    }
}
