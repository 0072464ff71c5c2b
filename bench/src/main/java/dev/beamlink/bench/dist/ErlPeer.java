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

    /**
     * {@code erlang:disconnect_node/1}, then {@code net_kernel:connect_node/1} until it answers true (the peer may
     * not have seen the old connection go yet), for up to 10 s.
     */
    @Override
    public void reconnect(String node) {
        erl.eval("erlang:disconnect_node('" + node + "').");
        String answer = erl.evalText("(fun Again(0) -> false; Again(K) -> case net_kernel:connect_node('" + node
                + "') of true -> true; false -> timer:sleep(20), Again(K - 1) end end)(500).");
        if (!answer.equals("true")) {
            throw new IllegalStateException(erl.nodeName() + " could not connect again to " + node + ": " + answer);
        }
    }

    /**
     * {@return the {@code active_n} of this node's TLS connection to {@code node}}: OTP 25's ssl receives a
     * distribution connection in {@code {active, N}} mode, N drawn at random from 1 to 100 per connection
     * ({@code ssl_config:get_internal_active_n(true)}), and re-arms the socket every N reads of 1,460 bytes.
     */
    String tlsActiveN(String node) {
        // The connection's sender (its dist_ctrl) and receiver (the socket's owner) share a supervisor. Only a
        // comprehension's variables: the node keeps what an evaluation binds for the next.
        return erl.evalText("hd([N || {'" + node + "', C} <- erlang:system_info(dist_ctrl),"
                + " {dictionary, D} <- [process_info(C, dictionary)], {'$ancestors', [Sup | _]} <- D,"
                + " {links, L} <- [process_info(Sup, links)], P <- erlang:ports(),"
                + " {connected, O} <- [erlang:port_info(P, connected)], lists:member(O, L),"
                + " {_, S} <- [sys:get_state(O)], #{active_n := N} <- tuple_to_list(S)]).");
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
