package dev.beamlink.bench.dist;

import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.reflect.Field;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The memory of this JVM as the many-connections rows count it, after a full collection. */
final class JvmMemory {

    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

    private JvmMemory() {
    }

    /**
     * {@return heap used after a full collection, direct memory (NIO's direct buffers, and netty's: the direct arenas
     * the node's connections take their buffers from), live platform threads, and the resident set, in that order; bytes}
     */
    static long[] measure() {
        System.gc();
        // What the collection left, pool by pool: the heap's used figure would also count the allocation buffers that
        // busy threads take right after it (some 50 MiB with 50 busy readers).
        long heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null)
                .mapToLong(pool -> pool.getCollectionUsage().getUsed()).sum();
        long nio = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        long pooled = connectionBuffers().metric().usedDirectMemory();
        long threads = ManagementFactory.getThreadMXBean().getThreadCount();
        return new long[] {heap, nio + pooled, threads, residentSet()};
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

    private static long residentSet() {
        try {
            Matcher m = RSS.matcher(Files.readString(Path.of("/proc/self/status")));
            return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
