package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.handshake.DistFlags;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Nil;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.ErlangExit;
import dev.beamlink.node.ErlangThrow;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.SpawnResult;
import dev.beamlink.otp.Erpc;
import dev.beamlink.otp.ErpcFailure;
import dev.beamlink.otp.ErpcOutcome;
import dev.beamlink.otp.ErpcRequest;
import dev.beamlink.otp.ErpcRequests;
import dev.beamlink.otp.ErpcResponse;
import dev.beamlink.otp.RemoteError;
import dev.beamlink.otp.RemoteExit;
import dev.beamlink.otp.Rpc;
import dev.beamlink.otp.RpcMulticall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Java calls erl: {@link Erpc} and {@link Rpc} against a live erl, every outcome as {@code erpc:call/5} and
 * {@code rpc:call/5} give it on OTP 25 (docs/semantics.md, "gen_server calls and rpc"), and the fall back to
 * {@code rex} for a connection without {@code DFLAG_SPAWN}.
 */
@Tag("interop")
class ErpcInteropTest extends WireFixture {

    private static final Atom ERLANG = Atom.of("erlang");
    private static final Atom LISTS = Atom.of("lists");
    private static final Atom HELPER = Atom.of("rpc_helper");
    private static final Atom NOWHERE = Atom.of("nowhere@localhost");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static List<Term> ints(int... values) {
        List<Term> out = new ArrayList<>();
        for (int v : values) {
            out.add(Int.of(v));
        }
        return List.of(ErlList.from(out));
    }

    @Test
    void aCallReturnsTheResult() {
        Mailbox self = mailbox();
        assertEquals(Int.of(6), Erpc.call(self, erlNode(), LISTS, Atom.of("sum"), ints(1, 2, 3), WAIT));
        assertEquals(erlNode(), Erpc.call(self, erlNode(), ERLANG, Atom.of("node"), List.of()));
        assertNothingMore(self);
    }

    @Test
    void failuresAreClassifiedAsErpcCallClassifiesThem() {
        Mailbox self = mailbox();
        RemoteError undef = assertThrows(RemoteError.class,
                () -> Erpc.call(self, erlNode(), Atom.of("m"), Atom.of("nope"), List.of(), WAIT));
        assertEquals(Atom.of("undef"), undef.remoteReason());
        assertEquals(ErlList.of(Tuple.of(Atom.of("m"), Atom.of("nope"), Nil.NIL, Nil.NIL)), undef.erlangStack().orElseThrow());
        RemoteError badarg = assertThrows(RemoteError.class, () -> Erpc.call(self, erlNode(), ERLANG,
                Atom.of("list_to_integer"), List.of(Atom.of("x")), WAIT));
        assertEquals(Atom.of("badarg"), badarg.remoteReason());
        assertEquals(Atom.of("bye"), assertThrows(RemoteExit.class,
                () -> Erpc.call(self, erlNode(), ERLANG, Atom.of("exit"), List.of(Atom.of("bye")), WAIT)).remoteReason());
        assertEquals(Atom.of("ball"), assertThrows(ErlangThrow.class,
                () -> Erpc.call(self, erlNode(), ERLANG, Atom.of("throw"), List.of(Atom.of("ball")), WAIT)).reason());
        assertEquals(Tuple.of(Atom.of("signal"), Atom.of("killed")), assertThrows(ErlangExit.class,
                () -> Erpc.call(self, erlNode(), HELPER, Atom.of("killed_by_another"), List.of(), WAIT)).reason());
        assertEquals(Atom.of("noconnection"), assertThrows(ErpcFailure.class,
                () -> Erpc.call(self, NOWHERE, ERLANG, Atom.of("node"), List.of(), WAIT)).failure());
        assertNothingMore(self);
    }

    @Test
    void aTimeOutAbandonsTheCallAndItsLateOutcomeIsDropped() {
        Mailbox self = mailbox();
        assertEquals(Atom.of("timeout"), assertThrows(ErpcFailure.class, () -> Erpc.call(self, erlNode(), HELPER,
                Atom.of("sleep"), List.of(Int.of(500)), Duration.ofMillis(50))).failure());
        assertNothingMore(self);
    }

    @Test
    void castRunsTheFunctionWithoutAnAnswer() {
        try (Mailbox inbox = java.node().mailbox(Atom.of("erpc_cast_inbox"))) {
            Erpc.cast(inbox, erlNode(), ERLANG, Atom.of("send"),
                    List.of(Tuple.of(Atom.of("erpc_cast_inbox"), java.name()), Atom.of("cast_arrived")));
            assertEquals(Atom.of("cast_arrived"), next(inbox));
            Erpc.multicast(inbox, List.of(erlNode(), NOWHERE), ERLANG, Atom.of("send"),
                    List.of(Tuple.of(Atom.of("erpc_cast_inbox"), java.name()), Atom.of("multicast_arrived")));
            assertEquals(Atom.of("multicast_arrived"), next(inbox));
            assertNothingMore(inbox);
        }
    }

    @Test
    void multicallGivesEachNodesOutcomeInOrder() {
        Mailbox self = mailbox();
        List<ErpcOutcome> outcomes = Erpc.multicall(self, List.of(erlNode(), java.name(), NOWHERE), ERLANG,
                Atom.of("node"), List.of(), WAIT);
        assertEquals(List.of(Tuple.of(Atom.OK, erlNode()), Tuple.of(Atom.OK, java.name()),
                        Tuple.of(Atom.ERROR, Tuple.of(Atom.of("erpc"), Atom.of("noconnection")))),
                outcomes.stream().map(ErpcOutcome::toTerm).toList());
        List<ErpcOutcome> late = Erpc.multicall(self, List.of(erlNode(), erlNode()), HELPER, Atom.of("sleep"),
                List.of(Int.of(500)), Duration.ofMillis(50));
        assertEquals(Tuple.of(Atom.ERROR, Tuple.of(Atom.of("erpc"), Atom.of("timeout"))), late.get(1).toTerm());
        assertNothingMore(self);
    }

    @Test
    void requestsAreAwaitedOneByOneOrAsACollection() {
        Mailbox self = mailbox();
        ErpcRequest sum = Erpc.sendRequest(self, erlNode(), LISTS, Atom.of("sum"), ints(1, 2));
        assertEquals(Int.of(3), Erpc.receiveResponse(self, sum, WAIT));
        ErpcRequest slow = Erpc.sendRequest(self, erlNode(), HELPER, Atom.of("sleep"), List.of(Int.of(300)));
        assertEquals(Optional.empty(), Erpc.waitResponse(self, slow, Duration.ZERO), "no_response: the call goes on");
        assertEquals(Optional.of(Atom.of("slept")), Erpc.waitResponse(self, slow, WAIT));
        ErpcRequest checked = Erpc.sendRequest(self, erlNode(), ERLANG, Atom.of("exit"), List.of(Atom.of("bye")));
        Optional<Term> answer = Optional.empty();
        while (answer.isEmpty()) {
            Object message = next(self);
            assertEquals(Optional.empty(), Erpc.checkResponse(self, Atom.of("unrelated"), checked));
            try {
                answer = Erpc.checkResponse(self, message, checked);
            } catch (RemoteExit exit) {
                assertEquals(Atom.of("bye"), exit.remoteReason());
                break;
            }
            assertInstanceOf(SpawnResult.class, message, "only the process's start comes before its end");
        }

        ErpcRequests<String> calls = ErpcRequests.empty();
        calls = Erpc.sendRequest(self, erlNode(), LISTS, Atom.of("sum"), ints(1, 2), "three", calls);
        calls = Erpc.sendRequest(self, erlNode(), ERLANG, Atom.of("throw"), List.of(Atom.of("ball")), "ball", calls);
        calls = Erpc.sendRequest(self, java.name(), ERLANG, Atom.of("node"), List.of(), "java", calls);
        List<String> labels = new ArrayList<>();
        while (Erpc.receiveResponse(self, calls, WAIT, true) instanceof ErpcResponse.Answered<String> answered) {
            labels.add(answered.label());
            switch (answered.label()) {
                case "three" -> assertEquals(Int.of(3), answered.outcome().get());
                case "ball" -> assertThrows(ErlangThrow.class, () -> answered.outcome().get());
                default -> assertEquals(java.name(), answered.outcome().get());
            }
            calls = answered.remaining();
        }
        assertEquals(List.of("ball", "java", "three"), labels.stream().sorted().toList());
        assertInstanceOf(ErpcResponse.NoRequest.class, Erpc.waitResponse(self, calls, WAIT, true));

        ErpcRequests<Integer> slowOnes = ErpcRequests.<Integer>empty()
                .add(Erpc.sendRequest(self, erlNode(), HELPER, Atom.of("sleep"), List.of(Int.of(500))), 1);
        assertInstanceOf(ErpcResponse.NoResponse.class, Erpc.waitResponse(self, slowOnes, Duration.ofMillis(10), false));
        assertEquals(Atom.of("timeout"), assertThrows(ErpcFailure.class,
                () -> Erpc.receiveResponse(self, slowOnes, Duration.ofMillis(10), false)).failure());
        assertNothingMore(self);
    }

    @Test
    void rpcAnswersAsOtp25sRpcDoes() {
        Mailbox self = mailbox();
        assertEquals(Int.of(6), Rpc.call(self, erlNode(), LISTS, Atom.of("sum"), ints(1, 2, 3)));
        assertEquals(badrpc(Tuple.of(Atom.of("EXIT"), Tuple.of(Atom.of("undef"),
                        ErlList.of(Tuple.of(Atom.of("m"), Atom.of("nope"), Nil.NIL, Nil.NIL))))),
                Rpc.call(self, erlNode(), Atom.of("m"), Atom.of("nope"), List.of()));
        assertEquals(badrpc(Tuple.of(Atom.of("EXIT"), Atom.of("bye"))),
                Rpc.call(self, erlNode(), ERLANG, Atom.of("exit"), List.of(Atom.of("bye"))));
        assertEquals(Atom.of("ball"), Rpc.call(self, erlNode(), ERLANG, Atom.of("throw"), List.of(Atom.of("ball"))));
        Tuple badarg = (Tuple) ((Tuple) ((Tuple) Rpc.call(self, erlNode(), ERLANG, Atom.of("list_to_integer"),
                List.of(Atom.of("x")))).get(1)).get(1);
        assertEquals(Atom.of("badarg"), badarg.get(0), "{badrpc, {'EXIT', {badarg, Stack}}}");
        assertEquals(badrpc(Atom.of("nodedown")), Rpc.call(self, NOWHERE, ERLANG, Atom.of("node"), List.of()));
        assertEquals(badrpc(Atom.of("timeout")), Rpc.call(self, erlNode(), HELPER, Atom.of("sleep"),
                List.of(Int.of(500)), Duration.ofMillis(50)));
        assertEquals(new RpcMulticall(List.of(erlNode(), java.name()), List.of(NOWHERE)),
                Rpc.multicall(self, List.of(erlNode(), java.name(), NOWHERE), ERLANG, Atom.of("node"), List.of(), WAIT));
        assertNothingMore(self);
    }

    @Test
    void aConnectionWithoutSpawnFallsBackToRex() {
        try (DistributedNode old = JavaNodes.start(JavaNodes.builder(JavaNodes.uniqueName("nospawn"), epmdPort())
                .withhold(DistFlags.DFLAG_SPAWN));
             Mailbox self = old.node().mailbox()) {
            self.spawnRequest(erlNode(), ERLANG, Atom.of("node"), List.of());
            assertEquals(Atom.of("notsup"), ((SpawnResult) self.receive(WAIT).orElseThrow()).result(),
                    "this connection cannot carry spawn requests");
            assertEquals(Int.of(6), Erpc.call(self, erlNode(), LISTS, Atom.of("sum"), ints(1, 2, 3), WAIT));
            assertEquals(Atom.of("undef"), assertThrows(RemoteError.class,
                    () -> Erpc.call(self, erlNode(), Atom.of("m"), Atom.of("nope"), List.of(), WAIT)).remoteReason());
            assertEquals(Atom.of("bye"), assertThrows(RemoteExit.class,
                    () -> Erpc.call(self, erlNode(), ERLANG, Atom.of("exit"), List.of(Atom.of("bye")), WAIT)).remoteReason());
            assertEquals(badrpc(Tuple.of(Atom.of("EXIT"), Atom.of("bye"))),
                    Rpc.call(self, erlNode(), ERLANG, Atom.of("exit"), List.of(Atom.of("bye"))));
            assertEquals(badrpc(Atom.of("timeout")), Rpc.call(self, erlNode(), HELPER, Atom.of("sleep"),
                    List.of(Int.of(500)), Duration.ofMillis(50)));
            assertNothingMore(self);
        }
    }

    private static Tuple badrpc(Term reason) {
        return Tuple.of(Atom.of("badrpc"), reason);
    }
}
