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

    @Override
    void close();

    /** The nearest-rank percentile {@code p} of sorted values, as dist_bench:percentile_index/2. */
    static long percentile(long[] sorted, int p) {
        int n = sorted.length;
        int index = Math.max(1, Math.min(n, (int) (((long) n * p + 99) / 100)));
        return sorted[index - 1];
    }
}
