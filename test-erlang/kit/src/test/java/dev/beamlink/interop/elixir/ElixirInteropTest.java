package dev.beamlink.interop.elixir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Binary;
import dev.beamlink.etf.ErlMap;
import dev.beamlink.etf.Etf;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.etf.mapping.ElixirStruct;
import dev.beamlink.node.Down;
import dev.beamlink.node.Exit;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.Reasons;
import dev.beamlink.otp.CallResult;
import dev.beamlink.otp.From;
import dev.beamlink.otp.GenServer;
import dev.beamlink.otp.HandleResult;
import dev.beamlink.otp.InitResult;
import dev.beamlink.otp.ServerRef;
import dev.beamlink.otp.StartOptions;
import dev.beamlink.testing.Await;
import dev.beamlink.testing.ErlNode;
import dev.beamlink.testing.TermLiteral;
import dev.beamlink.testing.junit.Beamlink;
import dev.beamlink.testing.junit.Erl;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What an Elixir team needs of a Java node, proven against a live Elixir 1.18 node (OTP 27): Elixir processes link to
 * and monitor Java processes and the reverse, with Erlang's exit signals and DOWNs; an Elixir struct maps to a Java
 * record and back; GenServer calls and casts both ways; and a supervised Elixir worker restarted while Java watches.
 */
@Tag("interop")
class ElixirInteropTest {

    @Erl(elixir = true, load = "elixir/beamlink_probe.ex")
    static ErlNode elixir;

    @Beamlink
    static DistributedNode java;

    private static Atom elixirNode() {
        return Atom.of(elixir.nodeName());
    }

    private static String javaNode() {
        return ":\"" + java.name().text() + "\"";
    }

    /** {@return Elixir source for the pid of {@code mailbox}: the term, as Elixir reads the external format} */
    private static String pid(Pid pid) {
        return TermLiteral.elixir(Etf.encode(pid));
    }

    private static Object await(Mailbox box, String tag) {
        return box.receive(m -> m instanceof Tuple t && t.get(0).equals(Atom.of(tag)) ? t : null, Await.PATIENCE)
                .orElseThrow(() -> new AssertionError("no " + tag + " from Elixir"));
    }

    // ---------------------------------------------------------------- links and monitors

    @Test
    void anElixirProcessLinkedToAJavaProcessGetsItsExit() {
        try (Mailbox report = java.node().mailbox(); Mailbox worker = java.node().mailbox()) {
            elixir.evalElixir("BeamlinkProbe.link_and_report(" + pid(worker.self()) + ", " + pid(report.self()) + ")");
            await(report, "linked");
            Await.until("the Elixir process is linked", () -> worker.links().size() == 1);
            Term reason = Tuple.of(Reasons.SHUTDOWN, Atom.of("bye"));
            try {
                throw worker.exit(reason);
            } catch (dev.beamlink.node.ProcessEnded ended) {
                assertEquals(reason, ended.reason());
            }
            assertEquals(Tuple.of(Atom.of("elixir_got_exit"), reason), await(report, "elixir_got_exit"));
        }
    }

    @Test
    void anElixirProcessMonitorsAJavaProcessByName() {
        try (Mailbox report = java.node().mailbox(); Mailbox named = java.node().mailbox(Atom.of("java_named"))) {
            elixir.evalElixir("BeamlinkProbe.monitor_and_report({:java_named, " + javaNode() + "}, " + pid(report.self()) + ")");
            await(report, "monitoring");
            Await.until("the Elixir process monitors it", () -> named.monitoredBy().size() == 1);
            named.close();
            assertEquals(Tuple.of(Atom.of("elixir_got_down"), Tuple.of(Atom.of("java_named"), java.name()), Reasons.NORMAL),
                    await(report, "elixir_got_down"));
        }
    }

    @Test
    void aJavaProcessLinkedToAnElixirProcessThatRaisesGetsItsException() {
        try (Mailbox me = java.node().mailbox()) {
            me.trapExit(true);
            Pid worker = (Pid) dev.beamlink.etf.Etf.decode(elixir.eval("'Elixir.BeamlinkProbe':worker().").etf());
            me.link(worker);
            me.send(worker, Tuple.of(Atom.of("raise"), Binary.ofUtf8("boom")));
            Exit exit = me.receive(Exit.class, Await.PATIENCE).orElseThrow();
            assertEquals(worker, exit.from());
            // An Elixir raise ends the process with {%RuntimeError{message: "boom"}, Stack}.
            Tuple reason = (Tuple) exit.reason();
            ErlMap error = assertInstanceOf(ErlMap.class, reason.get(0));
            assertEquals(Atom.of("Elixir.RuntimeError"), error.get(Atom.of("__struct__")));
            assertEquals(Binary.ofUtf8("boom"), error.get(Atom.of("message")));
        }
    }

    @Test
    void aJavaProcessMonitorsAnElixirProcess() {
        try (Mailbox me = java.node().mailbox()) {
            Pid worker = (Pid) dev.beamlink.etf.Etf.decode(elixir.eval("'Elixir.BeamlinkProbe':worker().").etf());
            Ref ref = me.monitor(worker);
            me.send(worker, Atom.of("stop"));
            Down down = me.receive(Down.class, Await.PATIENCE).orElseThrow();
            assertEquals(new Down(ref, worker, Reasons.NORMAL), down);
        }
    }

    // ---------------------------------------------------------------- terms and structs

    @ElixirStruct("Shop.Customer")
    record Customer(String name, List<String> tags, Optional<Long> referrer) {
    }

    record CustomerMessage(Atom tag, Pid from, Customer customer) {
    }

    @Test
    void anElixirStructIsAJavaRecordAndGoesBackIntact() throws Exception {
        try (Mailbox inbox = java.node().mailbox(Atom.of("customers"))) {
            CompletableFuture<String> roundTrip = CompletableFuture.supplyAsync(() -> elixir.evalElixir(
                    "BeamlinkProbe.customer_round_trip({:customers, " + javaNode() + "})").text());
            Tuple message = (Tuple) inbox.receive(Duration.ofSeconds(10)).orElseThrow();
            Customer customer = inbox.as(message.get(2), Customer.class).orElseThrow();
            assertEquals(new Customer("Ada", List.of("vip"), Optional.empty()), customer);
            inbox.send((Pid) message.get(1), Tuple.of(Atom.of("back"), java.node().termMapper().toTerm(customer)));
            assertEquals(":same", roundTrip.get(20, TimeUnit.SECONDS));
        }
    }

    // ---------------------------------------------------------------- GenServer both ways

    /** A Java GenServer an Elixir GenServer.call reaches: it adds what it is given. */
    private static final class JavaCounter implements GenServer<Long> {
        @Override
        public InitResult<Long> init(Mailbox self) {
            return InitResult.ok(0L);
        }

        @Override
        public CallResult<Long> handleCall(Object request, From from, Long count) {
            if (request instanceof Tuple t && t.isTagged(Atom.of("add"), 2) && t.get(1) instanceof Int n) {
                return CallResult.reply(Int.of(count + n.value()), count + n.value());
            }
            return CallResult.reply(Int.of(count), count);
        }

        @Override
        public HandleResult<Long> handleCast(Object request, Long count) {
            return HandleResult.noReply(0L);
        }
    }

    @Test
    void elixirCallsAndCastsAJavaGenServer() {
        GenServer.start(java.node(), new JavaCounter(), StartOptions.DEFAULTS.local(Atom.of("java_counter"))).pid();
        assertEquals("5", elixir.evalElixir("GenServer.call({:java_counter, " + javaNode() + "}, {:add, 5})").text());
        assertEquals("7", elixir.evalElixir("GenServer.call({:java_counter, " + javaNode() + "}, {:add, 2})").text());
        assertEquals(":ok", elixir.evalElixir("GenServer.cast({:java_counter, " + javaNode() + "}, :reset)").text());
        assertEquals("1", elixir.evalElixir("GenServer.call({:java_counter, " + javaNode() + "}, {:add, 1})").text());
    }

    @Test
    void javaCallsAndCastsAnElixirGenServer() {
        elixir.evalElixir("case Process.whereis(Counter) do nil -> {:ok, pid} = Counter.start_link(10); Process.unlink(pid); _ -> :ok end");
        ServerRef counter = ServerRef.remote(Atom.of("Elixir.Counter"), elixirNode());
        try (Mailbox me = java.node().mailbox()) {
            GenServer.cast(me, counter, Atom.of("reset"));
            assertEquals(Int.of(3), GenServer.call(me, counter, Tuple.of(Atom.of("add"), Int.of(3))));
            assertEquals(Int.of(3), GenServer.call(me, counter, Atom.of("count")));
        }
    }

    // ---------------------------------------------------------------- a supervised Elixir worker

    @Test
    void aSupervisedElixirWorkerIsRestartedWhileJavaWatches() {
        elixir.evalElixir("WorkerSupervisor.start()");
        Atom workerName = Atom.of("Elixir.Worker");
        try (Mailbox me = java.node().mailbox()) {
            ServerRef worker = ServerRef.remote(workerName, elixirNode());
            assertEquals(Atom.of("pong"), GenServer.call(me, worker, Atom.of("ping")));
            Pid first = (Pid) dev.beamlink.etf.Etf.decode(elixir.eval("whereis('Elixir.Worker').").etf());
            Ref ref = me.monitor(workerName, elixirNode());
            me.exit(first, Reasons.KILL);
            Down down = me.receive(Down.class, Await.PATIENCE).orElseThrow();
            assertEquals(new Down(ref, Tuple.of(workerName, elixirNode()), Reasons.KILLED), down);
            // The supervisor starts it again, under the same name: Java's next call reaches the new one.
            Await.until("the worker is back", () -> {
                try {
                    return GenServer.call(me, worker, Atom.of("ping")).equals(Atom.of("pong"));
                } catch (dev.beamlink.otp.CallExit notYet) {
                    return false;
                }
            });
            Pid second = (Pid) dev.beamlink.etf.Etf.decode(elixir.eval("whereis('Elixir.Worker').").etf());
            assertNotEquals(first, second, "a new worker");
            assertTrue(second.node().equals(elixirNode()));
        }
    }
}
