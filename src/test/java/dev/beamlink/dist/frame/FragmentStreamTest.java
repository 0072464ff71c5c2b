package dev.beamlink.dist.frame;

import static dev.beamlink.dist.frame.DistHeaderFormatTest.bytes;
import static dev.beamlink.dist.frame.DistHeaderFormatTest.unversioned;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamlink.dist.fuzz.Allocation;
import dev.beamlink.dist.fuzz.PeerBytes;
import dev.beamlink.dist.handshake.DistFlags;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Binary;
import dev.beamlink.etf.EtfDecoder;
import dev.beamlink.etf.EtfEncoder;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Tuple;
import dev.beamlink.dist.transport.DistChannel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fragmented messages as {@link FrameReader} reads them off a channel and {@link DistHeaderFormat} puts them together
 * (erl_ext_dist "Distribution Header for fragmented messages"): each continuation's bytes go straight into the
 * message's buffer ({@link FrameFormat#bodyTarget}), whatever pieces the channel hands them out in and whatever frames
 * come between; a length or count the peer wrote allocates nothing on its word alone.
 */
class FragmentStreamTest {

    private static final int FRAGMENT = 64 << 10;
    private static final long MAX_MESSAGE = 8 << 20;
    private static final int RECEIVE_SIZE = 128 << 10;
    private static final Tuple CONTROL = Tuple.of(Int.of(2), Atom.of(""), new Pid(Atom.of("p@h"), 1, 0, 1));

    private static DistHeaderFormat format() {
        return (DistHeaderFormat) FrameFormat.negotiated(
                new DistFlags(DistFlags.DFLAG_DIST_HDR_ATOM_CACHE | DistFlags.DFLAG_FRAGMENTS), EtfEncoder.defaults(),
                EtfDecoder.builder().shareBinaries(true).build(),
                new FragmentLimits(FRAGMENT, MAX_MESSAGE, 4 * MAX_MESSAGE, 16));
    }

    /** The control message, then {@code payload}, unversioned: what a message's fragments carry, cut in pieces. */
    private static byte[] message(Binary payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(unversioned(CONTROL));
        out.writeBytes(unversioned(payload));
        return out.toByteArray();
    }

    /** Appends a frame: its 4-byte length, then {@code header} and {@code data}. */
    private static void frame(ByteArrayOutputStream stream, ByteArrayOutputStream header, byte[] data, int from, int to) {
        stream.writeBytes(ByteBuffer.allocate(4).putInt(header.size() + to - from).array());
        stream.writeBytes(header.toByteArray());
        stream.write(data, from, to - from);
    }

    /** Appends {@code data} as fragmented message {@code sequence}, in fragments of {@code size} bytes. */
    private static void fragments(ByteArrayOutputStream stream, long sequence, byte[] data, int size) {
        int count = (data.length + size - 1) / size;
        for (int i = 0; i < count; i++) {
            ByteArrayOutputStream header = bytes(131, i == 0 ? DistHeaderFormat.DIST_FRAG_HEADER : DistHeaderFormat.DIST_FRAG_CONT);
            header.writeBytes(ByteBuffer.allocate(16).putLong(sequence).putLong(count - i).array());
            if (i == 0) {
                header.write(0); // no atom cache references
            }
            frame(stream, header, data, i * size, Math.min(data.length, (i + 1) * size));
        }
    }

    /** Appends a whole message (header 68, no atom cache references). */
    private static void whole(ByteArrayOutputStream stream, byte[] data) {
        frame(stream, bytes(131, DistHeaderFormat.DIST_HEADER, 0), data, 0, data.length);
    }

    /** {@return the messages that the frames read from {@code channel} decode to, until it ends} */
    private static List<DistMessage> readAll(DistChannel channel) throws Exception {
        DistHeaderFormat format = format();
        List<DistMessage> messages = new ArrayList<>();
        try (FrameReader reader = new FrameReader(channel, RECEIVE_SIZE, MAX_MESSAGE + 100,
                PooledByteBufAllocator.DEFAULT, format)) {
            while (true) {
                ByteBuf frame;
                try {
                    frame = reader.next();
                } catch (EOFException e) {
                    return messages;
                }
                DistMessage message = format.decode(frame);
                if (message != null) {
                    messages.add(message);
                }
            }
        } finally {
            format.closeReading();
        }
    }

    private static Binary random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return Binary.wrap(bytes);
    }

    @Test
    void fragmentsArrivingInPiecesDecodeToTheSameBinaries() throws Exception {
        // Two interleaved fragmented messages (OTP's 64 KiB fragments; odd ones), whole messages between fragments,
        // read in pieces of 1 to 300 bytes, then in one piece: the same binaries either way.
        Binary big = random(1 << 20, 1);
        Binary odd = random(300_000, 2);
        Binary small = random(100, 3);
        byte[] bigBytes = message(big);
        byte[] oddBytes = message(odd);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        ByteArrayOutputStream bigFrames = new ByteArrayOutputStream();
        fragments(bigFrames, 1, bigBytes, FRAGMENT);
        ByteArrayOutputStream oddFrames = new ByteArrayOutputStream();
        fragments(oddFrames, 2, oddBytes, 7_777);
        // Interleave at frame boundaries: a frame of each in turn, a whole message after each pair.
        List<byte[]> one = split(bigFrames.toByteArray());
        List<byte[]> two = split(oddFrames.toByteArray());
        for (int i = 0; i < Math.max(one.size(), two.size()); i++) {
            if (i < one.size()) {
                stream.writeBytes(one.get(i));
            }
            if (i < two.size()) {
                stream.writeBytes(two.get(i));
            }
            whole(stream, message(small));
        }
        byte[] input = stream.toByteArray();
        for (DistChannel channel : List.of(PeerBytes.seeded(input, 17), new Pieces(input, 1), new Pieces(input, 1000),
                new Pieces(input, input.length))) {
            List<DistMessage> messages = readAll(channel);
            assertEquals(Math.max(one.size(), two.size()) + 2, messages.size());
            assertEquals(List.of(big, odd), messages.stream().map(DistMessage::payload)
                    .filter(payload -> !payload.equals(small)).toList(), "in the order their last fragments came");
        }
    }

    /** A channel that hands out its input {@code piece} bytes at a time. */
    private static final class Pieces extends StubChannel {
        private final byte[] input;
        private final int piece;
        private int position;

        Pieces(byte[] input, int piece) {
            this.input = input;
            this.piece = piece;
        }

        @Override
        public int read(ByteBuffer target) {
            int n = Math.min(Math.min(piece, target.remaining()), input.length - position);
            if (n == 0) {
                return -1;
            }
            target.put(input, position, n);
            position += n;
            return n;
        }

        /** A scattering read, as TcpTransport's: what {@code target} does not take goes into {@code then}. */
        @Override
        public int read(ByteBuffer target, ByteBuffer then) {
            int n = read(target);
            if (n > 0 && !target.hasRemaining() && then.hasRemaining() && n < piece && position < input.length) {
                n += read(then.limit(then.position() + Math.min(then.remaining(), piece - n)));
            }
            return n;
        }
    }

    /** {@return the frames of {@code stream}, each with its length} */
    private static List<byte[]> split(byte[] stream) {
        List<byte[]> frames = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(stream);
        while (in.hasRemaining()) {
            int length = in.getInt(in.position());
            frames.add(Arrays.copyOfRange(stream, in.position(), in.position() + 4 + length));
            in.position(in.position() + 4 + length);
        }
        return frames;
    }

    @Test
    void aMebibyteInFragmentsAllocatesOneBufferOfItsSize() throws Exception {
        // Its continuations go straight into the message's buffer, sized once for the 17 fragments announced, which the
        // binary shares: about 1 MiB for a 1 MiB message, and the start's frame buffer. Before, each fragment went into
        // a part (or a frame buffer), then all of them into one buffer: twice the message, at least. (Read in pieces
        // of 16 KiB, as a socket gives them: a read of a few bytes costs a NIO view of the target.)
        Binary big = random(1 << 20, 4);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        fragments(stream, 1, message(big), FRAGMENT);
        byte[] input = stream.toByteArray();
        Allocation.bounded(input.length, 512 << 10, 1, () -> {
            List<DistMessage> messages = readAll(new Pieces(input, 16 << 10));
            assertEquals(big, messages.getFirst().payload());
        });
    }

    @Test
    void aContinuationsLengthAloneAllocatesNothing() throws Exception {
        // A start of 100 bytes announcing 2 fragments, then a continuation whose length says 8 MiB, of which 1,000
        // bytes come: the message buffer holds the start's 200 announced bytes, the continuation is read the usual
        // way, into a buffer that grows as its bytes arrive.
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        byte[] start = new byte[100];
        ByteArrayOutputStream header = bytes(131, DistHeaderFormat.DIST_FRAG_HEADER);
        header.writeBytes(ByteBuffer.allocate(16).putLong(1).putLong(2).array());
        header.write(0);
        frame(stream, header, start, 0, start.length);
        stream.writeBytes(ByteBuffer.allocate(4).putInt((int) MAX_MESSAGE).array());
        stream.writeBytes(bytes(131, DistHeaderFormat.DIST_FRAG_CONT).toByteArray());
        stream.writeBytes(ByteBuffer.allocate(16).putLong(1).putLong(1).array());
        stream.writeBytes(new byte[1_000]);
        byte[] input = stream.toByteArray();
        Allocation.bounded(input.length, 200 << 10, 2, () -> assertEquals(List.of(), readAll(PeerBytes.seeded(input, 6))));
    }

    @Test
    void aContinuationThatBreaksTheOrderIsNotTakenStraightIn() throws Exception {
        // bodyTarget says null, and decode says why.
        DistHeaderFormat format = format();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        fragments(stream, 3, new byte[3 * FRAGMENT], FRAGMENT);
        List<byte[]> frames = split(stream.toByteArray());
        ByteBuf start = io.netty.buffer.Unpooled.wrappedBuffer(frames.get(0), 4, frames.get(0).length - 4);
        assertNull(format.decode(start));
        ByteBuf last = io.netty.buffer.Unpooled.wrappedBuffer(frames.get(2), 4, frames.get(2).length - 4);
        assertNull(format.bodyTarget(last.slice(0, FrameFormat.TARGET_HEAD), last.readableBytes()));
        assertEquals("fragment 1 of fragmented message 3 (expected: fragment 2)",
                assertThrows(FrameException.class, () -> format.decode(last)).getMessage());
        ByteBuf next = io.netty.buffer.Unpooled.wrappedBuffer(frames.get(1), 4, frames.get(1).length - 4);
        assertNotNull(format.bodyTarget(next.slice(0, FrameFormat.TARGET_HEAD), next.readableBytes()));
    }
}
