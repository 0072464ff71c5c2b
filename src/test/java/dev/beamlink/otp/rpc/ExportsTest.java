package dev.beamlink.otp.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Nil;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Down;
import dev.beamlink.node.ErlangError;
import dev.beamlink.node.ErlangException;
import dev.beamlink.node.Exit;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.Node;
import dev.beamlink.node.SpawnOption;
import dev.beamlink.node.SpawnResult;
import dev.beamlink.otp.Erpc;
import dev.beamlink.otp.GenServer;
import dev.beamlink.otp.RemoteError;
import dev.beamlink.otp.Rpc;
import dev.beamlink.otp.ServerRef;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Exported functions on one node, without distribution: a process's spawn requests and erpc calls to its own node go
 * through the same spawn handler as a peer's, with the same outcomes and the same limit.
 */
class ExportsTest {

    private static final Atom M = Atom.of("jfun");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Node node = Node.create("exports@localhost");
    private final Exports exports = Exports.start(node, 3);
    private final Mailbox self = node.mailbox();
    private final Set<Pid> waiting = ConcurrentHashMap.newKeySet();

    ExportsTest() {
        exports.export(M, Atom.of("add"), 2, call -> Int.of(((Int) call.arg(0)).value() + ((Int) call.arg(1)).value()));
        exports.export(M, Atom.of("wait"), 0, call -> {
            waiting.add(call.self().self());
            return (Term) call.self().receive();
        });
        exports.export(M, Atom.of("fail"), 0, call -> {
            throw new ErlangError(Atom.of("badarith"), "asked to");
        });
    }

    @AfterEach
    void close() {
        node.close();
    }

    @Test
    void aProcessCallsAnExportedFunctionOnItsOwnNode() {
        assertEquals(Int.of(3), Erpc.call(self, node.name(), M, Atom.of("add"), List.of(Int.of(1), Int.of(2)), WAIT));
        assertEquals(Int.of(3), Rpc.call(self, node.name(), M, Atom.of("add"), List.of(Int.of(1), Int.of(2))));
        RemoteError undef = assertThrows(RemoteError.class, () -> Erpc.call(self, node.name(), M, Atom.of("nope"), List.of(), WAIT));
        assertEquals(ErlList.of(Tuple.of(M, Atom.of("nope"), Nil.NIL, Nil.NIL)), undef.erlangStack().orElseThrow());
        RemoteError failed = assertThrows(RemoteError.class, () -> Erpc.call(self, node.name(), M, Atom.of("fail"), List.of(), WAIT));
        assertEquals(Atom.of("badarith"), failed.remoteReason());
        List<Term> stack = ((ErlList) failed.erlangStack().orElseThrow()).elements();
        assertEquals(Tuple.of(M, Atom.of("fail"), Int.of(0), Nil.NIL), stack.getLast());
        assertTrue(((Tuple) stack.getFirst()).get(0).equals(Atom.of(ExportsTest.class.getName())),
                () -> "the frames of the function, the lambda's first: " + stack);
        assertTrue(stack.stream().noneMatch(frame -> ((Tuple) frame).get(0).equals(Atom.of(Invoker.class.getName()))),
                () -> "none of the machinery that called it: " + stack);
    }

    @Test
    void aSpawnRequestToItsOwnNodeIsLinkedFromTheFirstMoment() {
        self.trapExit(true);
        Ref reqId = self.spawnRequest(node.name(), M, Atom.of("wait"), List.of(), SpawnOption.LINK, SpawnOption.MONITOR);
        Pid child = ((SpawnResult) self.receive(WAIT).orElseThrow()).pid().orElseThrow();
        assertEquals(List.of(child), self.links());
        assertEquals(List.of(self.self()), node.processInfo(child).orElseThrow().links());
        self.send(child, Atom.of("go"));
        assertEquals(new Exit(child, Atom.of("normal")), self.receive(m -> m instanceof Exit e ? e : null, WAIT).orElseThrow());
        assertEquals(new Down(reqId, child, Atom.of("normal")), self.receive(m -> m instanceof Down d ? d : null, WAIT).orElseThrow());
    }

    @Test
    void pastTheLimitARequestIsRefusedSystemLimitUntilAProcessEnds() {
        for (int i = 0; i < 3; i++) {
            self.spawnRequest(node.name(), M, Atom.of("wait"), List.of());
        }
        for (int i = 0; i < 3; i++) {
            assertTrue(((SpawnResult) self.receive(WAIT).orElseThrow()).pid().isPresent());
        }
        assertEquals(3, exports.processCount());
        self.spawnRequest(node.name(), M, Atom.of("wait"), List.of());
        assertEquals(Atom.of("system_limit"), ((SpawnResult) self.receive(WAIT).orElseThrow()).result());
        assertEquals(Tuple.of(Atom.of("badrpc"), Tuple.of(Atom.of("EXIT"), Atom.of("system_limit"))),
                Rpc.call(self, node.name(), M, Atom.of("add"), List.of(Int.of(1), Int.of(2))));
        assertEquals(Tuple.of(Atom.of("badrpc"), Tuple.of(Atom.of("EXIT"), Atom.of("system_limit"))),
                GenServer.call(self, ServerRef.local(Rex.NAME), Tuple.of(Atom.of("call"), M, Atom.of("add"),
                        ErlList.of(Int.of(1), Int.of(2)), Atom.of("user"))), "rex's calls count too");
        Pid one = waiting.iterator().next();
        self.exit(one, Atom.of("kill"));
        assertTrue(awaitCount(2));
        assertEquals(Int.of(3), Erpc.call(self, node.name(), M, Atom.of("add"), List.of(Int.of(1), Int.of(2)), WAIT));
    }

    @Test
    void aProcessKilledAsItStartsGivesItsPlaceBack() {
        for (int round = 0; round < 30; round++) {
            for (int i = 0; i < 3; i++) {
                self.spawnRequest(node.name(), M, Atom.of("wait"), List.of());
                Pid child = ((SpawnResult) self.receive(WAIT).orElseThrow()).pid().orElseThrow();
                self.exit(child, Atom.of("kill"));
            }
            assertTrue(awaitCount(0), () -> exports.processCount() + " left");
        }
    }

    @Test
    void withoutExportsANodeAnswersNotsup() {
        exports.close();
        self.spawnRequest(node.name(), M, Atom.of("add"), List.of(Int.of(1), Int.of(2)));
        assertEquals(Atom.of("notsup"), ((SpawnResult) self.receive(WAIT).orElseThrow()).result());
        assertTrue(awaitGone(Rex.NAME), "rex ended, and no new one started");
        assertEquals(Tuple.of(Atom.of("badrpc"), Atom.of("notsup")),
                Rpc.call(self, node.name(), M, Atom.of("add"), List.of(Int.of(1), Int.of(2))));
    }

    @Test
    void exportsAreAddedAndRemoved() {
        assertTrue(exports.isExported(M, Atom.of("add"), 2));
        assertTrue(exports.isExported(Atom.of("erlang"), Atom.of("node"), 0), "built in");
        assertTrue(exports.unexport(M, Atom.of("add"), 2));
        assertFalse(exports.unexport(M, Atom.of("add"), 2));
        assertThrows(RemoteError.class, () -> Erpc.call(self, node.name(), M, Atom.of("add"), List.of(Int.of(1), Int.of(2)), WAIT));
        assertThrows(IllegalArgumentException.class, () -> exports.export(M, Atom.of("f"), 256, call -> Nil.NIL));
    }

    @Test
    void erpcTrimsAStackAsErpcsTrimStackDoes() {
        Term args = ErlList.of(Int.of(1));
        Term own = Tuple.of(M, Atom.of("f"), Int.of(1), ErlList.of(Tuple.of(Atom.of("line"), Int.of(3))));
        Term caller = Tuple.of(Atom.of("x"), Atom.of("y"), Int.of(0), Nil.NIL);
        assertEquals(ErlList.of(caller, own), Invoker.trim(ErlList.of(caller, own, caller), M, Atom.of("f"), args),
                "up to the function's own frame");
        Term cut = Tuple.of(Atom.of(Invoker.class.getName()), Atom.of("apply"), Int.of(0), Nil.NIL);
        assertEquals(ErlList.of(caller, Tuple.of(M, Atom.of("f"), Int.of(1), Nil.NIL)),
                Invoker.trim(ErlList.of(caller, cut, caller), M, Atom.of("f"), args), "the function in place of its caller");
        assertEquals(ErlList.of(caller), Invoker.trim(ErlList.of(caller), M, Atom.of("f"), args), "all, when neither is there");
    }

    @Test
    void anOutcomeIsWhatEachWayOfCallingMakesOfIt() {
        Ref res = node.makeRef();
        Term stack = ErlList.of(Tuple.of(M, Atom.of("f"), Int.of(0), Nil.NIL));
        CallOutcome error = new CallOutcome.Raised(ErlangException.Kind.ERROR, Atom.of("badarg"), stack);
        CallOutcome exit = new CallOutcome.Raised(ErlangException.Kind.EXIT, Atom.of("bye"), Nil.NIL);
        CallOutcome thrown = new CallOutcome.Raised(ErlangException.Kind.THROW, Atom.of("ball"), stack);
        CallOutcome returned = new CallOutcome.Returned(Int.of(1));
        assertEquals(Tuple.of(res, Atom.of("error"), Atom.of("badarg"), stack), error.erpcExitReason(res));
        assertEquals(Tuple.of(res, Atom.of("exit"), Atom.of("bye")), exit.erpcExitReason(res));
        assertEquals(Tuple.of(res, Atom.of("throw"), Atom.of("ball")), thrown.erpcExitReason(res));
        assertEquals(Tuple.of(res, Atom.of("return"), Int.of(1)), returned.erpcExitReason(res));
        assertEquals(Tuple.of(Atom.of("badrpc"), Tuple.of(Atom.of("EXIT"), Tuple.of(Atom.of("badarg"), stack))), error.rpcAnswer());
        assertEquals(Tuple.of(Atom.of("badrpc"), Tuple.of(Atom.of("EXIT"), Atom.of("bye"))), exit.rpcAnswer());
        assertEquals(Atom.of("ball"), thrown.rpcAnswer());
        assertEquals(Tuple.of(Atom.of("badarg"), stack), error.processExitReason());
        assertEquals(Tuple.of(Tuple.of(Atom.of("nocatch"), Atom.of("ball")), stack), thrown.processExitReason());
        assertEquals(Atom.of("bye"), exit.processExitReason());
        assertEquals(Atom.of("normal"), returned.processExitReason());
        assertEquals(Int.of(1), Rex.rpcAnswer(res, returned.erpcExitReason(res)));
        assertEquals(error.rpcAnswer(), Rex.rpcAnswer(res, error.erpcExitReason(res)));
        assertEquals(Tuple.of(Atom.of("badrpc"), Tuple.of(Atom.of("EXIT"), Atom.of("killed"))), Rex.rpcAnswer(res, Atom.of("killed")));
    }

    @Test
    void rexKilledIsReplaced() {
        Pid first = node.whereis(Rex.NAME).orElseThrow();
        self.exit(first, Atom.of("kill"));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (node.whereis(Rex.NAME).filter(rex -> !rex.equals(first)).isEmpty() && System.nanoTime() < deadline) {
            self.receive(Duration.ofMillis(5));
        }
        assertEquals(Int.of(3), GenServer.call(self, ServerRef.local(Rex.NAME), Tuple.of(Atom.of("call"), M, Atom.of("add"),
                ErlList.of(Int.of(1), Int.of(2)), Atom.of("user"))));
    }

    private boolean awaitGone(Atom name) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (node.whereis(name).isPresent() && System.nanoTime() < deadline) {
            self.receive(Duration.ofMillis(5));
        }
        return node.whereis(name).isEmpty();
    }

    private boolean awaitCount(int count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (exports.processCount() != count && System.nanoTime() < deadline) {
            self.receive(Duration.ofMillis(5));
        }
        return exports.processCount() == count;
    }
}
