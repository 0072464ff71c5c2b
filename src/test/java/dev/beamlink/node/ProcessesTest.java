package dev.beamlink.node;

import static dev.beamlink.node.Probes.atom;
import static dev.beamlink.node.Probes.await;
import static dev.beamlink.node.Probes.awaitDown;
import static dev.beamlink.node.Probes.awaitEnd;
import static dev.beamlink.node.Probes.spawnWatched;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.spi.Attachment;
import dev.beamlink.node.spi.Signal;
import dev.beamlink.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The process runtime itself: node identity, spawning, receiving, ending, the registry, the passive mailbox. */
class ProcessesTest {

    private final Node node = Node.create("procs@localhost", 0x1234);
    private final Mailbox test = node.mailbox();

    @AfterEach
    void close() {
        node.close();
    }

    @Test
    void theNodeMakesRealIdentifiersOfItsOwn() {
        assertEquals(atom("procs@localhost"), node.name());
        assertEquals(0x1234, node.creation());
        assertFalse(node.isLongName());
        assertTrue(Node.create("x@host.example.com").isLongName());
        assertNotEquals(0, Node.create("y@h").creation());
        Pid pid = test.self();
        assertEquals(node.name(), pid.node());
        assertEquals(0x1234, pid.creation());
        Ref a = node.makeRef();
        Ref b = node.makeRef();
        assertNotEquals(a, b);
        assertEquals(node.name(), a.node());
        assertEquals(3, a.idCount());
        assertEquals(node.name(), node.makePort().node());
        assertThrows(IllegalArgumentException.class, () -> Node.create("no-at-sign"));
        assertThrows(IllegalArgumentException.class, () -> Node.create("a@b", 0));
    }

    @Test
    void aBodyThatReturnsEndsNormallyAndSelfIsItsPid() {
        CompletableFuture<Pid> self = new CompletableFuture<>();
        Spawned spawned = test.spawnMonitor(me -> self.complete(me.self()));
        assertEquals(Reasons.NORMAL, awaitDown(test, spawned.ref()));
        assertEquals(spawned.pid(), self.join());
        assertFalse(node.isAlive(spawned.pid()));
    }

    @Test
    void exitEndsTheProcessWithThatReason() {
        Spawned spawned = test.spawnMonitor(me -> {
            throw me.exit(Tuple.of(atom("shutdown"), atom("because")));
        });
        assertEquals(Tuple.of(atom("shutdown"), atom("because")), awaitDown(test, spawned.ref()));
    }

    @Test
    void anExceptionEndsTheProcessWithWhatWhereAndWhy() {
        Spawned spawned = test.spawnMonitor(me -> {
            throw new UnsupportedOperationException("no way");
        });
        Tuple reason = assertInstanceOf(Tuple.class, awaitDown(test, spawned.ref()));
        assertEquals(Tuple.of(atom("java.lang.UnsupportedOperationException"), dev.beamlink.etf.Binary.ofUtf8("no way")),
                reason.get(0));
        String stack = reason.get(1).toString();
        assertTrue(stack.startsWith("[{'dev.beamlink.node.ProcessesTest','lambda$"), stack);
        assertTrue(stack.contains("[{file,\"ProcessesTest.java\"},{line,"), stack);
        Spawned erlangError = test.spawnMonitor(me -> {
            throw new ErlangError(atom("badarith"), "as erlang:error(badarith)");
        });
        assertEquals(atom("badarith"), ((Tuple) awaitDown(test, erlangError.ref())).get(0));
    }

    @Test
    void receiveWithATimeOutIncludingZero() {
        assertEquals(Optional.empty(), test.receive(Duration.ZERO));
        long start = System.nanoTime();
        assertEquals(Optional.empty(), test.receive(Duration.ofMillis(100)));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(90));
        test.send(test.self(), atom("here"));
        assertEquals(Optional.of(atom("here")), test.receive(Duration.ZERO));
        Pid later = test.spawn(me -> {
            Thread.sleep(50);
            me.send(test.self(), atom("later"));
        });
        assertEquals(Optional.of(atom("later")), test.receive(Await.PATIENCE));
        assertNotEquals(null, later);
    }

    @Test
    void selectiveReceiveLeavesOtherMessagesQueuedInOrder() {
        for (int i = 1; i <= 5; i++) {
            test.send(test.self(), Int.of(i));
        }
        test.send(test.self(), atom("wanted"));
        assertEquals(atom("wanted"), test.receiveIf(m -> m instanceof Atom));
        Long even = test.receive(m -> m instanceof Int(long v) && v % 2 == 0 ? v : null);
        assertEquals(2L, even);
        assertEquals(Optional.empty(), test.receiveIf(m -> m instanceof Atom, Duration.ZERO));
        assertEquals(Optional.empty(), test.receive(m -> m instanceof String s ? s : null, Duration.ofMillis(20)));
        assertEquals(List.of(Int.of(1), Int.of(3), Int.of(4), Int.of(5)),
                List.of(test.receive(), test.receive(), test.receive(), test.receive()));
    }

    @Test
    void selectiveReceiveWaitsForAMatchWhileOthersArrive() {
        Pid sender = test.spawn(me -> {
            for (int i = 0; i < 100; i++) {
                me.send(test.self(), Int.of(i));
            }
            me.send(test.self(), atom("end"));
        });
        assertEquals(atom("end"), test.receiveIf(m -> m instanceof Atom));
        assertEquals(100, test.info().messageQueueLength());
        assertEquals(Int.of(0), test.receive());
        assertNotEquals(null, sender);
    }

    @Test
    void anyJavaObjectIsAMessageLocally() {
        record Order(String item, int count) {
        }
        test.send(test.self(), new Order("tea", 2));
        assertEquals(new Order("tea", 2), test.receive(MessagePattern.ofType(Order.class)));
    }

    @Test
    void theRegistryRegistersLooksUpAndFailsClearly() {
        Pid pid = spawnWatched(test, Probes.idle());
        node.register(atom("worker"), pid);
        assertEquals(Optional.of(pid), node.whereis(atom("worker")));
        assertTrue(node.registered().contains(atom("worker")));
        assertEquals(atom("worker"), node.processInfo(pid).orElseThrow().registeredName());
        ErlangError taken = assertThrows(ErlangError.class, () -> node.register(atom("worker"), test.self()));
        assertEquals(Reasons.BADARG, taken.reason());
        assertTrue(taken.getMessage().contains("taken"), taken.getMessage());
        ErlangError twice = assertThrows(ErlangError.class, () -> node.register(atom("other"), pid));
        assertTrue(twice.getMessage().contains("already registered"), twice.getMessage());
        test.send(atom("worker"), "by name");
        assertEquals(Reasons.BADARG, assertThrows(ErlangError.class, () -> test.send(atom("nobody"), "x")).reason());
        test.exit(pid, atom("stop"));
        awaitEnd(test, pid);
        assertEquals(Optional.empty(), node.whereis(atom("worker")), "a name goes with its process");
        ErlangError dead = assertThrows(ErlangError.class, () -> node.register(atom("again"), pid));
        assertTrue(dead.getMessage().contains("not alive"), dead.getMessage());
        node.register(atom("me"), test.self());
        node.unregister(atom("me"));
        assertEquals(Optional.empty(), node.whereis(atom("me")));
        assertThrows(ErlangError.class, () -> node.unregister(atom("me")));
    }

    @Test
    void processInfoSaysStatusQueueLengthNameAndTrapExit() {
        Pid waiting = spawnWatched(test, Probes.idle());
        Await.until("the idle process waits in receive",
                () -> node.processInfo(waiting).orElseThrow().status() == ProcessInfo.Status.WAITING);
        test.send(test.self(), "one");
        test.send(test.self(), "two");
        test.trapExit(true);
        ProcessInfo info = test.info();
        assertEquals(2, info.messageQueueLength());
        assertTrue(info.trapExit());
        assertEquals(ProcessInfo.Status.RUNNING, info.status());
        assertEquals(Optional.empty(), info.name());
    }

    @Test
    void aPassiveMailboxHasEveryAbilityAndEndsWhenClosed() throws Exception {
        Mailbox passive = node.mailbox();
        Pid worker = passive.spawnLink(Probes.idle());
        Ref ref = passive.monitor(worker);
        assertEquals(List.of(worker), passive.links());
        assertEquals(List.of(worker), passive.monitors());
        Ref watch = test.monitor(worker);
        // Owned by another platform thread: receive blocks that thread, as in any process.
        CompletableFuture<Object> received = new CompletableFuture<>();
        Thread owner = Thread.ofPlatform().start(() -> received.complete(passive.receive()));
        test.send(passive.self(), atom("to_the_thread"));
        assertEquals(atom("to_the_thread"), received.get(20, TimeUnit.SECONDS));
        owner.join();
        passive.close();
        assertFalse(passive.isAlive());
        assertEquals(Reasons.NORMAL, assertThrows(ProcessEnded.class, passive::receive).reason());
        assertThrows(ProcessEnded.class, () -> passive.send(worker, "x"));
        // Its link fired with normal: the worker does not trap exits, so it lives on.
        Probes.assertAlive(node, worker);
        assertNotEquals(null, ref);
        assertNotEquals(null, watch);
    }

    @Test
    void aKilledPassiveMailboxThrowsOutOfAWaitingReceive() throws Exception {
        Mailbox passive = node.mailbox();
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> {
            try {
                passive.receive();
                thrown.complete(null);
            } catch (Throwable t) {
                thrown.complete(t);
            }
        });
        Await.until("the owner waits in receive",
                () -> node.processInfo(passive.self()).orElseThrow().status() == ProcessInfo.Status.WAITING);
        test.exit(passive.self(), Reasons.KILL);
        ProcessEnded exit = assertInstanceOf(ProcessEnded.class, thrown.get(20, TimeUnit.SECONDS));
        assertEquals(Reasons.KILLED, exit.reason());
    }

    @Test
    void anUnreachablePassiveMailboxEndsWithNormal() {
        Ref ref = test.monitor(unreachableMailbox());
        long deadline = System.nanoTime() + Await.PATIENCE.toNanos();
        Optional<Object> down = Optional.empty();
        while (down.isEmpty() && System.nanoTime() < deadline) {
            System.gc();
            down = test.receive(m -> m instanceof Down d && d.ref().equals(ref) ? d : null, Duration.ofMillis(100));
        }
        assertEquals(Reasons.NORMAL, ((Down) down.orElseThrow()).reason());
    }

    private Pid unreachableMailbox() {
        return node.mailbox().self();
    }

    @Test
    void nodeShutdownEndsEveryProcessWithShutdownAndFiresLinksAndMonitors() throws Exception {
        Node other = Node.create("shutdown@localhost");
        Atom peer = atom("peer@elsewhere");
        FakeTransport transport = new FakeTransport().reachable(peer);
        Attachment binding = other.attach(transport);
        Pid remote = FakeTransport.remotePid(peer, 1);
        Mailbox watcher = other.mailbox();
        watcher.trapExit(true);
        Pid linked = watcher.spawnLink(Probes.idle());
        Spawned monitored = watcher.spawnMonitor(Probes.idle());
        Ref remoteMonitor = other.makeRef();
        binding.inject(transport.circuit(peer), new Signal.Link(remote, linked));
        binding.inject(transport.circuit(peer), new Signal.MonitorP(remote, monitored.pid(), remoteMonitor));
        CompletableFuture<Object> seen = new CompletableFuture<>();
        Pid trapper = watcher.spawn(me -> {
            me.trapExit(true);
            me.link(linked);
            me.send(watcher.self(), new Probes.Ready(me.self()));
            try {
                seen.complete(me.receive());
            } catch (ProcessEnded ended) {
                seen.complete(ended);
            }
        });
        Probes.awaitReady(watcher, trapper);
        other.close();
        assertEquals(0, other.processCount());
        assertFalse(watcher.isAlive());
        assertEquals(Reasons.SHUTDOWN, assertThrows(ProcessEnded.class, watcher::receive).reason());
        assertFalse(other.isAlive(monitored.pid()));
        // Links and monitors fire: across the (fake) wire, and locally to whoever is still there to get them.
        assertTrue(transport.sent(Signal.LinkExit.class).contains(new Signal.LinkExit(linked, remote, Reasons.SHUTDOWN)),
                transport.sent().toString());
        assertTrue(transport.sent(Signal.MonitorPExit.class)
                .contains(new Signal.MonitorPExit(monitored.pid(), monitored.pid(), remote, remoteMonitor, Reasons.SHUTDOWN)));
        Object first = seen.get(20, TimeUnit.SECONDS);
        assertTrue(first instanceof Exit(Pid from, var reason) && from.equals(linked) && reason.equals(Reasons.SHUTDOWN)
                || first instanceof ProcessEnded ended && ended.reason().equals(Reasons.SHUTDOWN), String.valueOf(first));
        assertThrows(IllegalStateException.class, () -> other.spawn(Probes.idle()));
    }

    @Test
    void systemMessagesPrintAsTheTuplesBeamDelivers() {
        Pid pid = test.self();
        Ref ref = node.makeRef();
        assertEquals("{'EXIT'," + pid + ",killed}", new Exit(pid, Reasons.KILLED).toTerm().toString());
        assertEquals("{'DOWN'," + ref + ",process,{srv,procs@localhost},noproc}",
                new Down(ref, new ProcessName(atom("srv"), node.name()).toTerm(), Reasons.NOPROC).toTerm().toString());
        Object message = new Down(ref, pid, Reasons.NORMAL);
        String matched = switch (message) {
            case Exit(Pid from, var reason) -> "exit";
            case Down(Ref r, Pid object, var reason) when r.equals(ref) -> "down of " + object;
            default -> "other";
        };
        assertEquals("down of " + pid, matched);
    }
}
