package dev.beamlink.bench.dist;

import dev.beamlink.testing.ErlNode;
import java.util.Arrays;

/** A live erl node running {@code dist_bench} (test-erlang). */
final class ErlPeer implements Peer {

    private final ErlNode erl;

    ErlPeer(ErlNode erl) {
        this.erl = erl;
    }

    @Override
    public String nodeName() {
        return erl.nodeName();
    }

    @Override
    public long osPid() {
        return erl.osPid();
    }

    @Override
    public void startSink(String name, int n) {
        erl.eval("dist_bench:start_sink(" + name + ", " + n + ").");
    }

    @Override
    public long awaitSink(String name) {
        String text = erl.evalText("dist_bench:await_sink(" + name + ", " + ThroughputBench.ROW_TIMEOUT_MS + ").");
        if (!text.chars().allMatch(Character::isDigit)) {
            throw new IllegalStateException("the sink " + name + " on " + erl.nodeName() + " did not finish: " + text);
        }
        return Long.parseLong(text);
    }

    @Override
    public long blast(String name, String node, int n, Kind kind) {
        return Long.parseLong(erl.evalText("dist_bench:blast({" + name + ", '" + node + "'}, " + n + ", " + kind.erlang() + ")."));
    }

    @Override
    public void startEcho(String name) {
        erl.eval("dist_bench:start_echo(" + name + ").");
    }

    @Override
    public long[] ping(String name, String node, int n) {
        return numbers(erl.evalText("dist_bench:ping({" + name + ", '" + node + "'}, " + n + ", small)."));
    }

    @Override
    public long erpcCalls(String node, int n, int callers) {
        return Long.parseLong(erl.evalText("rpc_bench:calls('" + node + "', " + n + ", " + callers + ")."));
    }

    @Override
    public void startFanSinks(String prefix, int count, int n) {
        erl.eval("dist_bench:start_fan_sinks(" + prefix + ", " + count + ", " + n + ").");
    }

    @Override
    public long awaitFan(String prefix) {
        return awaitSink(prefix);
    }

    @Override
    public long fanBlast(String prefix, String node, int count, int n) {
        return Long.parseLong(erl.evalText("dist_bench:fan_blast(" + prefix + ", '" + node + "', " + count + ", " + n + ")."));
    }

    @Override
    public void startDrain(String name) {
        erl.eval("dist_bench:start_drain(" + name + ").");
    }

    @Override
    public void floodStart(String name, String node) {
        erl.eval("dist_bench:flood_start({" + name + ", '" + node + "'}, mib).");
    }

    @Override
    public long floodStop() {
        return Long.parseLong(erl.evalText("dist_bench:flood_stop()."));
    }

    /** {@return erlang:memory(total) and the resident set, after a garbage collection of every process} */
    @Override
    public long[] memory() {
        erl.eval("[erlang:garbage_collect(P) || P <- processes()], ok.");
        return numbers(erl.evalText("dist_bench:memory()."));
    }

    /** Connects this node to {@code node} (net_kernel:connect_node/1); fails unless it answers true. */
    void connect(String node) {
        String answer = erl.evalText("net_kernel:connect_node('" + node + "').");
        if (!answer.equals("true")) {
            throw new IllegalStateException(erl.nodeName() + " could not connect to " + node + ": " + answer);
        }
    }

    private static long[] numbers(String text) {
        return Arrays.stream(text.replace("\"", "").trim().split(" ")).mapToLong(Long::parseLong).toArray();
    }

    @Override
    public void close() {
        erl.close();
    }

    @Override
    public String toString() {
        return "erl " + erl.nodeName();
    }
}
