package dev.beamlink.dist.fuzz;

import dev.beamlink.dist.transport.DistChannel;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * A channel whose peer sends fixed bytes and then closes the connection: reads hand them out in chunks of 1 to 300
 * bytes, their sizes chosen by a generator seeded from the bytes themselves (so that a fuzz input always reads the
 * same way, and replays as it fuzzed) or by a test, and end with -1; what is written is recorded.
 */
public final class PeerBytes implements DistChannel {

    private final byte[] input;
    private final SplittableRandom chunks;
    private final int lengthSize;
    private int position;
    private volatile boolean open = true;
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();

    private PeerBytes(byte[] input, long seed, int handshakeLengthSize) {
        this.input = input;
        this.chunks = new SplittableRandom(seed);
        this.lengthSize = handshakeLengthSize;
    }

    /** @param handshakeLengthSize what {@link #handshakeLengthSize()} says: 2, or 4 as a TLS channel */
    public PeerBytes(byte[] input, int handshakeLengthSize) {
        this(input, Arrays.hashCode(input), handshakeLengthSize);
    }

    public PeerBytes(byte[] input) {
        this(input, 2);
    }

    /** {@return a channel that reads {@code input} in chunks of sizes that {@code seed} chooses} */
    public static PeerBytes seeded(byte[] input, long seed) {
        return new PeerBytes(input, seed, 2);
    }

    @Override
    public int read(ByteBuffer target) {
        if (position == input.length || !open) {
            return -1;
        }
        int n = Math.min(Math.min(target.remaining(), input.length - position), 1 + chunks.nextInt(300));
        target.put(input, position, n);
        position += n;
        return n;
    }

    @Override
    public void write(ByteBuffer[] sources) {
        for (ByteBuffer source : sources) {
            while (source.hasRemaining()) {
                written.write(source.get());
            }
        }
    }

    @Override
    public int handshakeLengthSize() {
        return lengthSize;
    }

    /** {@return how many of the input's bytes were read} */
    public int consumed() {
        return position;
    }

    /** {@return what was written to the peer} */
    public byte[] written() {
        return written.toByteArray();
    }

    @Override
    public SocketAddress remoteAddress() {
        return InetSocketAddress.createUnresolved("fuzz", 0);
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }
}
