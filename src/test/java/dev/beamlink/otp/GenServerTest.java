package dev.beamlink.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Binary;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Down;
import dev.beamlink.node.ErlangExit;
import dev.beamlink.node.Exit;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.Node;
import dev.beamlink.node.ProcessEnded;
import dev.beamlink.node.Reasons;
import dev.beamlink.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A Java GenServer between Java processes: gen_server's start protocol, its loop and its ends, as OTP 25 has them. */
class GenServerTest {

    private final Node node = Node.create("gen@localhost");
    private final Mailbox test = node.mailbox();

    @AfterEach
    void close() {
        node.close();
    }

    /** A server whose init does what it is given. */
    private record Starting(InitResult<Object> result) implements GenServer<Object> {
        @Override
        public InitResult<Object> init(Mailbox self) {
            return result;
        }
    }

    private static Atom atom(String text) {
        return Atom.of(text);
    }

    @Test
    void initStopKillsANonTrappingParentWithItsReason() {
        // As in OTP (a shell's start_link of a server whose init stops ends the shell's evaluator): the server's exit
        // signal follows its acknowledgement, and a parent that does not trap exits ends with it.
        dev.beamlink.node.Spawned parent = test.spawnMonitor(self -> {
            GenServer.startLink(self, new Starting(InitResult.stop(atom("nope"))));
            self.receive();
        });
        Down down = test.receive(m -> m instanceof Down d && d.ref().equals(parent.ref()) ? d : null, Await.PATIENCE)
                .orElseThrow();
        assertEquals(atom("nope"), down.reason());
    }

    @Test
    void aTrappingParentGetsTheErrorAndTheExitMessage() {
        test.trapExit(true);
        assertEquals(new StartResult.Error(atom("nope")), GenServer.startLink(test, new Starting(InitResult.stop(atom("nope")))));
        Exit exit = (Exit) test.receive(Await.PATIENCE).orElseThrow();
        assertEquals(atom("nope"), exit.reason());
    }

    @Test
    void ignoreAndAlreadyStartedAsOtpAnswersThem() {
        assertEquals(new StartResult.Ignore(), GenServer.start(node, new Starting(InitResult.ignore()),
                StartOptions.DEFAULTS.local(atom("ignored"))));
        assertTrue(node.whereis(atom("ignored")).isEmpty(), "an ignored server's name is gone");
        Pid first = GenServer.start(node, new EchoServer(), StartOptions.DEFAULTS.local(atom("one"))).pid();
        assertEquals(new StartResult.Error(Tuple.of(atom("already_started"), first)),
                GenServer.start(node, new EchoServer(), StartOptions.DEFAULTS.local(atom("one"))));
    }

    @Test
    void anInitThatThrowsGivesTheExceptionsReason() {
        StartResult result = GenServer.start(node, self -> {
            throw new IllegalStateException("no config");
        });
        Term reason = ((StartResult.Error) result).reason();
        assertEquals(Tuple.of(atom("java.lang.IllegalStateException"), Binary.ofUtf8("no config")), ((Tuple) reason).get(0));
    }

    @Test
    void anInitPastTheStartTimeOutIsKilledAndTheStartFailsWithTimeout() {
        CopyOnWriteArrayList<Pid> started = new CopyOnWriteArrayList<>();
        StartResult result = GenServer.start(node, self -> {
            started.add(self.self());
            Thread.sleep(Await.PATIENCE.toMillis());
            return InitResult.ok("late");
        }, StartOptions.DEFAULTS.timeout(Duration.ofMillis(100)));
        assertEquals(new StartResult.Error(atom("timeout")), result);
        Await.until("the slow server was killed", () -> !node.isAlive(started.getFirst()));
    }

    @Test
    void startMonitorGivesTheMonitorAndStopRunsTerminate() {
        EchoServer server = new EchoServer();
        StartResult.Ok ok = (StartResult.Ok) GenServer.startMonitor(test, server);
        GenServer.stop(test, ServerRef.of(ok.pid()), atom("enough"), Duration.ofSeconds(5));
        assertEquals(atom("enough"), server.terminatedWith);
        Down down = (Down) test.receive(Await.PATIENCE).orElseThrow();
        assertEquals(ok.monitor(), down.ref());
        assertEquals(atom("enough"), down.reason());
        ErlangExit noproc = assertThrows(ErlangExit.class, () -> GenServer.stop(test, ServerRef.of(ok.pid())));
        assertEquals(Reasons.NOPROC, noproc.reason());
    }

    @Test
    void callsBetweenJavaProcessesMayCarryAnyObject() {
        record Question(String text) {
        }
        Pid server = GenServer.start(node, new EchoServer()).pid();
        Object reply = GenServer.call(test, ServerRef.of(server), new Question("why"));
        assertEquals(Tuple.of(atom("java"), Binary.ofUtf8("Question[text=why]")), reply);
    }

    @Test
    void aServerCannotCallItself() {
        GenServer<Object> selfCaller = new GenServer<>() {
            @Override
            public InitResult<Object> init(Mailbox self) {
                try {
                    GenServer.call(self, ServerRef.of(self.self()), atom("x"));
                    return InitResult.ok("no");
                } catch (CallExit e) {
                    return InitResult.stop(e.callReason());
                }
            }
        };
        assertEquals(new StartResult.Error(atom("calling_self")), GenServer.start(node, selfCaller));
    }

    @Test
    void aCrashInHandleCallEndsTheServerAndTheCallerGetsItsReason() {
        GenServer<Object> crashing = new GenServer<>() {
            @Override
            public InitResult<Object> init(Mailbox self) {
                return InitResult.ok("s");
            }

            @Override
            public CallResult<Object> handleCall(Object request, From from, Object state) {
                throw new IllegalArgumentException("bad request");
            }
        };
        Pid server = GenServer.start(node, crashing).pid();
        CallExit exit = assertThrows(CallExit.class, () -> GenServer.call(test, ServerRef.of(server), atom("x")));
        Tuple crash = (Tuple) exit.callReason();
        assertEquals(Tuple.of(atom("java.lang.IllegalArgumentException"), Binary.ofUtf8("bad request")), crash.get(0));
        assertEquals(Tuple.of(atom("gen_server"), atom("call"), dev.beamlink.etf.ErlList.of(server, atom("x"))), exit.call());
        assertFalse(node.isAlive(server));
    }

    @Test
    void continueAndTimeoutReachTheirCallbacks() {
        List<Object> seen = new CopyOnWriteArrayList<>();
        GenServer<String> server = new GenServer<>() {
            @Override
            public InitResult<String> init(Mailbox self) {
                return InitResult.ok("s", Next.continueWith(atom("first")));
            }

            @Override
            public HandleResult<String> handleContinue(Object arg, String state) {
                seen.add(arg);
                return HandleResult.noReply(state, Next.timeout(Duration.ofMillis(20)));
            }

            @Override
            public HandleResult<String> handleInfo(Object message, String state) {
                seen.add(message);
                return HandleResult.noReply(state);
            }
        };
        GenServer.start(node, server).pid();
        Await.until("continue, then the time-out", () -> seen.equals(List.of(atom("first"), atom("timeout"))));
    }

    @Test
    void aTrappingServerEndsWithItsParentsExitReasonAfterTerminate() {
        EchoServer server = new EchoServer();
        GenServer<Term> trapping = new GenServer<>() {
            @Override
            public InitResult<Term> init(Mailbox self) {
                self.trapExit(true);
                return server.init(self);
            }

            @Override
            public void terminate(Term reason, Term state) {
                server.terminate(reason, state);
            }
        };
        Mailbox parent = node.mailbox();
        Pid pid = GenServer.startLink(parent, trapping).pid();
        Down down = Probes.monitorAndEnd(test, pid, () -> test.exit(parent.self(), atom("shutdown")));
        assertEquals(atom("shutdown"), down.reason());
        assertEquals(atom("shutdown"), server.terminatedWith);
        assertThrows(ProcessEnded.class, parent::receive);
    }

    @Test
    void sysFromJavaGetsAndReplacesTheJavaStateAndSuspends() {
        Pid pid = GenServer.start(node, new StatefulServer()).pid();
        ServerRef server = ServerRef.of(pid);
        assertEquals(List.of(), Sys.getState(test, server));
        assertEquals(List.of("x"), Sys.<List<String>>replaceState(test, server, state -> List.of("x")));
        Sys.suspend(test, server);
        CallExit suspended = assertThrows(CallExit.class,
                () -> GenServer.call(test, server, atom("state"), Duration.ofMillis(100)));
        assertEquals(atom("timeout"), suspended.callReason());
        Sys.resume(test, server);
        assertEquals(List.of("x"), GenServer.call(test, server, atom("state")));
    }

    /** A server whose state is a Java list, not a term. */
    private static final class StatefulServer implements GenServer<List<String>> {
        @Override
        public InitResult<List<String>> init(Mailbox self) {
            return InitResult.ok(List.of());
        }

        @Override
        public CallResult<List<String>> handleCall(Object request, From from, List<String> state) {
            return CallResult.reply(state, state);
        }
    }

    /** Small helpers for this test's ends. */
    private static final class Probes {
        static Down monitorAndEnd(Mailbox watcher, Pid pid, Runnable end) {
            dev.beamlink.etf.Ref ref = watcher.monitor(pid);
            end.run();
            return watcher.receive(m -> m instanceof Down d && d.ref().equals(ref) ? d : null, Await.PATIENCE).orElseThrow();
        }
    }
}
