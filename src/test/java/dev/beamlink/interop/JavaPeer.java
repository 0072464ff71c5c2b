package dev.beamlink.interop;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Binary;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.ErlangError;
import dev.beamlink.node.ErlangExit;
import dev.beamlink.node.ErlangThrow;
import dev.beamlink.node.Mailbox;
import dev.beamlink.otp.GenServer;
import dev.beamlink.otp.StartOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.concurrent.CountDownLatch;

/**
 * The Java node of the Erlang-side suites ({@code test-erlang/src/test/erlang/java_node_tests.erl}): a beamlink node
 * that BEAM processes drive with messages, so that they can check links, monitors and exit signals from their side.
 *
 * <pre>
 *   java dev.beamlink.interop.JavaPeer NAME@HOST EPMD_PORT COOKIE
 * </pre>
 *
 * It prints {@code java peer up} once it is registered, and stops when its standard input closes (its starter
 * ended) or when told {@code stop}. Its process registered as {@code java_peer} takes
 * <ul>
 *   <li>{@code {spawn, From, Ref, Trap}}: starts a {@link PeerActor} that traps exits if {@code Trap}, and answers
 *       {@code {Ref, Pid}};</li>
 *   <li>{@code {start_server, From, Ref, Name}}: starts a {@link PeerServer} (a Java GenServer) registered as
 *       {@code Name}, and answers {@code {Ref, Pid}};</li>
 *   <li>{@code stop}: the node stops (its peers see it go down) and the program ends.</li>
 * </ul>
 * It exports, for erl to call and spawn ({@code erpc:call(Java, java_peer, add, [1, 2])}):
 * <ul>
 *   <li>{@code java_peer:add/2}: the sum of two integers;</li>
 *   <li>{@code java_peer:raise/2}: raises {@code Class} ({@code error}, {@code exit}, {@code throw}) with {@code Reason},
 *       or a Java exception ({@code java}) with the message {@code Reason} (a binary);</li>
 *   <li>{@code java_peer:wait/0}: waits for a message and returns it;</li>
 *   <li>{@code java_peer:member/1}: joins the group named by its argument in pg's default scope, then waits for a
 *       message and returns it (leaving the group as it ends).</li>
 * </ul>
 */
public final class JavaPeer {

    private static final Atom NAME = Atom.of("java_peer");
    private static final Atom SPAWN = Atom.of("spawn");
    private static final Atom STOP = Atom.of("stop");
    private static final Atom START_SERVER = Atom.of("start_server");

    private JavaPeer() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: JavaPeer NAME@HOST EPMD_PORT COOKIE");
            System.exit(2);
        }
        CountDownLatch stop = new CountDownLatch(1);
        try (DistributedNode node = DistributedNode.builder(args[0]).cookie(args[2]).epmdPort(Integer.parseInt(args[1]))
                .listenAddress(InetAddress.getLoopbackAddress()).start()) {
            node.node().register(NAME, node.node().spawn(self -> control(self, stop)));
            export(node);
            Thread.ofPlatform().daemon().start(() -> awaitEndOfInput(System.in, stop));
            System.out.println("java peer up");
            System.out.flush();
            stop.await();
        }
        System.exit(0);
    }

    private static void export(DistributedNode node) {
        Atom module = Atom.of("java_peer");
        node.exports().export(module, Atom.of("add"), 2,
                call -> Int.of(((Int) call.arg(0)).value() + ((Int) call.arg(1)).value()));
        node.exports().export(module, Atom.of("raise"), 2, call -> {
            Term reason = call.arg(1);
            throw switch (((Atom) call.arg(0)).text()) {
                case "error" -> new ErlangError(reason, "asked to");
                case "exit" -> new ErlangExit(reason, "asked to");
                case "throw" -> new ErlangThrow(reason);
                default -> new IllegalStateException(((Binary) reason).utf8());
            };
        });
        node.exports().export(module, Atom.of("wait"), 0, call -> (Term) call.self().receive());
        node.exports().export(module, Atom.of("member"), 1, call -> {
            node.pg().join(call.arg(0), call.self().self());
            return (Term) call.self().receive();
        });
    }

    private static void control(Mailbox self, CountDownLatch stop) {
        while (true) {
            Object message = self.receive();
            if (message instanceof Tuple t && t.isTagged(SPAWN, 4) && t.get(1) instanceof Pid from
                    && t.get(2) instanceof Ref ref && t.get(3) instanceof Atom trap) {
                Pid actor = self.spawn(new PeerActor(trap.equals(Atom.of("true"))));
                self.send(from, Tuple.of(ref, actor));
            } else if (message instanceof Tuple t && t.isTagged(START_SERVER, 4) && t.get(1) instanceof Pid from
                    && t.get(2) instanceof Ref ref && t.get(3) instanceof Atom name) {
                Pid server = GenServer.start(self.node(), new PeerServer(), StartOptions.DEFAULTS.local(name)).pid();
                self.send(from, Tuple.of(ref, server));
            } else if (STOP.equals(message)) {
                stop.countDown();
                return;
            }
        }
    }

    /** The starter holds our standard input: when it closes, the starter is gone, and so are we. */
    private static void awaitEndOfInput(InputStream in, CountDownLatch stop) {
        try {
            while (in.read() >= 0) {
                // nothing is said on standard input; it only tells that the starter lives
            }
        } catch (IOException e) {
            // closed: the same as the end
        }
        stop.countDown();
    }
}
