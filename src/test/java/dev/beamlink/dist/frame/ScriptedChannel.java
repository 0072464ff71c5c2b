package dev.beamlink.dist.frame;

import dev.beamlink.dist.transport.DistChannel;
import java.io.ByteArrayOutputStream;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.Random;

/** A channel that reads a fixed byte array back in random-sized chunks, and records what is written. */
final class ScriptedChannel implements DistChannel {

    private final byte[] input;
    private final Random random;
    private int position;
    private boolean open = true;
    final ByteArrayOutputStream written = new ByteArrayOutputStream();

    ScriptedChannel(byte[] input, long seed) {
        this.input = input;
        this.random = new Random(seed);
    }

    @Override
    public int read(ByteBuffer target) {
        if (position == input.length) {
            return -1;
        }
        int n = Math.min(Math.min(target.remaining(), input.length - position), 1 + random.nextInt(5000));
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
    public SocketAddress remoteAddress() {
        return null;
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
