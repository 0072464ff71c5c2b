package dev.beamlink.node;

import static dev.beamlink.node.FakeTransport.remotePid;
import static dev.beamlink.node.Probes.atom;
import static dev.beamlink.node.Probes.await;
import static dev.beamlink.node.Probes.awaitDown;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.node.spi.Attachment;
import dev.beamlink.node.spi.Signal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A Java process that starts a process on another node, with a fake transport in place of the distribution layer:
 * the SPAWN_REQUEST it sends, and what the runtime makes of each SPAWN_REPLY (erl_dist_protocol, "SPAWN_REPLY").
 */
class RemoteSpawnTest extends NodeFixture {

    private static final Atom PEER = Atom.of("peer@elsewhere");
    private static final Atom MODULE = atom("worker");
    private static final Atom FUNCTION = atom("run");

    private final FakeTransport transport = new FakeTransport().reachable(PEER);
    private final Attachment binding = node.attach(transport);

    /** Injects {@code signal} as the peer sends it, over its circuit. */
    private void fromPeer(Signal signal) {
        binding.inject(transport.circuit(PEER), signal);
    }

    /** Starts a spawnLink on another thread: it waits for the reply. {@return its future pid} */
    private CompletableFuture<Pid> spawnLinkLater(Mailbox parent) {
        return CompletableFuture.supplyAsync(() -> parent.spawnLink(PEER, MODULE, FUNCTION, List.of(atom("arg"))));
    }

    private Signal.SpawnRequest awaitRequest() {
        return transport.awaitSent(Signal.SpawnRequest.class, 1).getFirst();
    }

    @Test
    void theRequestCarriesTheCallAndTheOptionsAndTheReplyLinksBeforeTheChildsFirstSignal() {
        test.trapExit(true);
        CompletableFuture<Pid> spawned = spawnLinkLater(test);
        Signal.SpawnRequest request = awaitRequest();
        assertEquals(new Signal.SpawnRequest(request.reqId(), test.self(), PEER, MODULE, FUNCTION, List.of(atom("arg")),
                true, false), request);
        Pid child = remotePid(PEER, 40);
        // The child ended at once: its exit signal follows the reply on the wire, and finds the link made.
        fromPeer(new Signal.SpawnReply(request.reqId(), test.self(), true, false, child));
        fromPeer(new Signal.LinkExit(child, test.self(), atom("at_once")));
        assertEquals(child, spawned.join());
        assertEquals(new Exit(child, atom("at_once")), await(test, MessagePattern.ofType(Exit.class)));
    }

    /**
     * {@code {reply, error_only}} (what erpc asks): a successful spawn gives no message, yet its monitor is set up before
     * the child's DOWN, which comes as usual; a failed one gives its SpawnResult.
     */
    @Test
    void withReplyErrorOnlyASuccessGivesNoMessageButItsMonitorAndAFailureGivesItsResult() {
        Ref ok = test.spawnRequest(PEER, MODULE, FUNCTION, List.of(), SpawnOption.MONITOR, SpawnOption.REPLY_ERROR_ONLY);
        Ref failed = test.spawnRequest(PEER, MODULE, FUNCTION, List.of(), SpawnOption.MONITOR,
                SpawnOption.REPLY_ERROR_ONLY);
        transport.awaitSent(Signal.SpawnRequest.class, 2);
        Pid child = remotePid(PEER, 42);
        fromPeer(new Signal.SpawnReply(ok, test.self(), false, true, child));
        fromPeer(Signal.SpawnReply.failed(failed, test.self(), atom("system_limit")));
        fromPeer(new Signal.MonitorPExit(child, child, test.self(), ok, atom("done")));
        assertEquals(new SpawnResult(failed, atom("system_limit")),
                await(test, MessagePattern.ofType(SpawnResult.class)));
        assertEquals(atom("done"), awaitDown(test, ok));
        assertEquals(Optional.empty(), test.receive(Duration.ZERO), "no SpawnResult for the success");
    }

    @Test
    void aMonitoredChildsDownCarriesTheRequestsId() {
        CompletableFuture<Spawned> spawned = CompletableFuture.supplyAsync(
                () -> test.spawnMonitor(PEER, MODULE, FUNCTION, List.of()));
        Signal.SpawnRequest request = awaitRequest();
        assertTrue(request.monitor());
        Pid child = remotePid(PEER, 41);
        fromPeer(new Signal.SpawnReply(request.reqId(), test.self(), false, true, child));
        assertEquals(new Spawned(child, request.reqId()), spawned.join());
        fromPeer(new Signal.MonitorPExit(child, child, test.self(), request.reqId(), atom("bye")));
        assertEquals(atom("bye"), awaitDown(test, request.reqId()));
    }

    @Test
    void aRequestWhoseConnectionIsLostIsAnsweredNoconnection() {
        Spawned parent = test.spawnMonitor(self -> {
            self.spawnLink(PEER, MODULE, FUNCTION, List.of());
            self.receive();
        });
        awaitRequest();
        binding.connectionLost(transport.lose(PEER));
        assertEquals(Reasons.NOCONNECTION, awaitDown(test, parent.ref()), "linked to a process that ends noconnection");
    }

    @Test
    void anErrorOtherThanNoconnectionOrNotsupIsRaised() {
        CompletableFuture<Pid> spawned = spawnLinkLater(test);
        Signal.SpawnRequest request = awaitRequest();
        fromPeer(Signal.SpawnReply.failed(request.reqId(), test.self(), atom("system_limit")));
        ErlangError error = assertThrows(ErlangError.class, () -> {
            try {
                spawned.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause();
            }
        });
        assertEquals(atom("system_limit"), error.reason());
        assertEquals(List.of(), test.links());
    }

    @Test
    void aReplyForAParentThatIsGoneBreaksTheChildsLinkWithAbandonedAndDropsItsMonitor() {
        Mailbox gone = node.mailbox();
        gone.close();
        Pid child = remotePid(PEER, 42);
        Ref reqId = node.makeRef();
        fromPeer(new Signal.SpawnReply(reqId, gone.self(), true, true, child));
        assertEquals(List.of(new Signal.LinkExit(gone.self(), child, Reasons.ABANDONED)), transport.sent(Signal.LinkExit.class));
        assertEquals(List.of(new Signal.DemonitorP(gone.self(), child, reqId)), transport.sent(Signal.DemonitorP.class));
    }

    @Test
    void aSpawnRequestForThisNodeIsAnsweredNotsup() {
        test.trapExit(true);
        Pid crasher = test.spawnLink(node.name(), MODULE, FUNCTION, List.of());
        assertEquals(new Exit(crasher, Reasons.NOTSUP), await(test, MessagePattern.ofType(Exit.class)));
    }
}
