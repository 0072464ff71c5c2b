package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.ErlMap;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Mailbox;
import dev.beamlink.testing.Await;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What a peer cannot do to a Java node that exports functions: make it hold more processes than its limit (it answers
 * {@code system_limit}, as BEAM past its process limit), leave a call hanging when the node stops, or end the node's
 * own {@code rex} and {@code pg} servers with anything it sends them.
 */
@Tag("interop")
class PeerSpawnsInteropTest extends WireFixture {

    private static final Atom M = Atom.of("jfun");
    private static final Atom SYSTEM_LIMIT = Atom.of("system_limit");
    private static final Atom BADRPC = Atom.of("badrpc");
    private static final Atom EXIT = Atom.of("EXIT");

    private DistributedNode node(int processLimit) {
        return JavaNodes.start(JavaNodes.builder(JavaNodes.uniqueName("limited"), epmdPort()).processLimit(processLimit));
    }

    @Test
    void aPeerThatSpawns100000ProcessesIsBoundedByTheLimit() {
        try (DistributedNode limited = node(1000); Mailbox self = limited.node().mailbox()) {
            Set<Pid> waiting = ConcurrentHashMap.newKeySet();
            limited.exports().export(M, Atom.of("wait"), 0, call -> {
                waiting.add(call.self().self());
                call.self().receive();
                return Atom.OK;
            });
            Tuple counted = (Tuple) erl.eval("rpc_helper:spawn_many(100000, %s, jfun, wait, []).", limited.name());
            assertEquals(Tuple.of(Int.of(1000), new ErlMap(Map.of(SYSTEM_LIMIT, Int.of(99_000)))), counted);
            assertEquals(1000, limited.exports().processCount());

            assertEquals(Tuple.of(Atom.ERROR, Tuple.of(Atom.of("erpc"), SYSTEM_LIMIT)),
                    erl.eval("rpc_helper:erpc(%s, erlang, node, []).", limited.name()));
            assertEquals(Tuple.of(BADRPC, Tuple.of(EXIT, SYSTEM_LIMIT)),
                    erl.eval("rpc:call(%s, erlang, node, []).", limited.name()));
            assertEquals(Tuple.of(Atom.of("rex"), Tuple.of(BADRPC, Tuple.of(EXIT, SYSTEM_LIMIT))),
                    erl.eval("rpc_helper:rex_call(%s, erlang, node, []).", limited.name()), "rex's calls count too");
            assertEquals(Atom.ERROR, ((Tuple) erl.eval(
                    "rpc_helper:catching(fun() -> spawn(%s, jfun, wait, []) end).", limited.name())).get(0));
            assertTrue(limited.node().whereis(Atom.of("rex")).isPresent(), "the node's own processes live on");

            waiting.forEach(pid -> self.exit(pid, Atom.of("kill")));
            assertTrue(Await.eventually(() -> limited.exports().processCount() == 0),
                    () -> limited.exports().processCount() + " processes left");
            assertEquals(Tuple.of(Atom.OK, limited.name()), erl.eval("rpc_helper:erpc(%s, erlang, node, []).", limited.name()));
        }
    }

    @Test
    void aCallRunningWhenTheNodeStopsEndsWithNoconnection() {
        DistributedNode stopping = node(100);
        stopping.exports().export(M, Atom.of("sleep"), 1, call -> {
            call.self().receive();
            return Atom.of("slept");
        });
        Pid erpcCall = (Pid) erl.eval("rpc_helper:background(fun() -> erpc:call(%s, jfun, sleep, [60000]) end).",
                stopping.name());
        Pid rpcCall = (Pid) erl.eval("rpc_helper:background(fun() -> rpc:call(%s, jfun, sleep, [60000]) end).",
                stopping.name());
        assertTrue(Await.eventually(() -> stopping.exports().processCount() == 2));
        stopping.close();
        assertEquals(Tuple.of(Atom.ERROR, Tuple.of(Atom.of("erpc"), Atom.of("noconnection"))),
                erl.eval("rpc_helper:await(%s, 20000).", erpcCall));
        assertEquals(Tuple.of(Atom.OK, Tuple.of(BADRPC, Atom.of("nodedown"))),
                erl.eval("rpc_helper:await(%s, 20000).", rpcCall));
    }

    @Test
    void aNodeThatStoppedExportingAnswersNotsup() {
        try (DistributedNode closing = node(100)) {
            assertEquals(Tuple.of(Atom.OK, closing.name()), erl.eval("rpc_helper:erpc(%s, erlang, node, []).", closing.name()));
            closing.exports().close();
            assertEquals(Tuple.of(Atom.ERROR, Tuple.of(Atom.of("erpc"), Atom.of("notsup"))),
                    erl.eval("rpc_helper:erpc(%s, erlang, node, []).", closing.name()));
            assertEquals(Tuple.of(BADRPC, Atom.of("notsup")), erl.eval("rpc:call(%s, erlang, node, []).", closing.name()));
        }
    }

    @Test
    void nothingAPeerSendsEndsRexOrThePgScope() {
        try (DistributedNode target = node(100)) {
            Pid rex = target.node().whereis(Atom.of("rex")).orElseThrow();
            Pid pg = target.node().whereis(Atom.of("pg")).orElseThrow();
            List<String> garbage = List.of("garbage", "{}", "{self(), garbage}", "{not_a_pid, {call, erlang, node, [], user}}",
                    "{self(), {call, 1, 2, 3, 4}}", "{self(), {call, erlang, node, not_a_list, user}}",
                    "{self(), {sbcast, 42, x}}", "{self(), {send, 42, x}}", "{'$gen_call', not_a_from, x}",
                    "{'$gen_call', {self(), make_ref()}, {call, x}}", "{'$gen_cast', {cast, 1, 2, 3, 4}}", "{'$gen_cast', x}",
                    "{join, self(), g, not_pids}", "{join, not_a_pid, g, []}", "{leave, self(), [x], [g]}",
                    "{leave, self(), [], not_a_list}", "{discover, not_a_pid}", "{'$gen_cast', {sync, self(), not_a_list}}",
                    "{'$gen_cast', {sync, self(), [{g, [x]}]}}", "{'$gen_cast', {sync, not_a_pid, []}}",
                    "{'$gen_call', {self(), make_ref()}, {join_local, g, [self()]}}",
                    "{'$gen_call', {self(), make_ref()}, {monitor, g}}", "{'DOWN', make_ref(), process, self(), x}",
                    "{nodeup, x}", "{'EXIT', self(), kill}");
            String messages = "[" + String.join(", ", garbage) + "]";
            for (String dest : List.of("rex", "pg")) {
                erl.eval("rpc_helper:send_all({" + dest + ", %s}, fun() -> " + messages + " end).", target.name());
                erl.eval("exit(%s, bye).", dest.equals("rex") ? rex : pg);
            }
            assertEquals(Atom.of("timeout"), erl.eval("rpc_helper:in_own_process(fun() -> element(1, element(2, "
                    + "rpc_helper:catching(fun() -> gen_server:call({rex, %s}, stop, 300) end))) end).", target.name()),
                    "rex ignores a stop from a peer, as it ignores every call it does not know");
            assertEquals(Tuple.of(Atom.of("rex"), target.name()),
                    erl.eval("rpc_helper:rex_call(%s, erlang, node, []).", target.name()));
            assertEquals(rex, target.node().whereis(Atom.of("rex")).orElseThrow());
            assertEquals(pg, target.node().whereis(Atom.of("pg")).orElseThrow());
            try (Mailbox member = target.node().mailbox()) {
                target.pg().join(Atom.of("after_garbage"), member.self());
                assertEquals(List.of(member.self()), target.pg().members(Atom.of("after_garbage")));
            }

            // kill, the one exit signal they cannot trap, ends them (on erl it ends the node): they are replaced
            erl.eval("exit(%s, kill), exit(%s, kill).", rex, pg);
            assertTrue(Await.eventually(() -> target.node().whereis(Atom.of("rex")).filter(p -> !p.equals(rex)).isPresent()
                    && target.node().whereis(Atom.of("pg")).filter(p -> !p.equals(pg)).isPresent()));
            assertEquals(Tuple.of(Atom.of("rex"), target.name()),
                    erl.eval("rpc_helper:rex_call(%s, erlang, node, []).", target.name()));
            try (Mailbox member = target.node().mailbox()) {
                target.pg().join(Atom.of("after_kill"), member.self());
                assertEquals(List.of(member.self()), target.pg().members(Atom.of("after_kill")));
            }
        }
    }
}
