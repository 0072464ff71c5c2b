package dev.beamlink.node;

import static dev.beamlink.node.FakeTransport.remotePid;
import static dev.beamlink.node.Probes.assertNone;
import static dev.beamlink.node.Probes.atom;
import static dev.beamlink.node.Probes.await;
import static dev.beamlink.node.Probes.awaitEnd;
import static dev.beamlink.node.Probes.spawnWatched;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.spi.Attachment;
import dev.beamlink.node.spi.Signal;
import dev.beamlink.testing.Await;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * docs/semantics.md, "Connections and nodes", with a fake transport in place of the distribution layer:
 * the routing point, the injection entry, and the table-keeping that fires {@code noconnection}.
 */
class ConnectionsTest extends NodeFixture {

    private static final Atom PEER = Atom.of("peer@elsewhere");

    private final FakeTransport transport = new FakeTransport().reachable(PEER);
    private final Pid remote = remotePid(PEER, 1);


    // ---- no distribution attached: every other node is unreachable

    @Test
    void aLinkToAnUnreachableNodeFiresNoconnectionAtOnce() {
        test.trapExit(true);
        assertTrue(test.link(remote));
        assertEquals(new Exit(remote, Reasons.NOCONNECTION), await(test, MessagePattern.ofType(Exit.class)));
        assertEquals(List.of(), test.links());
        Pid nonTrapping = spawnWatched(test, self -> {
            self.link(remote);
            self.receive();
        });
        assertEquals(Reasons.NOCONNECTION, awaitEnd(test, nonTrapping));
    }

    @Test
    void aMonitorOnAnUnreachableNodeFiresDownNoconnectionAtOnce() {
        Ref byPid = test.monitor(remote);
        assertEquals(new Down(byPid, remote, Reasons.NOCONNECTION), await(test, MessagePattern.ofType(Down.class)));
        Ref byName = test.monitor(atom("server"), PEER);
        assertEquals(new Down(byName, Tuple.of(atom("server"), PEER), Reasons.NOCONNECTION),
                await(test, MessagePattern.ofType(Down.class)));
        assertEquals(List.of(), test.monitors());
    }

    @Test
    void aNodeMonitorOnAnUnreachableNodeFiresAtOnceAndOnTheLocalNodeNever() {
        test.monitorNode(PEER);
        assertEquals(new NodeDown(PEER), await(test, MessagePattern.ofType(NodeDown.class)));
        assertEquals("{nodedown,peer@elsewhere}", new NodeDown(PEER).toTerm().toString());
        Ref local = test.monitorNode(node.name());
        assertNone(test, MessagePattern.ofType(NodeDown.class));
        assertTrue(test.demonitorNode(local));
    }

    @Test
    void messagesToAnUnreachableNodeAreDroppedAndOnlyTermsMayGoThere() {
        test.send(remote, atom("hello"));
        test.send(atom("server"), PEER, atom("hello"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> test.send(remote, new StringBuilder("not a term")));
        assertTrue(refused.getMessage().contains("only terms"), refused.getMessage());
        assertTrue(test.isAlive());
    }

    // ---- a transport attached

    @Test
    void signalsForAnotherNodeGoToTheTransportInOrder() {
        node.attach(transport);
        test.send(remote, atom("one"));
        assertTrue(test.link(remote));
        Ref ref = test.monitor(remote);
        test.unlink(remote);
        test.demonitor(ref);
        test.exit(remote, atom("bye"));
        test.send(atom("server"), PEER, new Exit(test.self(), atom("as_term")));
        List<Signal> signals = transport.sent().stream().map(FakeTransport.Sent::signal).toList();
        assertEquals(7, signals.size(), signals::toString);
        assertEquals(new Signal.Send(test.self(), remote, atom("one")), signals.get(0));
        assertEquals(new Signal.Link(test.self(), remote), signals.get(1));
        assertEquals(new Signal.MonitorP(test.self(), remote, ref), signals.get(2));
        assertTrue(signals.get(3) instanceof Signal.UnlinkId(long id, Pid from, Pid to) && id > 0 && to.equals(remote));
        assertEquals(new Signal.DemonitorP(test.self(), remote, ref), signals.get(4));
        assertEquals(new Signal.Exit2(test.self(), remote, atom("bye")), signals.get(5));
        assertEquals(new Signal.RegSend(test.self(), atom("server"), new Exit(test.self(), atom("as_term")).toTerm()),
                signals.get(6));
    }

    @Test
    void aLostConnectionFiresEveryLinkAndMonitorOverItExactlyOnce() {
        Attachment binding = node.attach(transport);
        test.trapExit(true);
        int count = 2_000;
        Set<Ref> refs = new HashSet<>();
        for (int i = 0; i < count; i++) {
            Pid remote = remotePid(PEER, 100 + i);
            test.link(remote);
            refs.add(test.monitor(remote));
        }
        Ref byName = test.monitor(atom("server"), PEER);
        Ref nodeMonitor1 = test.monitorNode(PEER);
        Ref nodeMonitor2 = test.monitorNode(PEER);
        assertTrue(nodeMonitor1 != null && nodeMonitor2 != null);
        assertEquals(count, test.links().size());

        binding.connectionLost(transport.lose(PEER));
        binding.connectionLost(transport.lose(PEER)); // a second report finds nothing left to fire

        Set<Pid> exits = new HashSet<>();
        Set<Ref> downs = new HashSet<>();
        int nodeDowns = 0;
        long deadline = System.nanoTime() + Await.PATIENCE.toNanos();
        while ((exits.size() < count || downs.size() < count + 1 || nodeDowns < 2) && System.nanoTime() < deadline) {
            Object message = test.receive(Duration.ofSeconds(1)).orElse(null);
            switch (message) {
                case Exit(Pid from, var reason) -> {
                    assertEquals(Reasons.NOCONNECTION, reason);
                    assertTrue(exits.add(from), "a second EXIT from " + from);
                }
                case Down(Ref ref, var object, var reason) -> {
                    assertEquals(Reasons.NOCONNECTION, reason);
                    assertTrue(downs.add(ref), "a second DOWN for " + ref);
                }
                case NodeDown(Atom lost) -> {
                    assertEquals(PEER, lost);
                    nodeDowns++;
                }
                case null -> { }
                default -> throw new AssertionError("unexpected " + message);
            }
        }
        assertEquals(count, exits.size());
        refs.add(byName);
        assertEquals(refs, downs);
        assertEquals(2, nodeDowns);
        assertNone(test, m -> m);
        assertEquals(List.of(), test.links());
        assertEquals(List.of(), test.monitors());
    }

    @Test
    void remoteEntryCountsSayWhatCrossesConnectionsUntilItFires() {
        Attachment binding = node.attach(transport);
        assertEquals(new RemoteEntryCounts(0, 0, 0, 0), node.remoteEntryCounts());
        test.trapExit(true);
        test.link(remote);
        test.link(remotePid(PEER, 2));
        Ref held = test.monitor(remote);
        test.monitor(atom("server"), PEER);
        binding.inject(transport.circuit(PEER), new Signal.MonitorP(remotePid(PEER, 3), test.self(), node.makeRef()));
        Await.until("the monitor from the wire", () -> node.remoteEntryCounts().monitoredBy() == 1);
        assertEquals(new RemoteEntryCounts(2, 2, 1, 0), node.remoteEntryCounts());
        test.unlink(remotePid(PEER, 2));
        test.demonitor(held);
        assertEquals(new RemoteEntryCounts(2, 1, 1, 0), node.remoteEntryCounts()); // the unlink waits for its ack
        Signal.UnlinkId unlink = transport.sent(Signal.UnlinkId.class).getFirst();
        binding.inject(transport.circuit(PEER), new Signal.UnlinkIdAck(unlink.id(), remotePid(PEER, 2), test.self()));
        Await.until("the unlink's ack", () -> node.remoteEntryCounts().links() == 1);
        assertEquals(new RemoteEntryCounts(1, 1, 1, 0), node.remoteEntryCounts());
        assertEquals(3, node.remoteEntryCounts().total());

        binding.connectionLost(transport.lose(PEER));
        assertEquals(new RemoteEntryCounts(0, 0, 0, 0), node.remoteEntryCounts());
    }

    @Test
    void anUnlinkedRemoteLinkDoesNotFireOnConnectionLoss() {
        Attachment binding = node.attach(transport);
        test.trapExit(true);
        test.link(remote);
        test.unlink(remote);
        binding.connectionLost(transport.lose(PEER));
        assertNone(test, MessagePattern.ofType(Exit.class));
    }

    @Test
    void aNodeThatBecomesUnreachableAnswersLinksAndMonitorsAtOnce() {
        transport.unreachable(PEER);
        node.attach(transport);
        test.trapExit(true);
        test.link(remote);
        assertEquals(new Exit(remote, Reasons.NOCONNECTION), await(test, MessagePattern.ofType(Exit.class)));
        test.monitorNode(PEER);
        assertEquals(new NodeDown(PEER), await(test, MessagePattern.ofType(NodeDown.class)));
    }

    // ---- signals from the wire

    @Test
    void aLinkFromTheWireFiresBackThroughTheTransportWhenTheLocalProcessEnds() {
        Attachment binding = node.attach(transport);
        Pid local = spawnWatched(test, Probes.idle());
        binding.inject(transport.circuit(PEER), new Signal.Link(remote, local));
        Await.quietPeriod();
        assertEquals(List.of(remote), node.processInfo(local).orElseThrow().links());
        test.exit(local, atom("crash"));
        awaitEnd(test, local);
        assertEquals(List.of(new Signal.LinkExit(local, remote, atom("crash"))), transport.sent(Signal.LinkExit.class));
    }

    @Test
    void anExitFromTheWireFollowsTheSameRulesAsALocalOne() {
        Attachment binding = node.attach(transport);
        Mailbox trapping = node.mailbox();
        trapping.trapExit(true);
        trapping.link(remote);
        binding.inject(transport.circuit(PEER), new Signal.LinkExit(remote, trapping.self(), atom("remote_crash")));
        assertEquals(new Exit(remote, atom("remote_crash")), await(trapping, MessagePattern.ofType(Exit.class)));
        Pid victim = spawnWatched(test, Probes.idle());
        binding.inject(transport.circuit(PEER), new Signal.Exit2(remote, victim, Reasons.KILL));
        assertEquals(Reasons.KILLED, awaitEnd(test, victim));
        Pid ignoring = spawnWatched(test, Probes.idle());
        binding.inject(transport.circuit(PEER), new Signal.Exit2(remote, ignoring, Reasons.NORMAL));
        Probes.assertAlive(node, ignoring);
    }

    @Test
    void aLinkFromTheWireToAMissingProcessIsAnsweredWithNoproc() {
        Attachment binding = node.attach(transport);
        Pid gone = spawnWatched(test, self -> { });
        awaitEnd(test, gone);
        binding.inject(transport.circuit(PEER), new Signal.Link(remote, gone));
        Pid earlierIncarnation = new Pid(node.name(), 1, 0, node.creation() + 1);
        binding.inject(transport.circuit(PEER), new Signal.Link(remote, earlierIncarnation));
        assertEquals(List.of(new Signal.LinkExit(gone, remote, Reasons.NOPROC),
                        new Signal.LinkExit(earlierIncarnation, remote, Reasons.NOPROC)),
                transport.sent(Signal.LinkExit.class));
        assertThrows(IllegalArgumentException.class,
                () -> binding.inject(transport.circuit(PEER), new Signal.Link(remote, remotePid(PEER, 2))));
    }

    @Test
    void monitorsAndMessagesFromTheWireByPidAndByName() {
        Attachment binding = node.attach(transport);
        Mailbox server = node.mailbox(atom("server"));
        binding.inject(transport.circuit(PEER), new Signal.RegSend(remote, atom("server"), atom("hi")));
        binding.inject(transport.circuit(PEER), new Signal.Send(null, server.self(), atom("there")));
        assertEquals(atom("hi"), server.receive(Await.PATIENCE).orElseThrow());
        assertEquals(atom("there"), server.receive(Await.PATIENCE).orElseThrow());

        Ref byName = node.makeRef();
        Ref byPid = node.makeRef();
        Ref missing = node.makeRef();
        binding.inject(transport.circuit(PEER), new Signal.MonitorP(remote, atom("server"), byName));
        binding.inject(transport.circuit(PEER), new Signal.MonitorP(remote, server.self(), byPid));
        binding.inject(transport.circuit(PEER), new Signal.MonitorP(remote, atom("nobody"), missing));
        assertEquals(List.of(remote, remote), server.monitoredBy());
        server.close();
        Set<Signal.MonitorPExit> expected = Set.of(
                new Signal.MonitorPExit(null, atom("nobody"), remote, missing, Reasons.NOPROC),
                new Signal.MonitorPExit(server.self(), atom("server"), remote, byName, Reasons.NORMAL),
                new Signal.MonitorPExit(server.self(), server.self(), remote, byPid, Reasons.NORMAL));
        assertEquals(expected, Set.copyOf(transport.sent(Signal.MonitorPExit.class)));
    }

    /**
     * A peer's monitor and demonitor of a process parked in receive do not wake it (SignalInbox's deferrable signals),
     * yet whoever looks sees them applied, in order, and the monitor still held fires with the process's own reason.
     */
    @Test
    void aPeersMonitorsOfAProcessParkedInReceiveAreSeenAtOnceAndFireWithItsReason() {
        Attachment binding = node.attach(transport);
        Pid parked = node.spawn(self -> self.receive());
        Await.until("parked in receive",
                () -> node.processInfo(parked).orElseThrow().status() == ProcessInfo.Status.WAITING);
        Ref dropped = node.makeRef();
        Ref held = node.makeRef();
        binding.inject(transport.circuit(PEER), new Signal.MonitorP(remote, parked, dropped));
        binding.inject(transport.circuit(PEER), new Signal.MonitorP(remotePid(PEER, 2), parked, held));
        binding.inject(transport.circuit(PEER), new Signal.DemonitorP(remote, parked, dropped));
        assertEquals(List.of(remotePid(PEER, 2)), node.processInfo(parked).orElseThrow().monitoredBy());
        assertEquals(new RemoteEntryCounts(0, 0, 1, 0), node.remoteEntryCounts());
        test.exit(parked, atom("shutdown"));
        Await.until("its DOWN", () -> !transport.sent(Signal.MonitorPExit.class).isEmpty());
        assertEquals(List.of(new Signal.MonitorPExit(parked, parked, remotePid(PEER, 2), held, atom("shutdown"))),
                transport.sent(Signal.MonitorPExit.class));
    }

    @Test
    void anUnlinkFromTheWireIsAcknowledged() {
        Attachment binding = node.attach(transport);
        Mailbox local = node.mailbox();
        binding.inject(transport.circuit(PEER), new Signal.Link(remote, local.self()));
        binding.inject(transport.circuit(PEER), new Signal.UnlinkId(42, remote, local.self()));
        assertEquals(List.of(), local.links());
        assertEquals(List.of(new Signal.UnlinkIdAck(42, local.self(), remote)), transport.sent(Signal.UnlinkIdAck.class));
    }

    @Test
    void aRemoteMonitorOnALocalProcessIsForgottenWhenTheConnectionIsLost() {
        Attachment binding = node.attach(transport);
        Mailbox local = node.mailbox();
        binding.inject(transport.circuit(PEER), new Signal.MonitorP(remote, local.self(), node.makeRef()));
        assertEquals(List.of(remote), local.monitoredBy());
        binding.connectionLost(transport.lose(PEER));
        assertEquals(List.of(), local.monitoredBy());
        local.close();
        assertEquals(List.of(), transport.sent(Signal.MonitorPExit.class));
    }

    @Test
    void aLinkToAMissingRemoteProcessIsAnsweredLaterWithAnExitSignalNoproc() {
        Attachment binding = node.attach(transport);
        test.trapExit(true);
        assertTrue(test.link(remote), "for a remote pid the link is made and the answer comes later");
        binding.inject(transport.circuit(PEER), new Signal.LinkExit(remote, test.self(), Reasons.NOPROC));
        assertEquals(new Exit(remote, Reasons.NOPROC), await(test, MessagePattern.ofType(Exit.class)));
        Mailbox nonTrapping = node.mailbox();
        nonTrapping.link(remote);
        binding.inject(transport.circuit(PEER), new Signal.LinkExit(remote, nonTrapping.self(), Reasons.NOPROC));
        assertEquals(Reasons.NOPROC, assertThrows(ProcessEnded.class, nonTrapping::receive).reason());
    }

    @Test
    void theUnlinkProtocolKeepsAnUnlinkingEntryUntilItsOwnAcknowledgement() {
        Attachment binding = node.attach(transport);
        test.trapExit(true);
        test.link(remote);
        test.unlink(remote);
        long id = transport.sent(Signal.UnlinkId.class).getFirst().id();
        // The peer unlinks at the same moment: acknowledged, and our own unlink stays outstanding.
        binding.inject(transport.circuit(PEER), new Signal.UnlinkId(99, remote, test.self()));
        assertEquals(List.of(new Signal.UnlinkIdAck(99, test.self(), remote)), transport.awaitSent(Signal.UnlinkIdAck.class, 1));
        // A LINK from the peer while we unlink does not re-activate the link; its exit signal is ignored.
        binding.inject(transport.circuit(PEER), new Signal.Link(remote, test.self()));
        binding.inject(transport.circuit(PEER), new Signal.LinkExit(remote, test.self(), atom("late")));
        assertNone(test, MessagePattern.ofType(Exit.class));
        // A stale acknowledgement is ignored; ours removes the entry, and a new link starts afresh.
        test.link(remote);
        binding.inject(transport.circuit(PEER), new Signal.UnlinkIdAck(id, remote, test.self()));
        assertEquals(List.of(remote), test.links(), "the link made after the unlink is kept");
        binding.inject(transport.circuit(PEER), new Signal.LinkExit(remote, test.self(), atom("now")));
        assertEquals(new Exit(remote, atom("now")), await(test, MessagePattern.ofType(Exit.class)));
    }
}
