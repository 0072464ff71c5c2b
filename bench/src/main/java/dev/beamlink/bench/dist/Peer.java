package dev.beamlink.bench.dist;

/**
 * One node of the dist bench, whatever it runs (erl, beamlink, jinterface): the same four jobs on each, so that every
 * row of the table measures the same work.
 */
interface Peer extends AutoCloseable {

    /** The two messages of the bench. */
    enum Kind {
        /** {@code {hello, <<"payload-0123456789">>, 42, [1,2,3]}}. */
        SMALL,
        /** A binary of 1 MiB of random bytes. */
        MIB;

        String erlang() {
            return this == SMALL ? "small" : "mib";
        }
    }

    /** {@return the node's full name} */
    String nodeName();

    /** {@return the operating-system process the node runs in} */
    long osPid();

    /** {@return the CPU time the node's OS process has used so far, in nanoseconds (all its threads)} */
    default long cpuNanos() {
        return ProcessHandle.of(osPid()).flatMap(p -> p.info().totalCpuDuration()).map(d -> d.toNanos()).orElse(0L);
    }

    /** Registers a sink as {@code name} that will take {@code n} messages out of its mailbox. */
    void startSink(String name, int n);

    /** {@return the microseconds from the sink's first message to its last}, once it took them all */
    long awaitSink(String name);

    /** Sends {@code n} messages of {@code kind} to {@code {name, node}}; {@return the microseconds that took} */
    long blast(String name, String node, int n, Kind kind);

    /**
     * Closes this node's connection to {@code node}, if there is one, and connects again, this node initiating: the
     * next run goes over a fresh connection (over TLS, a fresh TLS session, whose steady state is drawn anew).
     */
    default void reconnect(String node) {
        throw new UnsupportedOperationException(this + " does not reconnect");
    }

    /** Registers an echo process as {@code name}: {@code {From, Msg}} is answered with {@code Msg}. */
    void startEcho(String name);

    /** {@code n} timed round trips of the small message through {@code {name, node}}; {@return p50 and p99 in nanoseconds} */
    long[] ping(String name, String node, int n);

    /**
     * {@code callers} processes, each making {@code n} {@code erpc:call(Node, erlang, node, [])} one after the other.
     * {@return the microseconds from the first call to the last answer}
     */
    default long erpcCalls(String node, int n, int callers) {
        throw new UnsupportedOperationException(this + " makes no erpc calls");
    }

    /**
     * Registers {@code count} sinks as {@code prefix_1} .. {@code prefix_count}, each taking {@code n} messages; the
     * fan-in and fan-out rows.
     */
    default void startFanSinks(String prefix, int count, int n) {
        throw new UnsupportedOperationException(this + " has no fan sinks");
    }

    /** {@return the microseconds from the first message any sink of {@code prefix} took to the last}, once all are done */
    default long awaitFan(String prefix) {
        throw new UnsupportedOperationException(this + " has no fan sinks");
    }

    /**
     * {@code count} processes at once, process {@code i} sending {@code n} small messages to {@code {prefix_i, node}};
     * {@return the microseconds until the last of them is done}
     */
    default long fanBlast(String prefix, String node, int count, int n) {
        throw new UnsupportedOperationException(this + " has no fan senders");
    }

    /** Registers a process as {@code name} that takes whatever comes, for ever. */
    default void startDrain(String name) {
        throw new UnsupportedOperationException(this + " has no drain");
    }

    /** Starts a process that sends binaries of 1 MiB to {@code {name, node}}, one after the other, until {@link #floodStop}. */
    default void floodStart(String name, String node) {
        throw new UnsupportedOperationException(this + " has no flood");
    }

    /** Stops the flood; {@return how many binaries it sent} */
    default long floodStop() {
        throw new UnsupportedOperationException(this + " has no flood");
    }

    /**
     * {@return the node's memory, after a garbage collection where there is one: for erl "TOTAL RSS" (erlang:memory(total)
     * and the resident set), for a JVM "HEAP DIRECT THREADS RSS" (heap used, direct memory of NIO and the pooled
     * allocator, platform threads, resident set); bytes}
     */
    default long[] memory() {
        throw new UnsupportedOperationException(this + " reports no memory");
    }

    @Override
    void close();

    /** The nearest-rank percentile {@code p} of sorted values, as dist_bench:percentile_index/2. */
    static long percentile(long[] sorted, int p) {
        int n = sorted.length;
        int index = Math.max(1, Math.min(n, (int) (((long) n * p + 99) / 100)));
        return sorted[index - 1];
    }
}
