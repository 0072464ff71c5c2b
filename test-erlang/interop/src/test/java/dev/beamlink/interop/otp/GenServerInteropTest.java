package dev.beamlink.interop.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.dist.ErlSide;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Etf;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Mailbox;
import dev.beamlink.otp.CallExit;
import dev.beamlink.otp.CollectedResponse;
import dev.beamlink.otp.EchoServer;
import dev.beamlink.otp.GenServer;
import dev.beamlink.otp.RequestIds;
import dev.beamlink.otp.Response;
import dev.beamlink.otp.ServerRef;
import dev.beamlink.otp.StartOptions;
import dev.beamlink.otp.Sys;
import dev.beamlink.testing.Await;
import dev.beamlink.testing.ErlNode;
import dev.beamlink.testing.junit.Beamlink;
import dev.beamlink.testing.junit.Erl;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * gen_server calls both ways between a live erl and a Java node. Each scenario is run against OTP's own gen_server
 * (gen_helper, on erl) and against beamlink's (EchoServer, its Java twin), and the outcomes, as OTP reports them to
 * the caller, compared: the erl caller's view through {@code gen_helper:outcome/2,3}, the Java caller's through
 * {@link CallExit}.
 */
@Tag("interop")
class GenServerInteropTest {

    private static final Atom ERL_ECHO = Atom.of("erl_echo");
    private static final Atom JAVA_ECHO = Atom.of("java_echo");

    @Erl(name = "gen")
    private static ErlNode erl;
    @Beamlink(name = "gen_java", connect = false)
    private static DistributedNode java;
    private static Atom erlNode;
    private static Atom javaNode;

    @BeforeAll
    static void start() {
        erlNode = Atom.of(erl.nodeName());
        javaNode = java.name();
        assertTrue(java.ping(erlNode));
    }

    /** A fresh pair of twins for each test: OTP's on erl, ours on Java. */
    @BeforeEach
    void startTwins() {
        erl.eval("gen_helper:restart(erl_echo).");
        java.node().whereis(JAVA_ECHO).ifPresent(pid -> {
            try (Mailbox stopper = java.node().mailbox()) {
                GenServer.stop(stopper, ServerRef.of(pid));
            }
        });
        GenServer.start(java.node(), new EchoServer(), StartOptions.DEFAULTS.local(JAVA_ECHO)).pid();
    }

    private static Term eval(String expression) {
        return Etf.decode(erl.eval(expression).etf());
    }

    /** {@return the outcome of an erl process's call, with the server's reference written as {@code server}} */
    private static Term erlOutcome(String server, String callArgs) {
        return normalized(eval("gen_helper:outcome(" + server + ", " + callArgs + ")."), eval(server + "."));
    }

    private static String otpServer() {
        return "{erl_echo, '" + erlNode.text() + "'}";
    }

    private static String ourServer() {
        return "{java_echo, '" + javaNode.text() + "'}";
    }

    /** Replaces the server's reference by the atom {@code server}, so that outcomes against both twins compare. */
    private static Term normalized(Term term, Term server) {
        if (term.equals(server)) {
            return Atom.of("server");
        }
        return switch (term) {
            case Tuple t -> new Tuple(t.elements().stream().map(e -> normalized(e, server)).toList());
            case ErlList l -> new ErlList(l.elements().stream().map(e -> normalized(e, server)).toList(), l.tail());
            default -> term;
        };
    }

    /** {@return the outcome an erl caller gets from both twins, once the two are found equal} */
    private static Term sameOutcome(String callArgs) {
        Term otp = erlOutcome(otpServer(), callArgs);
        Term ours = erlOutcome(ourServer(), callArgs);
        assertEquals(otp, ours, "erl calling OTP's gen_server, then beamlink's, with " + callArgs);
        return ours;
    }

    // ---------------------------------------------------------------- erl calls: OTP's outcome and ours

    @Test
    void aReply() {
        assertEquals(eval("{ok, hi}."), erlOutcome(ourServer(), "{echo, hi}"));
        sameOutcome("{echo, hi}");
    }

    @Test
    void aCallThatTimesOut() {
        assertEquals(eval("{exit, {timeout, {gen_server, call, [server, {slow, 600}, 100]}}}."),
                sameOutcome("{slow, 600}, 100"));
    }

    @Test
    void aReplyAfterTheTimeOutIsDroppedNotLeftInTheMailbox() {
        Term otp = normalized(eval("gen_helper:late_reply_dropped(" + otpServer() + ", 400)."), eval(otpServer() + "."));
        Term ours = normalized(eval("gen_helper:late_reply_dropped(" + ourServer() + ", 400)."), eval(ourServer() + "."));
        assertEquals(eval("{{exit, {timeout, {gen_server, call, [server, {later, 400}, 100]}}}, []}."), otp);
        assertEquals(otp, ours);
    }

    @Test
    void aCrashInHandleCall() {
        assertEquals(eval("{exit, {{badarith, stack}, {gen_server, call, [server, crash]}}}."), sameOutcome("crash"));
        assertTrue(Await.eventually(() -> java.node().whereis(JAVA_ECHO).isEmpty()), "the crashed server is gone");
    }

    @Test
    void aStopWithAReplyThenNoProcess() {
        assertEquals(eval("{ok, stopped}."), sameOutcome("{stop, normal}"));
        assertEquals(eval("{exit, {noproc, {gen_server, call, [server, {echo, after_stop}]}}}."),
                sameOutcome("{echo, after_stop}"));
    }

    @Test
    void aCallToANameNobodyHas() {
        Term otp = erlOutcome("{nobody, '" + erlNode.text() + "'}", "x");
        Term ours = erlOutcome("{nobody, '" + javaNode.text() + "'}", "x");
        assertEquals(eval("{exit, {noproc, {gen_server, call, [server, x]}}}."), otp);
        assertEquals(otp, ours);
    }

    @Test
    void aCallToAProcessThatEnded() {
        Term otpPid = eval("(fun() -> P = spawn(fun() -> ok end), timer:sleep(50), P end)().");
        Pid ourPid = java.node().spawn(self -> { });
        Await.until("the Java process ends", () -> !java.node().isAlive(ourPid));
        Term otp = normalized(eval("gen_helper:outcome(" + ErlSide.literal(otpPid) + ", x)."), otpPid);
        Term ours = normalized(eval("gen_helper:outcome(" + ErlSide.literal(ourPid) + ", x)."), ourPid);
        assertEquals(eval("{exit, {noproc, {gen_server, call, [server, x]}}}."), otp);
        assertEquals(otp, ours);
    }

    @Test
    void castsThenSysGetStateAndReplaceState() {
        for (String server : List.of(otpServer(), ourServer())) {
            eval("gen_helper:cast(" + server + ", one), gen_helper:cast(" + server + ", two).");
            assertEquals(eval("[two, one]."), eval("gen_helper:get_state(" + server + ")."), server);
            assertEquals(eval("[three, two, one]."), eval("gen_helper:replace_state(" + server + ", three)."), server);
            assertEquals(eval("{ok, [three, two, one]}."), eval("gen_helper:outcome(" + server + ", state)."), server);
        }
    }

    @Test
    void sysGetStatusHasGenServersShape() {
        for (String server : List.of(otpServer(), ourServer())) {
            assertEquals(Atom.TRUE, eval("(fun() -> {status, P, {module, gen_server}, [_PDict, running, _Parent, [], Misc]} = "
                    + "gen_helper:get_status(" + server + "), is_pid(P) andalso is_list(Misc)"
                    + " andalso lists:keymember(header, 1, Misc) andalso lists:member({data, [{\"State\", []}]}, Misc) end)()."),
                    server);
        }
    }

    @Test
    void sysSuspendAndResume() {
        Term otp = normalized(eval("gen_helper:suspend_resume(" + otpServer() + ")."), eval(otpServer() + "."));
        Term ours = normalized(eval("gen_helper:suspend_resume(" + ourServer() + ")."), eval(ourServer() + "."));
        assertEquals(eval("{{exit, {timeout, {gen_server, call, [server, {echo, suspended}, 300]}}}, {ok, resumed}}."), otp);
        assertEquals(otp, ours);
    }

    @Test
    void genServerStopFromErl() {
        assertEquals(Atom.of("ok"), eval("gen_helper:stop(" + ourServer() + ", normal)."));
        assertTrue(java.node().whereis(JAVA_ECHO).isEmpty());
        assertEquals(eval("{exit, noproc}."), eval("gen_helper:stop(" + ourServer() + ", normal)."));
        assertEquals(eval("gen_helper:stop({nobody, '" + erlNode.text() + "'}, normal)."),
                eval("gen_helper:stop({nobody, '" + javaNode.text() + "'}, normal)."));
    }

    @Test
    void asyncRequestsFromErl() {
        assertEquals(eval("{reply, a}."), eval("gen_helper:async(" + ourServer() + ", {echo, a})."));
        Term otp = normalized(eval("gen_helper:async({nobody, '" + erlNode.text() + "'}, x)."),
                eval("{nobody, '" + erlNode.text() + "'}."));
        Term ours = normalized(eval("gen_helper:async({nobody, '" + javaNode.text() + "'}, x)."),
                eval("{nobody, '" + javaNode.text() + "'}."));
        assertEquals(otp, ours);
    }

    // ---------------------------------------------------------------- Java calls erl: ours beside OTP's erl caller

    @Test
    void javaCallsAnErlServer() {
        try (Mailbox me = java.node().mailbox()) {
            ServerRef server = ServerRef.remote(ERL_ECHO, erlNode);
            assertEquals(Atom.of("hi"), GenServer.call(me, server, EchoServer.echo(Atom.of("hi"))));
            GenServer.cast(me, server, Atom.of("one"));
            assertEquals(ErlList.of(Atom.of("one")), GenServer.call(me, server, EchoServer.STATE));
        }
    }

    @Test
    void javaReadsAnErlServersStateWithSys() {
        try (Mailbox me = java.node().mailbox()) {
            ServerRef server = ServerRef.remote(ERL_ECHO, erlNode);
            GenServer.cast(me, server, Atom.of("two"));
            List<Term> state = ((ErlList) Sys.getState(me, server)).elements();
            assertEquals(Atom.of("two"), state.get(0), "the newest cast first: " + state);
        }
    }

    /** {@return the reason of the CallExit the Java caller got, in the shape gen_helper:outcome gives an erl caller} */
    private static Term javaOutcome(ServerRef server, Object request, Duration timeout) {
        try (Mailbox me = java.node().mailbox()) {
            Object reply = timeout == null ? GenServer.call(me, server, request) : GenServer.call(me, server, request, timeout);
            return Tuple.of(Atom.of("ok"), (Term) reply);
        } catch (CallExit e) {
            Term reason = e.reason();
            if (reason instanceof Tuple t && t.get(0) instanceof Tuple crash && crash.size() == 2
                    && crash.get(1) instanceof ErlList) {
                reason = Tuple.of(Tuple.of(crash.get(0), Atom.of("stack")), t.get(1));
            }
            return normalized(Tuple.of(Atom.of("exit"), reason), server.toTerm());
        }
    }

    @Test
    void javaCallersFailAsErlCallersDo() {
        ServerRef server = ServerRef.remote(ERL_ECHO, erlNode);
        assertEquals(erlOutcome(otpServer(), "{slow, 600}, 100"),
                javaOutcome(server, Tuple.of(EchoServer.SLOW, Int.of(600)), Duration.ofMillis(100)));
        ServerRef nobody = ServerRef.remote(Atom.of("nobody"), erlNode);
        assertEquals(erlOutcome("{nobody, '" + erlNode.text() + "'}", "x"), javaOutcome(nobody, Atom.of("x"), null));
        Term javaCallerSaw = javaOutcome(server, EchoServer.CRASH, null);
        eval("gen_helper:restart(erl_echo).");
        assertEquals(erlOutcome(otpServer(), "crash"), javaCallerSaw);
    }

    @Test
    void aJavaCallersLateReplyIsDropped() {
        try (Mailbox me = java.node().mailbox()) {
            ServerRef server = ServerRef.remote(ERL_ECHO, erlNode);
            CallExit late = assertThrows(CallExit.class, () ->
                    GenServer.call(me, server, Tuple.of(EchoServer.LATER, Int.of(300)), Duration.ofMillis(50)));
            assertEquals(Atom.of("timeout"), late.callReason());
            assertEquals(Optional.empty(), me.receive(Duration.ofMillis(800)), "the reply that came later was dropped");
        }
    }

    @Test
    void aCallToAnUnreachableNodeIsNodedownAsForAnErlCaller() {
        String gone = "nobody_here@localhost";
        Term otp = erlOutcome("{x, '" + gone + "'}", "r");
        assertEquals(otp, javaOutcome(ServerRef.remote(Atom.of("x"), Atom.of(gone)), Atom.of("r"), null));
        assertEquals(eval("{exit, {{nodedown, '" + gone + "'}, {gen_server, call, [server, r]}}}."), otp);
    }

    @Test
    void javaAsyncRequestsToErl() {
        try (Mailbox me = java.node().mailbox()) {
            RequestIds<String> ids = RequestIds.empty();
            ids = GenServer.sendRequest(me, ServerRef.remote(ERL_ECHO, erlNode), EchoServer.echo(Atom.of("a")), "a", ids);
            ids = GenServer.sendRequest(me, ServerRef.remote(Atom.of("nobody"), erlNode), Atom.of("x"), "nobody", ids);
            java.util.Map<String, Response> got = new java.util.HashMap<>();
            while (!ids.isEmpty()) {
                CollectedResponse<String> answer = GenServer.receiveResponse(me, ids, Duration.ofSeconds(5), true);
                CollectedResponse.Answered<String> answered = assertInstanceOf(CollectedResponse.Answered.class, answer);
                got.put(answered.label(), answered.response());
                ids = answered.remaining();
            }
            assertEquals(new Response.Reply(Atom.of("a")), got.get("a"));
            assertEquals(new Response.Failed(Atom.of("noproc"), Tuple.of(Atom.of("nobody"), erlNode)), got.get("nobody"));
            assertInstanceOf(CollectedResponse.NoRequest.class, GenServer.waitResponse(me, ids, Duration.ZERO, true));
        }
    }

    @Test
    void aJavaServerSeesTheRuntimesRecordsInHandleInfo() {
        EchoServer server = new EchoServer();
        Pid pid = GenServer.start(java.node(), server).pid();
        try (Mailbox me = java.node().mailbox()) {
            Pid erlProcess = (Pid) eval("spawn(fun() -> receive stop -> ok end end).");
            assertEquals(Atom.of("ok"), GenServer.call(me, ServerRef.of(pid), Tuple.of(EchoServer.MONITOR, erlProcess)));
            me.send(pid, Atom.of("plain"));
            eval(ErlSide.literal(erlProcess) + " ! stop.");
            Await.until("handleInfo got the message and the DOWN", () -> server.infos.contains(Atom.of("plain"))
                    && server.infos.stream().anyMatch(m -> m instanceof dev.beamlink.node.Down d && d.object().equals(erlProcess)));
            GenServer.stop(me, ServerRef.of(pid));
            assertEquals(Atom.of("normal"), server.terminatedWith);
        }
    }

}
