package dev.beamlink.bench.dist;

import com.ericsson.otp.erlang.OtpEpmd;
import com.ericsson.otp.erlang.OtpErlangAtom;
import com.ericsson.otp.erlang.OtpErlangBinary;
import com.ericsson.otp.erlang.OtpErlangList;
import com.ericsson.otp.erlang.OtpErlangLong;
import com.ericsson.otp.erlang.OtpErlangObject;
import com.ericsson.otp.erlang.OtpErlangPid;
import com.ericsson.otp.erlang.OtpErlangTuple;
import com.ericsson.otp.erlang.OtpMbox;
import com.ericsson.otp.erlang.OtpNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/** A jinterface node (Debian's erlang-jinterface, OTP 25): mailboxes on platform threads, as jinterface has them. */
final class JinterfacePeer implements Peer {

    private final OtpNode node;
    private final SinkResults sinks = new SinkResults();

    private JinterfacePeer(OtpNode node) {
        this.node = node;
    }

    static JinterfacePeer start(String name, String cookie, int epmdPort) throws IOException {
        OtpEpmd.useEpmdPort(epmdPort);
        return new JinterfacePeer(new OtpNode(name, cookie));
    }

    static OtpErlangObject message(Kind kind) {
        if (kind == Kind.SMALL) {
            return new OtpErlangTuple(new OtpErlangObject[] {new OtpErlangAtom("hello"),
                    new OtpErlangBinary("payload-0123456789".getBytes()), new OtpErlangLong(42),
                    new OtpErlangList(new OtpErlangObject[] {new OtpErlangLong(1), new OtpErlangLong(2), new OtpErlangLong(3)})});
        }
        byte[] bytes = new byte[1 << 20];
        new Random(42).nextBytes(bytes);
        return new OtpErlangBinary(bytes);
    }

    @Override
    public String nodeName() {
        return node.node();
    }

    @Override
    public long osPid() {
        return ProcessHandle.current().pid();
    }

    @Override
    public void startSink(String name, int n) {
        OtpMbox mbox = node.createMbox(name);
        CompletableFuture<Long> done = sinks.open(name);
        Thread thread = new Thread(() -> {
            try {
                mbox.receive();
                long t0 = System.nanoTime();
                for (int i = 1; i < n; i++) {
                    mbox.receive();
                }
                done.complete((System.nanoTime() - t0) / 1_000);
            } catch (Exception e) {
                done.completeExceptionally(e);
            } finally {
                node.closeMbox(mbox);
            }
        }, "sink " + name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public long awaitSink(String name) {
        return sinks.await(name, nodeName());
    }

    @Override
    public long blast(String name, String toNode, int n, Kind kind) {
        OtpErlangObject message = message(kind);
        OtpMbox mbox = node.createMbox();
        try {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                mbox.send(name, toNode, message);
            }
            return (System.nanoTime() - t0) / 1_000;
        } finally {
            node.closeMbox(mbox);
        }
    }

    @Override
    public void startEcho(String name) {
        OtpMbox mbox = node.createMbox(name);
        Thread thread = new Thread(() -> {
            try {
                while (true) {
                    if (mbox.receive() instanceof OtpErlangTuple t && t.arity() == 2 && t.elementAt(0) instanceof OtpErlangPid from) {
                        mbox.send(from, t.elementAt(1));
                    }
                }
            } catch (Exception closed) {
                // The node is closing.
            }
        }, "echo " + name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public long[] ping(String name, String toNode, int n) {
        OtpMbox mbox = node.createMbox();
        try {
            OtpErlangObject request = new OtpErlangTuple(new OtpErlangObject[] {mbox.self(), message(Kind.SMALL)});
            long[] times = new long[n];
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                mbox.send(name, toNode, request);
                mbox.receive();
                times[i] = System.nanoTime() - t0;
            }
            Arrays.sort(times);
            return new long[] {Peer.percentile(times, 50), Peer.percentile(times, 99)};
        } catch (Exception e) {
            throw new IllegalStateException("ping through jinterface failed", e);
        } finally {
            node.closeMbox(mbox);
        }
    }

    @Override
    public void close() {
        node.close();
    }
}
