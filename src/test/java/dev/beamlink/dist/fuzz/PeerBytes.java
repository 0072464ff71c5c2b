package dev.beamlink.dist.fuzz;

import dev.beamlink.dist.transport.DistChannel;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * A channel whose peer sends a fuzz input and then closes the connection: reads hand the input out in chunks of
 * 1 to 300 bytes, their sizes chosen by a generator seeded from the input itself (so that one input always reads
 * the same way, and replays as it fuzzed), and end with -1; what is written is recorded.
 */
public final class PeerBytes implements DistChannel {

    private final byte[] input;
    private final SplittableRandom chunks;
    private final int lengthSize;
    private int position;
    private volatile boolean open = true;
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();

    /** @param handshakeLengthSize what {@link #handshakeLengthSize()} says: 2, or 4 as a TLS channel */
    public PeerBytes(byte[] input, int handshakeLengthSize) {
        this.input = input;
        this.chunks = new SplittableRandom(Arrays.hashCode(input));
        this.lengthSize = handshakeLengthSize;
    }

    public PeerBytes(byte[] input) {
        this(input, 2);
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
