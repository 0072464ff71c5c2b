package dev.beamlink.bench.chaos;

import dev.beamlink.node.Node;
import dev.beamlink.node.RemoteEntryCounts;
import io.netty.buffer.PoolArenaMetric;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocatorMetric;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * What the Java node holds, as the soak compares it before and after: its processes, the links and monitors that
 * cross its connections, its platform threads (named {@code beamlink-}, but for the signal workers, a fork-join pool
 * whose idle threads end after a minute; the JVM's own pools come and go too), and the
 * buffers it has from netty's pooled allocator ({@code PooledByteBufAllocator.DEFAULT}, whose arenas count every
 * allocation not yet released). The signal workers and the JVM-wide figures (every platform thread, NIO's direct
 * buffer pool) are shown, not compared.
 */
record Resources(int processes, RemoteEntryCounts entries, int beamlinkThreads, long pooledDirectAllocations,
                 long pooledDirectBytes, long pooledHeapAllocations, long pooledHeapBytes, int signalWorkers,
                 int allThreads, long nioDirectBytes) {

    /** Names of the threads of the node's signal workers (an elastic pool). */
    static final String SIGNAL_WORKERS = "beamlink-signals-";

    static Resources of(Node node) {
        PooledByteBufAllocatorMetric pool = PooledByteBufAllocator.DEFAULT.metric();
        int beamlink = 0;
        int signalWorkers = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith(SIGNAL_WORKERS)) {
                signalWorkers++;
            } else if (thread.getName().startsWith("beamlink-")) {
                beamlink++;
            }
        }
        long nioDirect = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        return new Resources(node.processCount(), node.remoteEntryCounts(), beamlink,
                pool.directArenas().stream().mapToLong(PoolArenaMetric::numActiveAllocations).sum(),
                pool.directArenas().stream().mapToLong(PoolArenaMetric::numActiveBytes).sum(),
                pool.heapArenas().stream().mapToLong(PoolArenaMetric::numActiveAllocations).sum(),
                pool.heapArenas().stream().mapToLong(PoolArenaMetric::numActiveBytes).sum(), signalWorkers,
                ManagementFactory.getThreadMXBean().getThreadCount(), nioDirect);
    }

    /** {@return what differs from {@code baseline} among the figures compared, described; empty if nothing} */
    List<String> differencesFrom(Resources baseline) {
        List<String> differences = new ArrayList<>();
        compare(differences, "processes", baseline.processes, processes);
        compare(differences, "remote entries", baseline.entries, entries);
        compare(differences, "beamlink platform threads", baseline.beamlinkThreads, beamlinkThreads);
        compare(differences, "pooled direct allocations", baseline.pooledDirectAllocations, pooledDirectAllocations);
        compare(differences, "pooled heap allocations", baseline.pooledHeapAllocations, pooledHeapAllocations);
        return differences;
    }

    private static void compare(List<String> differences, String what, Object before, Object after) {
        if (!before.equals(after)) {
            differences.add(what + ": " + before + " at the start, " + after + " at the end");
        }
    }
}
