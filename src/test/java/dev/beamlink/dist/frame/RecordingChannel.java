package dev.beamlink.dist.frame;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** A channel that records what a writer writes to it; its writes may be held until {@link #release} counts down. */
final class RecordingChannel extends StubChannel {

    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final AtomicInteger writes = new AtomicInteger();
    final List<Thread> writers = new ArrayList<>();
    final CountDownLatch release;
    private final boolean tries;

    /**
     * @param held  whether each write waits for {@link #release}
     * @param tries whether {@link #tryWrite} takes the bytes (else it takes none, as a carrier that cannot write
     *              without waiting)
     */
    RecordingChannel(boolean held, boolean tries) {
        this.release = new CountDownLatch(held ? 1 : 0);
        this.tries = tries;
    }

    @Override
    public int read(ByteBuffer target) {
        return -1;
    }

    @Override
    public synchronized void write(ByteBuffer[] sources) throws IOException {
        try {
            release.await();
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
        take(sources);
    }

    @Override
    public synchronized long tryWrite(ByteBuffer[] sources) {
        return tries ? take(sources) : 0;
    }

    private long take(ByteBuffer[] sources) {
        writes.incrementAndGet();
        writers.add(Thread.currentThread());
        long n = 0;
        for (ByteBuffer source : sources) {
            byte[] chunk = new byte[source.remaining()];
            source.get(chunk);
            bytes.writeBytes(chunk);
            n += chunk.length;
        }
        return n;
    }
}
