package dev.beamlink.bench.dist;

import io.netty.buffer.PoolArenaMetric;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocatorMetric;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.reflect.Field;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;

/** The memory of this JVM as the many-connections rows count it, after a full collection. */
final class JvmMemory {

    private static final AtomicInteger HISTOGRAMS = new AtomicInteger();
    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

    private JvmMemory() {
    }

    /**
     * {@return heap used after a full collection, direct memory (NIO's direct buffers, and netty's: the direct arenas
     * the node's connections take their buffers from), live platform threads, and the resident set, in that order; then,
     * as a diagnostic, the connections' pool's heap chunks, the bytes of its live heap buffers, its direct chunks and the
     * bytes of its live direct buffers; bytes} (The chunks are in the heap and direct figures whole, however little of
     * them the buffers use.)
     */
    static long[] measure() {
        OneOffs.done();
        System.gc();
        // What the collection left, pool by pool: the heap's used figure would also count the allocation buffers that
        // busy threads take right after it (some 50 MiB with 50 busy readers).
        long heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null)
                .mapToLong(pool -> pool.getCollectionUsage().getUsed()).sum();
        long nio = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        PooledByteBufAllocatorMetric pool = connectionBuffers().metric();
        long pooled = pool.usedDirectMemory();
        long threads = ManagementFactory.getThreadMXBean().getThreadCount();
        writeHistogram();
        return new long[] {heap, nio + pooled, threads, residentSet(), pool.usedHeapMemory(), liveBytes(pool.heapArenas()),
            pooled, liveBytes(pool.directArenas())};
    }

    /**
     * {@return the pool the node's connections take their buffers from} It is the library's own, not exported; its
     * direct memory is in neither NIO's count nor netty's global one on JDK 25 (netty takes it as memory segments), so
     * the bench reads the pool's own metric (the bench runs on the class path, where the field can be opened).
     */
    private static PooledByteBufAllocator connectionBuffers() {
        try {
            Field field = Class.forName("dev.beamlink.dist.ConnectionSettings").getDeclaredField("BUFFERS");
            field.setAccessible(true);
            return (PooledByteBufAllocator) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the connections' buffer pool (ConnectionSettings.BUFFERS) is not there", e);
        }
    }

    /**
     * A diagnostic: with {@code -Dbench.histograms=DIR} among a peer's JVM options ({@code bench.peerJvmArgs}), each
     * measure also writes the heap's class histogram (jcmd's GC.class_histogram) to {@code DIR/histogram-N.txt}, N
     * counting the measures from 0 (the many-connections rows: before, idle, busy, quiet again).
     */
    private static void writeHistogram() {
        String dir = System.getProperty("bench.histograms");
        if (dir == null) {
            return;
        }
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            Files.writeString(Path.of(dir, "histogram-" + HISTOGRAMS.getAndIncrement() + ".txt"), text.toString());
        } catch (JMException | IOException e) {
            throw new IllegalStateException("cannot write the class histogram to " + dir, e);
        }
    }

    /**
     * What this JVM does once, whatever its connections, done before the first measure so that it is in the figures
     * before any connection (as the erl hub's loaded code is) rather than divided among the connections: netty's pool,
     * on its first allocation, registers its JFR events (io.netty.buffer.AllocateChunkEvent and others; netty's
     * io.netty.jfr.enabled is true wherever JFR is there), which loads JFR's event metadata into the heap, some
     * 700 KiB. Done on a throwaway pool: the connections' own ({@link #connectionBuffers()}) is not touched, its chunks
     * are theirs.
     */
    private static final class OneOffs {
        static {
            PooledByteBufAllocator throwaway = new PooledByteBufAllocator(true, 1, 1, 8192, 0, 0, 0, false);
            throwaway.heapBuffer(64).release();
        }

        static void done() {
            // the class initializer did it
        }
    }

    /** {@return the bytes of the pool's buffers in use: the pages they take, not their arenas' whole chunks} */
    private static long liveBytes(List<PoolArenaMetric> arenas) {
        return arenas.stream().mapToLong(PoolArenaMetric::numActiveBytes).sum();
    }

    private static long residentSet() {
        try {
            Matcher m = RSS.matcher(Files.readString(Path.of("/proc/self/status")));
            return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
