package dev.beamlink.bench.dist;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.dist.transport.DistTransport;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Binary;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Mailbox;
import dev.beamlink.otp.Erpc;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** A beamlink node: sinks, echo and senders are processes of its own, as they are on erl. */
final class BeamlinkPeer implements Peer {

    static final Term SMALL = Tuple.of(Atom.of("hello"), Binary.ofUtf8("payload-0123456789"), Int.of(42),
            ErlList.of(Int.of(1), Int.of(2), Int.of(3)));

    private final DistributedNode node;
    private final SinkResults sinks = new SinkResults();
    private final AtomicReference<Flood> flood = new AtomicReference<>();

    /** A running flood: the flag that stops it, and how many binaries it sent. */
    private static final class Flood {
        volatile boolean stop;
        final CompletableFuture<Long> sent = new CompletableFuture<>();
    }

    BeamlinkPeer(DistributedNode node) {
        this.node = node;
    }

    /** {@return a node on {@code transport} (TCP, or TLS for the TLS rows)} */
    static BeamlinkPeer start(String name, String cookie, int epmdPort, DistTransport transport) throws IOException {
        return new BeamlinkPeer(DistributedNode.builder(name).cookie(cookie).epmdPort(epmdPort)
                .listenAddress(InetAddress.getLoopbackAddress()).transport(transport).start());
    }

    static Term message(Kind kind) {
        if (kind == Kind.SMALL) {
            return SMALL;
        }
        byte[] bytes = new byte[1 << 20];
        new Random(42).nextBytes(bytes);
        return Binary.wrap(bytes);
    }

    @Override
    public String nodeName() {
        return node.name().text();
    }

    @Override
    public long osPid() {
        return ProcessHandle.current().pid();
    }

    @Override
    public void startSink(String name, int n) {
        CompletableFuture<Long> done = sinks.open(name);
        Pid sink = node.node().spawn(self -> {
            self.receive();
            long t0 = System.nanoTime();
            for (int i = 1; i < n; i++) {
                self.receive();
            }
            done.complete((System.nanoTime() - t0) / 1_000);
        });
        node.node().register(Atom.of(name), sink);
    }

    @Override
    public long awaitSink(String name) {
        return sinks.await(name, nodeName());
    }

    @Override
    public long blast(String name, String toNode, int n, Kind kind) {
        Term message = message(kind);
        Atom to = Atom.of(name);
        Atom target = Atom.of(toNode);
        CompletableFuture<Long> sent = new CompletableFuture<>();
        node.node().spawn(self -> {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                self.send(to, target, message);
            }
            sent.complete((System.nanoTime() - t0) / 1_000);
        });
        return sent.join();
    }

    /**
     * {@code Node.disconnect}, then pings until pong (the peer may not have seen the old connection go yet), for up
     * to 10 s.
     */
    @Override
    public void reconnect(String other) {
        node.node().disconnect(Atom.of(other));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!node.ping(other)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(nodeName() + " could not connect again to " + other);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    @Override
    public void startEcho(String name) {
        Pid echo = node.node().spawn(self -> {
            while (true) {
                if (self.receive() instanceof Tuple t && t.size() == 2 && t.get(0) instanceof Pid from) {
                    self.send(from, t.get(1));
                }
            }
        });
        node.node().register(Atom.of(name), echo);
    }

    @Override
    public long[] ping(String name, String toNode, int n) {
        Atom to = Atom.of(name);
        Atom target = Atom.of(toNode);
        CompletableFuture<long[]> result = new CompletableFuture<>();
        node.node().spawn(self -> {
            long[] times = new long[n];
            Term request = Tuple.of(self.self(), SMALL);
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                self.send(to, target, request);
                self.receive();
                times[i] = System.nanoTime() - t0;
            }
            Arrays.sort(times);
            result.complete(new long[] {Peer.percentile(times, 50), Peer.percentile(times, 99)});
        });
        return result.join();
    }

    @Override
    public long erpcCalls(String toNode, int n, int callers) {
        Atom target = Atom.of(toNode);
        Atom erlang = Atom.of("erlang");
        Atom nodeFunction = Atom.of("node");
        CountDownLatch done = new CountDownLatch(callers);
        long t0 = System.nanoTime();
        for (int c = 0; c < callers; c++) {
            node.node().spawn(self -> {
                for (int i = 0; i < n; i++) {
                    if (!Erpc.call(self, target, erlang, nodeFunction, List.of()).equals(target)) {
                        throw new IllegalStateException("erpc:call(" + target + ", erlang, node, []) answered another node");
                    }
                }
                done.countDown();
            });
        }
        await(done, "the erpc calls to " + toNode);
        return (System.nanoTime() - t0) / 1_000;
    }

    @Override
    public void startFanSinks(String prefix, int count, int n) {
        CompletableFuture<Long> done = sinks.open(prefix);
        AtomicLong first = new AtomicLong(Long.MAX_VALUE);
        AtomicLong last = new AtomicLong(Long.MIN_VALUE);
        AtomicInteger running = new AtomicInteger(count);
        for (int i = 1; i <= count; i++) {
            Pid sink = node.node().spawn(self -> {
                self.receive();
                first.accumulateAndGet(System.nanoTime(), Math::min);
                for (int k = 1; k < n; k++) {
                    self.receive();
                }
                last.accumulateAndGet(System.nanoTime(), Math::max);
                if (running.decrementAndGet() == 0) {
                    done.complete((last.get() - first.get()) / 1_000);
                }
            });
            node.node().register(Atom.of(prefix + "_" + i), sink);
        }
    }

    @Override
    public long awaitFan(String prefix) {
        return sinks.await(prefix, nodeName());
    }

    @Override
    public long fanBlast(String prefix, String toNode, int count, int n) {
        Atom target = Atom.of(toNode);
        CountDownLatch sent = new CountDownLatch(count);
        long t0 = System.nanoTime();
        for (int i = 1; i <= count; i++) {
            Atom to = Atom.of(prefix + "_" + i);
            node.node().spawn(self -> {
                for (int k = 0; k < n; k++) {
                    self.send(to, target, SMALL);
                }
                sent.countDown();
            });
        }
        await(sent, "the fan senders to " + toNode);
        return (System.nanoTime() - t0) / 1_000;
    }

    @Override
    public void startDrain(String name) {
        Pid drain = node.node().spawn(self -> {
            while (true) {
                self.receive();
            }
        });
        node.node().register(Atom.of(name), drain);
    }

    @Override
    public void floodStart(String name, String toNode) {
        Term message = message(Kind.MIB);
        Atom to = Atom.of(name);
        Atom target = Atom.of(toNode);
        Flood flood = new Flood();
        if (!this.flood.compareAndSet(null, flood)) {
            throw new IllegalStateException("a flood is running already");
        }
        node.node().spawn(self -> {
            long sent = 0;
            while (!flood.stop) {
                self.send(to, target, message);
                sent++;
            }
            flood.sent.complete(sent);
        });
    }

    @Override
    public long floodStop() {
        Flood flood = this.flood.getAndSet(null);
        flood.stop = true;
        return flood.sent.join();
    }

    @Override
    public long[] memory() {
        return JvmMemory.measure();
    }

    private static void await(CountDownLatch latch, String what) {
        try {
            if (!latch.await(ThroughputBench.ROW_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(what + " did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        node.close();
    }
}
