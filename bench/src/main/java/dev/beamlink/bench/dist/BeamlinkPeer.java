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

/** A beamlink node: sinks, echo and senders are processes of its own, as they are on erl. */
final class BeamlinkPeer implements Peer {

    static final Term SMALL = Tuple.of(Atom.of("hello"), Binary.ofUtf8("payload-0123456789"), Int.of(42),
            ErlList.of(Int.of(1), Int.of(2), Int.of(3)));

    private final DistributedNode node;
    private final SinkResults sinks = new SinkResults();

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
        try {
            if (!done.await(ThroughputBench.ROW_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the erpc calls to " + toNode + " did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return (System.nanoTime() - t0) / 1_000;
    }

    @Override
    public void close() {
        node.close();
    }
}
