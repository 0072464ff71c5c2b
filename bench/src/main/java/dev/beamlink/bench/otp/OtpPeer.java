package dev.beamlink.bench.otp;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Binary;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Mailbox;
import dev.beamlink.otp.CallResult;
import dev.beamlink.otp.From;
import dev.beamlink.otp.GenServer;
import dev.beamlink.otp.InitResult;
import dev.beamlink.otp.ServerRef;
import dev.beamlink.otp.StartOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A beamlink node of {@code bench/run otp}, in a JVM of its own, driven over its standard input: {@code server Name}
 * starts the Java twin of otp_bench's gen_server, {@code callers Name Node Callers N} runs the callers (each a process
 * of its own making N calls one after the other) and answers the microseconds they took.
 */
public final class OtpPeer {

    static final String REPLY = "@@ ";
    static final Term REQUEST = Tuple.of(Atom.of("hello"), Binary.ofUtf8("payload-0123456789"), Int.of(42));

    private OtpPeer() {
    }

    /** The Java twin of otp_bench's server: every call is answered with its request. */
    static final class EchoServer implements GenServer<Long> {
        @Override
        public InitResult<Long> init(Mailbox self) {
            return InitResult.ok(0L);
        }

        @Override
        public CallResult<Long> handleCall(Object request, From from, Long count) {
            return CallResult.reply(request, count + 1);
        }
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (DistributedNode node = DistributedNode.builder(args[0]).cookie(args[1]).epmdPort(Integer.parseInt(args[2]))
                .listenAddress(InetAddress.getLoopbackAddress()).start()) {
            out.println(REPLY + "READY " + node.name().text());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                String[] command = line.trim().split(" ");
                try {
                    out.println(REPLY + "OK " + switch (command[0]) {
                        case "server" -> {
                            GenServer.start(node.node(), new EchoServer(), StartOptions.DEFAULTS.local(Atom.of(command[1]))).pid();
                            yield "";
                        }
                        case "callers" -> Long.toString(callers(node, ServerRef.remote(Atom.of(command[1]), Atom.of(command[2])),
                                Integer.parseInt(command[3]), Integer.parseInt(command[4])));
                        default -> throw new IllegalArgumentException("unknown command: " + line);
                    });
                } catch (Exception | Error e) {
                    out.println(REPLY + "ERR " + e);
                }
            }
        }
        System.exit(0);
    }

    /** {@return the microseconds {@code callers} processes took to make {@code n} calls each} */
    static long callers(DistributedNode node, ServerRef server, int callers, int n) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(callers);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(callers);
        List<Throwable> failures = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            node.node().spawn(self -> {
                ready.countDown();
                go.await();
                try {
                    for (int i = 0; i < n; i++) {
                        GenServer.call(self, server, REQUEST, GenServer.INFINITY);
                    }
                } catch (RuntimeException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        done.await();
        long micros = (System.nanoTime() - start) / 1_000;
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " callers failed: " + failures.getFirst());
        }
        return micros;
    }
}
