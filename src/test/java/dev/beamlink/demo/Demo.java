package dev.beamlink.demo;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Down;
import dev.beamlink.node.Exit;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.NodeDown;
import dev.beamlink.otp.CallResult;
import dev.beamlink.otp.From;
import dev.beamlink.otp.GenServer;
import dev.beamlink.otp.InitResult;
import dev.beamlink.otp.ServerRef;
import dev.beamlink.otp.StartOptions;
import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.ErlNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code make demo}: a beamlink node and a real erl node, links and monitors both ways, and the erl node's death.
 * It starts an epmd and an erl node of its own (with the module {@code test-erlang/src/main/erlang/demo.erl}), and
 * stops them at the end.
 */
public final class Demo {

    private static final String COOKIE = "beamlink-demo";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private Demo() {
    }

    public static void main(String[] args) throws IOException {
        run(System.out::println);
    }

    /** Runs the demo, telling {@code say} what happens, a line at a time. */
    static void run(Consumer<String> say) throws IOException {
        try (Epmd epmd = Epmd.start();
             ErlNode erl = ErlNode.builder().name("demo_erl").cookie(COOKIE).epmd(epmd).start();
             DistributedNode java = DistributedNode.builder("demo_java@localhost").cookie(COOKIE)
                     .epmdPort(epmd.port()).start()) {
            Atom erlNode = Atom.of(erl.nodeName());
            say.accept("beamlink demo: epmd on port " + epmd.port() + ", erl node " + erlNode + ", beamlink node " + java.name());

            // 1. A Java process links to an Erlang worker, which crashes: the Java process gets an Exit record.
            try (Mailbox supervisor = java.node().mailbox()) {
                supervisor.trapExit(true);
                Pid worker = supervisor.spawnLink(erlNode, Atom.of("demo"), Atom.of("worker"), List.of());
                supervisor.send(worker, Tuple.of(Atom.of("divide"), Int.of(1), Int.of(0)));
                Exit exit = (Exit) supervisor.receive(WAIT).orElseThrow();
                say.accept("1. link      Java spawn_links the Erlang worker " + worker + " and sends it {divide,1,0}.");
                say.accept("             It crashes; the Java process receives " + withoutStack(exit));
            }

            // 2. A Java process monitors an Erlang process by its registered name: it gets a Down record.
            say.accept("2. monitor   " + erlShell(erl, "register(demo_server, spawn(demo, server, []))."));
            try (Mailbox watcher = java.node().mailbox()) {
                Ref ref = watcher.monitor(Atom.of("demo_server"), erlNode);
                watcher.send(Atom.of("demo_server"), erlNode, Atom.of("stop"));
                Down down = (Down) watcher.receive(WAIT).orElseThrow();
                say.accept("             Java monitors {demo_server, erl} and tells it to stop; it receives " + down);
            }

            // 3. An Erlang process monitors a Java process that ends: erl prints the DOWN it gets.
            Pid javaWorker = java.node().spawn(self -> self.receive());   // ends, normally, on its first message
            java.node().register(Atom.of("java_worker"), javaWorker);
            say.accept("3. watched   " + erlShell(erl, "demo:watch({java_worker, '" + java.name().text() + "'})."));
            say.accept("             The Java process " + javaWorker + " ends; erl prints " + awaitErlLine(erl, "{'DOWN',"));

            // 4. gen_server both ways: erl calls a Java GenServer by {Name, Node}, and Java calls an erl gen_server.
            GenServer.start(java.node(), new Counter(), StartOptions.DEFAULTS.local(Atom.of("java_counter"))).pid();
            say.accept("4. gen_server " + erlShell(erl, "gen_server:call({java_counter, '" + java.name().text()
                    + "'}, {add, 5})."));
            erl.eval("gen_helper:start(erl_echo).");
            try (Mailbox caller = java.node().mailbox()) {
                Object reply = GenServer.call(caller, ServerRef.remote(Atom.of("erl_echo"), erlNode),
                        Tuple.of(Atom.of("echo"), Atom.of("hello")));
                say.accept("             Java calls the erl gen_server {erl_echo, erl} with {echo, hello}; it replies " + reply);
            }

            // 5. The erl node dies: the Java side's node monitor gets a NodeDown record.
            try (Mailbox nodeWatcher = java.node().mailbox()) {
                nodeWatcher.monitorNode(erlNode);
                long killed = System.nanoTime();
                erl.kill();
                NodeDown nodeDown = (NodeDown) nodeWatcher.receive(WAIT).orElseThrow();
                say.accept("5. nodedown  erl is killed (SIGKILL); " + (System.nanoTime() - killed) / 1_000_000
                        + " ms later the Java process receives " + nodeDown);
            }
        }
        say.accept("done: the beamlink node, erl and epmd are stopped");
    }

    /** A Java GenServer for erl to call: it adds what it is given to its count and answers the new count. */
    private static final class Counter implements GenServer<Long> {
        @Override
        public InitResult<Long> init(Mailbox self) {
            return InitResult.ok(0L);
        }

        @Override
        public CallResult<Long> handleCall(Object request, From from, Long count) {
            if (request instanceof Tuple t && t.isTagged(Atom.of("add"), 2) && t.get(1) instanceof Int n) {
                return CallResult.reply(Tuple.of(Atom.of("ok"), Int.of(count + n.value())), count + n.value());
            }
            return CallResult.reply(Tuple.of(Atom.of("error"), Atom.of("unknown_call")), count);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Evaluates {@code expression} on erl, as if typed in its shell. {@return the line to show: it and its value} */
    private static String erlShell(ErlNode erl, String expression) {
        return "erl> " + expression + "   % " + erl.evalText(expression);
    }

    /** The Exit record, its reason's Erlang stack trace (an error reason is {Error, Stack}) cut short for the screen. */
    private static String withoutStack(Exit exit) {
        if (exit.reason() instanceof Tuple reason && reason.size() == 2 && reason.get(1) instanceof ErlList stack) {
            return "Exit[from=" + exit.from() + ", reason={" + reason.get(0) + ", <stack of "
                    + stack.elements().size() + " frames>}]";
        }
        return exit.toString();
    }

    /** {@return the first line erl printed that starts with {@code prefix}, waiting for it} */
    private static String awaitErlLine(ErlNode erl, String prefix) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> line = erl.recentOutput().lines().filter(l -> l.startsWith(prefix)).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            pause();
        }
        throw new IllegalStateException("erl printed no line starting with " + prefix + ": " + erl.recentOutput());
    }
}
