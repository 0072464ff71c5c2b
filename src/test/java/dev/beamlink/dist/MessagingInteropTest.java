package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Binary;
import dev.beamlink.etf.Etf;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Mailbox;
import dev.beamlink.otp.From;
import dev.beamlink.otp.GenCall;
import dev.beamlink.testing.Await;
import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.ErlNode;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Messages between a live erl and a Java node: by pid and by registered name, through aliases, gen:call, spawn. */
@Tag("interop")
class MessagingInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static Epmd epmd;
    private static ErlNode erl;
    private static DistributedNode java;
    private static String javaNode;

    @BeforeAll
    static void start() {
        epmd = Epmd.start();
        erl = ErlNode.builder().name("msg").cookie(JavaNodes.COOKIE).epmd(epmd).start();
        java = JavaNodes.start(JavaNodes.builder("msg_java", epmd));
        javaNode = java.name().text();
    }

    @AfterAll
    static void stop() {
        java.close();
        erl.close();
        epmd.close();
    }

    private static Atom erlNode() {
        return Atom.of(erl.nodeName());
    }

    /** Registers erl's evaluating process as {@code name}, dropping the name it had. */
    private static void registerEvalProcess(String name) {
        erl.eval("[unregister(N) || {registered_name, N} <- [process_info(self(), registered_name)]], "
                + "register(" + name + ", self()).");
    }

    private static Term erlTerm(String expressions) {
        return Etf.decode(erl.eval(expressions).etf());
    }

    @Test
    void registeredNamesAndPidsBothWays() {
        try (Mailbox inbox = java.node().mailbox(Atom.of("inbox1"))) {
            registerEvalProcess("erlbox1");
            erl.eval("{inbox1, '" + javaNode + "'} ! {hello, self(), <<\"payload\">>}.");
            Tuple hello = (Tuple) inbox.receive(WAIT).orElseThrow();
            assertEquals(Atom.of("hello"), hello.get(0));
            assertEquals(Binary.ofUtf8("payload"), hello.get(2));
            Pid erlPid = (Pid) hello.get(1);
            assertEquals(erlNode(), erlPid.node());

            inbox.send(erlPid, Tuple.of(Atom.of("by_pid"), inbox.self()));
            assertEquals(javaNode, erl.evalText("receive {by_pid, From} -> node(From) after 10000 -> timeout end."));
            inbox.send(Atom.of("erlbox1"), erlNode(), Atom.of("by_name"));
            assertEquals("by_name", erl.evalText("receive by_name -> by_name after 10000 -> timeout end."));
            java.node().send(erlPid, Atom.of("no_sender"));
            assertEquals("no_sender", erl.evalText("receive no_sender -> no_sender after 10000 -> timeout end."));
        }
    }

    @Test
    void aMessageToANameNobodyHoldsIsDroppedAndTheConnectionStays() {
        erl.eval("{nobody_here, '" + javaNode + "'} ! lost, ok.");
        assertTrue(java.ping(erlNode()));
        assertTrue(erl.evalText("nodes().").contains(javaNode));
    }

    @Test
    void erlSendsThroughAJavaAliasUntilUnaliased() {
        try (Mailbox inbox = java.node().mailbox(Atom.of("inbox2"))) {
            Ref alias = inbox.alias();
            inbox.send(Atom.of("erlbox2"), erlNode(), alias); // erlbox2 does not exist yet: dropped
            registerEvalProcess("erlbox2");
            inbox.send(Atom.of("erlbox2"), erlNode(), alias);
            erl.eval("A = receive R when is_reference(R) -> R after 10000 -> error(no_alias) end, A ! through_alias.");
            assertEquals(Optional.of(Atom.of("through_alias")), inbox.receive(WAIT));
            assertTrue(inbox.unalias(alias));
            erl.eval("A ! after_unalias, {inbox2, '" + javaNode + "'} ! marker.");
            assertEquals(Optional.of(Atom.of("marker")), inbox.receive(WAIT), "the message to the dead alias is dropped");
        }
    }

    @Test
    void javaRepliesToAnErlAliasAndAnswersGenCall() {
        try (Mailbox server = java.node().mailbox(Atom.of("jserver"))) {
            Thread responder = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 2; i++) {
                    GenCall call = GenCall.of(server.receive()).orElseThrow();
                    call.from().reply(server, Tuple.of(Atom.of("answer"), (Term) call.request()));
                }
            });
            assertEquals("{ok,{answer,question}}", erl.evalText(
                    "gen:call({jserver, '" + javaNode + "'}, '$gen_call', question, 10000)."));
            assertEquals("{answer,again}", erl.evalText("gen_server:call({jserver, '" + javaNode + "'}, again, 10000)."));
            assertTrue(Await.eventually(() -> !responder.isAlive()));
        }
    }

    @Test
    void javaCallsAnErlServerWithAnAliasTag() {
        erl.eval("register(erl_call_server, spawn(dist_helper, call_server, [])).");
        try (Mailbox client = java.node().mailbox()) {
            Ref alias = client.alias();
            client.send(Atom.of("erl_call_server"), erlNode(),
                    new GenCall(GenCall.GEN_CALL, new From(client.self(), From.aliasTag(alias)), Atom.of("hi")).toTuple(client.node().termMapper()));
            Tuple reply = (Tuple) client.receive(WAIT).orElseThrow();
            assertEquals(From.aliasTag(alias), reply.get(0));
            assertEquals(Tuple.of(Atom.of("reply"), Atom.of("hi")), reply.get(1));
        }
    }

    @Test
    void aRemoteSpawnOnTheJavaNodeRunsAFunctionItExports() {
        Term reason = erlTerm("{P, Ref} = spawn_monitor('" + javaNode + "', erlang, node, []), "
                + "receive {'DOWN', Ref, process, P, Why} -> Why after 10000 -> timeout end.");
        assertEquals(Atom.of("normal"), reason, "erlang:node/0 is built in");
        assertTrue(erl.evalText("nodes().").contains(javaNode));
    }

    @Test
    void termsOfEveryKindArriveIntact() {
        try (Mailbox inbox = java.node().mailbox(Atom.of("inbox3"))) {
            String value = "{atom, 42, -1, 12345678901234567890123, 3.5, <<1,2,3>>, <<1:3>>, \"str\", [1|2], "
                    + "#{k => v}, self(), make_ref(), fun erlang:node/0, 'ünïcødé', {}}";
            Term expected = erlTerm("V = " + value + ", {inbox3, '" + javaNode + "'} ! V, V.");
            assertEquals(expected, inbox.receive(WAIT).orElseThrow());
            inbox.send(Atom.of("erlbox3"), erlNode(), expected);
            registerEvalProcess("erlbox3");
            inbox.send(Atom.of("erlbox3"), erlNode(), expected);
            assertEquals("true", erl.evalText("receive W -> W =:= V after 10000 -> timeout end."));
        }
    }
}
