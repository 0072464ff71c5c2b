package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.control.ControlCodec;
import dev.beamlink.dist.control.ControlMessage;
import dev.beamlink.dist.frame.FrameFormat;
import dev.beamlink.dist.frame.FrameReader;
import dev.beamlink.dist.handshake.DistFlags;
import dev.beamlink.dist.handshake.HandshakeConfig;
import dev.beamlink.dist.handshake.HandshakeResult;
import dev.beamlink.dist.transport.DistChannel;
import dev.beamlink.dist.transport.DistListener;
import dev.beamlink.dist.transport.TcpTransport;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.EtfDecoder;
import dev.beamlink.etf.EtfEncoder;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Exit;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.Node;
import dev.beamlink.node.Reasons;
import dev.beamlink.node.internal.NodeInternals;
import dev.beamlink.node.spi.Attachment;
import dev.beamlink.node.spi.Circuit;
import dev.beamlink.node.spi.Signal;
import dev.beamlink.testing.Await;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PoolArenaMetric;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Connect on demand without a live peer: one handshake for many senders, the queue flushed in order, or failed. */
class ConnectionTableTest {

    private static final Atom PEER = Atom.of("peer@localhost");
    private static final DistFlags FLAGS = HandshakeConfig.defaultFlags(false, 0);

    private final List<PeerLink> dials = new CopyOnWriteArrayList<>();
    private Node node;
    private ConnectionTable table;
    /** A pool of its own, without thread caches, so that its count of buffers in use is exact. */
    private final PooledByteBufAllocator allocator = new PooledByteBufAllocator(true, 0, 1, 8192, 11, 0, 0, false);
    private final ConnectionSettings settings = new ConnectionSettings(EtfEncoder.defaults(), EtfDecoder.defaults(),
            allocator, 64 << 10, 1 << 20, () -> new Pid(Atom.of("local@localhost"), 1, 0, 3));
    /** Runs in a teardown, after the slot left the table and before its links and monitors fire. */
    private volatile Runnable teardownHook = () -> { };

    @BeforeEach
    void start() {
        node = Node.create("local@localhost", 3);
        table = new ConnectionTable(node.name(), settings, Duration.ofSeconds(5));
        Attachment runtime = NodeInternals.attach(node, table);
        table.start(new Attachment() {
            @Override
            public void inject(Circuit from, Signal signal) {
                runtime.inject(from, signal);
            }

            @Override
            public void connectionLost(Circuit lost) {
                Runnable hook = teardownHook;
                teardownHook = () -> { };
                hook.run();
                runtime.connectionLost(lost);
            }

            @Override
            public void nodeUp(Atom up, boolean hidden) {
                runtime.nodeUp(up, hidden);
            }

            @Override
            public void nodeDown(Atom down, boolean hidden, String reason) {
                runtime.nodeDown(down, hidden, reason);
            }

            @Override
            public void detach() {
                runtime.detach();
            }
        }, dials::add);
    }

    @AfterEach
    void stop() {
        table.close();
        node.close();
    }

    @Test
    void concurrentSendersStartOneHandshakeAndTheirQueueIsFlushedInOrder() throws Exception {
        int senders = 8;
        int each = 1000;
        Pid target = new Pid(PEER, 1, 0, 9);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try (Mailbox sender = node.mailbox()) {
                    go.await();
                    for (int i = 1; i <= each; i++) {
                        sender.send(target, Tuple.of(sender.self(), Int.of(i)));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(1, dials.size(), "one handshake for all senders");
        assertEquals(dials.getFirst().node, PEER);

        try (DistListener listener = loopbackListener()) {
            DistChannel ours = new TcpTransport().connect(listener.localAddress(), Duration.ofSeconds(5));
            DistChannel theirs = listener.accept();
            table.established(new HandshakeResult(PEER.text(), FLAGS, FLAGS, 9, false), ours, true);
            assertEquals(List.of(PEER), connectedPeers());

            FrameFormat format = FrameFormat.negotiated(FLAGS, EtfEncoder.defaults(), EtfDecoder.defaults());
            Map<Pid, Long> next = new HashMap<>();
            try (FrameReader frames = new FrameReader(theirs, 64 << 10, 1 << 20, PooledByteBufAllocator.DEFAULT)) {
                for (int n = 0; n < senders * each; ) {
                    ByteBuf frame = frames.next();
                    if (!frame.isReadable()) {
                        continue; // a tick
                    }
                    var message = format.decode(frame);
                    var send = assertInstanceOf(ControlMessage.Send.class, ControlCodec.decode(message.control(), message.payload()));
                    Tuple body = (Tuple) send.message();
                    Pid from = (Pid) body.get(0);
                    assertEquals(from, send.from());
                    long i = ((Int) body.get(1)).value();
                    assertEquals(next.getOrDefault(from, 1L), i, "in order from " + from);
                    next.put(from, i + 1);
                    n++;
                }
            }
            assertEquals(senders, next.size());
            theirs.close();
            assertTrue(Await.eventually(() -> connectedPeers().isEmpty()), "the peer closing is noticed");
        }
    }

    @Test
    void aFailedHandshakeFiresTheQueuedLinksWithNoconnectionAndDropsTheMessages() {
        Pid remote = new Pid(PEER, 5, 0, 9);
        try (Mailbox linker = node.mailbox()) {
            linker.trapExit(true);
            assertTrue(linker.link(remote));
            linker.send(remote, Atom.of("dropped"));
            assertEquals(1, dials.size());
            table.outboundFailed(dials.getFirst(), false, "no such node (test)");
            assertEquals(Optional.of(new Exit(remote, Reasons.NOCONNECTION)), linker.receive(Duration.ofSeconds(5)));
            assertEquals(Optional.empty(), linker.receive(Duration.ofMillis(100)));
            assertFalse(linker.links().contains(remote));
            linker.send(remote, Atom.of("again"));
            assertEquals(2, dials.size(), "a later signal connects anew");
        }
    }

    @Test
    void aSpawnRequestToAPeerWithoutDflagSpawnIsAnsweredNotsup() throws Exception {
        DistFlags withoutSpawn = new DistFlags(FLAGS.bits() & ~DistFlags.DFLAG_SPAWN);
        try (DistListener listener = loopbackListener();
             Mailbox parent = node.mailbox()) {
            DistChannel ours = new TcpTransport().connect(listener.localAddress(), Duration.ofSeconds(5));
            DistChannel theirs = listener.accept();
            table.established(new HandshakeResult(PEER.text(), withoutSpawn, withoutSpawn, 9, false), ours, true);
            parent.trapExit(true);
            Pid crasher = parent.spawnLink(PEER, Atom.of("m"), Atom.of("f"), List.of());
            assertEquals(node.name(), crasher.node(), "a local process that ends with the reason, as in Erlang");
            assertEquals(Optional.of(new Exit(crasher, Reasons.NOTSUP)), parent.receive(Duration.ofSeconds(5)));
            theirs.close();
        }
    }

    /**
     * Found by {@code bench/run chaos}: a connection that replaces one still closing on another thread (its close flag
     * set, its teardown not begun) waited for that teardown in a busy loop. On virtual threads, two such loops took
     * both carriers of a 2-core machine and the closing threads never ran again: the node hung.
     */
    @Test
    void aReplacementWaitsWithoutSpinningForTheConnectionItReplacesToClose() throws Exception {
        try (DistListener listener = new TcpTransport().listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            CountDownLatch closing = new CountDownLatch(1);
            CountDownLatch mayClose = new CountDownLatch(1);
            DistChannel first = slowToClose(new TcpTransport().connect(listener.localAddress(), Duration.ofSeconds(5)),
                    closing, mayClose);
            DistChannel firstTheirs = listener.accept();
            table.established(new HandshakeResult(PEER.text(), FLAGS, FLAGS, 9, false), first, true);
            Connection old = table.connection(PEER);
            Thread closer = Thread.ofPlatform().start(() -> old.close("disconnected by this node", false));
            closing.await();

            DistChannel second = new TcpTransport().connect(listener.localAddress(), Duration.ofSeconds(5));
            DistChannel secondTheirs = listener.accept();
            Thread replacing = Thread.ofPlatform().start(
                    () -> table.established(new HandshakeResult(PEER.text(), FLAGS, FLAGS, 9, true), second, false));
            Thread.sleep(300);
            Thread.State state = replacing.getState();
            mayClose.countDown();
            closer.join();
            replacing.join(5_000);
            assertTrue(state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING,
                    "the replacement waits parked for the old connection's teardown, not spinning: " + state);
            assertFalse(replacing.isAlive());
            assertTrue(table.connection(PEER) != null && table.connection(PEER) != old, "the new connection is up");
            firstTheirs.close();
            secondTheirs.close();
        }
    }

    /**
     * Found by {@code bench/run chaos} (and item 8 of issue 14): a second connection made while one is up, and not
     * meant to replace it, was closed without its writer, whose pooled staging buffer was never released. A writer now
     * takes its buffers only when it has something to stage, so this guards the close: the second is closed whole, and
     * holds nothing of the pool.
     */
    @Test
    void aSecondConnectionThatDoesNotReplaceTheFirstReleasesItsBuffers() throws Exception {
        PooledByteBufAllocator pool = new PooledByteBufAllocator(true);
        ConnectionSettings own = new ConnectionSettings(EtfEncoder.defaults(), EtfDecoder.defaults(), pool, 64 << 10,
                1 << 20, () -> new Pid(Atom.of("other@localhost"), 1, 0, 3));
        try (Node other = Node.create("other@localhost", 3);
             DistListener listener = new TcpTransport().listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            ConnectionTable ownTable = new ConnectionTable(other.name(), own, Duration.ofSeconds(5));
            ownTable.start(NodeInternals.attach(other, ownTable), dials::add);
            try {
                DistChannel first = new TcpTransport().connect(listener.localAddress(), Duration.ofSeconds(5));
                DistChannel firstTheirs = listener.accept();
                ownTable.established(new HandshakeResult(PEER.text(), FLAGS, FLAGS, 9, false), first, true);
                long before = activeDirect(pool);
                DistChannel second = new TcpTransport().connect(listener.localAddress(), Duration.ofSeconds(5));
                DistChannel secondTheirs = listener.accept();
                ownTable.established(new HandshakeResult(PEER.text(), FLAGS, FLAGS, 9, false), second, false);
                assertFalse(second.isOpen(), "the second connection is closed");
                assertEquals(before, activeDirect(pool), "pooled direct buffers in use");
                firstTheirs.close();
                secondTheirs.close();
            } finally {
                ownTable.close();
            }
        }
    }

    private static long activeDirect(PooledByteBufAllocator pool) {
        return pool.metric().directArenas().stream().mapToLong(PoolArenaMetric::numActiveAllocations).sum();
    }

    /** {@return {@code channel}, whose close says it began ({@code closing}) and then waits for {@code mayClose}} */
    private static DistChannel slowToClose(DistChannel channel, CountDownLatch closing, CountDownLatch mayClose) {
        return new DistChannel() {
            @Override
            public int read(ByteBuffer target) throws IOException {
                return channel.read(target);
            }

            @Override
            public void write(ByteBuffer[] sources) throws IOException {
                channel.write(sources);
            }

            @Override
            public SocketAddress remoteAddress() {
                return channel.remoteAddress();
            }

            @Override
            public boolean isOpen() {
                return channel.isOpen();
            }

            @Override
            public void close() {
                closing.countDown();
                try {
                    mayClose.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                channel.close();
            }
        };
    }

    @Test
    void signalsForAnInvalidNodeNameAreUnreachable() {
        try (Mailbox linker = node.mailbox()) {
            linker.trapExit(true);
            Pid nowhere = new Pid(Atom.of("no-at-sign"), 1, 0, 1);
            linker.link(nowhere);
            assertEquals(Optional.of(new Exit(nowhere, Reasons.NOCONNECTION)), linker.receive(Duration.ofSeconds(5)));
            assertTrue(dials.isEmpty());
        }
    }

    /**
     * Item 8 of issue 14: a link made while the old connection is being torn down goes out on the slot that replaces
     * it, and the old connection's teardown must not fire it; the new connection's loss fires it, once.
     */
    @Test
    void aReplacementConnectionDoesNotGetNoconnectionFromItsPredecessorsTeardown() throws Exception {
        Pid remote = new Pid(PEER, 5, 0, 9);
        try (DistListener listener = loopbackListener(); Mailbox linker = node.mailbox()) {
            linker.trapExit(true);
            table.established(new HandshakeResult(PEER.text(), FLAGS, FLAGS, 9, false),
                    new TcpTransport().connect(listener.localAddress(), Duration.ofSeconds(5)), true);
            DistChannel theirs = listener.accept();
            // The teardown's window: the old slot has left the table, and its links and monitors are not fired yet.
            teardownHook = () -> assertTrue(linker.link(remote));
            table.connection(PEER).close("closed by the test", false);
            assertEquals(List.of(remote), linker.links(), "the old connection's teardown left the new link alone");
            assertEquals(Optional.empty(), linker.receive(Duration.ZERO));

            assertEquals(1, dials.size(), "the link waits for a new connection");
            table.established(new HandshakeResult(PEER.text(), FLAGS, FLAGS, 9, false),
                    new TcpTransport().connect(listener.localAddress(), Duration.ofSeconds(5)), true);
            DistChannel theirsAgain = listener.accept();
            table.connection(PEER).close("closed by the test", false);
            assertEquals(List.of(), linker.links());
            assertEquals(Optional.of(new Exit(remote, Reasons.NOCONNECTION)), linker.receive(Duration.ZERO));
            assertEquals(Optional.empty(), linker.receive(Duration.ZERO));
            theirs.close();
            theirsAgain.close();
        }
    }

    private static DistListener loopbackListener() throws IOException {
        return new TcpTransport().listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    private List<Atom> connectedPeers() {
        return table.connections().stream().map(Connection::peer).toList();
    }
}
