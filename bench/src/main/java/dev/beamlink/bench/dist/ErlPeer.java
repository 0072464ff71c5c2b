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
        String text = erl.evalText("dist_bench:ping({" + name + ", '" + node + "'}, " + n + ", small).");
        return Arrays.stream(text.replace("\"", "").trim().split(" ")).mapToLong(Long::parseLong).toArray();
    }

    @Override
    public long erpcCalls(String node, int n, int callers) {
        return Long.parseLong(erl.evalText("rpc_bench:calls('" + node + "', " + n + ", " + callers + ")."));
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
