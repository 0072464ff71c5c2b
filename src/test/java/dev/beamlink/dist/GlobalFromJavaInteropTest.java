package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Tuple;
import dev.beamlink.global.Global;
import dev.beamlink.global.GlobalLock;
import dev.beamlink.node.ErlangExit;
import dev.beamlink.node.Mailbox;
import dev.beamlink.otp.GenServer;
import dev.beamlink.otp.ServerRef;
import dev.beamlink.otp.StartOptions;
import dev.beamlink.testing.Await;
import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.ErlNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * global from Java against two live erl nodes: {@code global:send/2}, {@code set_lock} / {@code del_lock} and
 * {@code trans} that erl's locks and Java's exclude each other, and global as the registry of a Java GenServer that
 * erl calls as {@code {global, Name}}.
 */
@Tag("interop")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GlobalFromJavaInteropTest {

    private Epmd epmd;
    private ErlNode first;
    private ErlNode second;
    private DistributedNode java;

    @BeforeAll
    void joinThree() {
        epmd = Epmd.start();
        first = GlobalInteropTest.erl(epmd, "gfirst");
        second = GlobalInteropTest.erl(epmd, "gsecond");
        java = JavaNodes.start(JavaNodes.builder("gjava", epmd));
        GlobalInteropTest.joinThree(first, second, java);
    }

    @AfterAll
    void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {java, second, first, epmd}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private Global global() {
        return java.global();
    }

    @Test
    void globalSendReachesTheProcessOfTheName() {
        try (Mailbox self = java.node().mailbox()) {
            Pid holder = ErlGlobal.holder(first, "SendTarget");
            assertEquals("yes", first.evalText("global:register_name(send_target, SendTarget)."));
            assertTrue(Await.eventually(() -> global().whereis(Atom.of("send_target")).isPresent()));
            assertEquals(holder, global().send(self, Atom.of("send_target"), Atom.of("stop")));
            assertEquals(Atom.of("undefined"), ErlGlobal.awaitWhereis(first, "send_target", "undefined"),
                    "the holder got stop and ended");
            ErlangExit badarg = assertThrows(ErlangExit.class, () -> global().send(self, Atom.of("nobody"), Atom.of("hi")));
            assertEquals(Tuple.of(Atom.of("badarg"), Tuple.of(Atom.of("nobody"), Atom.of("hi"))), badarg.reason());
        }
    }

    @Test
    void locksSetFromJavaAndFromErlExcludeEachOther() {
        try (Mailbox self = java.node().mailbox()) {
            GlobalLock javaLock = new GlobalLock(Atom.of("account"), Atom.of("java"));
            assertTrue(global().setLock(self, javaLock));
            assertEquals("false", first.evalText("global:set_lock({account, erl}, [node() | nodes()], 0)."),
                    "another requester is refused everywhere while Java holds it");
            global().delLock(self, javaLock);
            assertEquals("true", first.evalText("global:set_lock({account, erl}, [node() | nodes()], 0)."));
            assertFalse(global().setLock(self, javaLock, nodes(), 1), "held by erl: refused after one retry");
            assertEquals(Optional.empty(), global().trans(self, javaLock, () -> "ran", nodes(), 0), "aborted");
            assertEquals("true", first.evalText("global:del_lock({account, erl}, [node() | nodes()])."));
            assertEquals(Optional.of("ran"), global().trans(self, javaLock, () -> "ran", nodes(), 0));
            assertEquals("true", first.evalText("global:set_lock({account, erl}, [node() | nodes()], 0)."),
                    "trans released it");
            assertEquals("true", first.evalText("global:del_lock({account, erl}, [node() | nodes()])."));
        }
    }

    @Test
    void theEndOfTheJavaProcessHoldingALockReleasesIt() {
        Mailbox holder = java.node().mailbox();
        assertTrue(global().setLock(holder, new GlobalLock(Atom.of("job"), Atom.of("java")), nodes(), 0));
        assertEquals("false", second.evalText("global:set_lock({job, erl}, [node() | nodes()], 0)."));
        holder.close();
        assertTrue(Await.eventually(() -> second.evalText("global:set_lock({job, erl}, [node() | nodes()], 0).")
                .equals("true")));
        assertEquals("true", second.evalText("global:del_lock({job, erl}, [node() | nodes()])."));
    }

    @Test
    void globalIsTheRegistryOfAJavaServerThatErlCallsByItsGlobalName() {
        Atom name = Atom.of("java_counter");
        Pid server = GenServer.start(java.node(), new CountingServer(), StartOptions.DEFAULTS.via(global(), name)).pid();
        assertEquals(server, ErlGlobal.awaitWhereis(second, "java_counter", ErlGlobal.literal(server)));
        assertEquals("1", second.evalText("gen_server:call({global, java_counter}, next)."));
        try (Mailbox self = java.node().mailbox()) {
            assertEquals(Int.of(2), GenServer.call(self, ServerRef.via(global(), name), Atom.of("next")));
            assertEquals(Tuple.of(Atom.of("global"), name), ServerRef.via(global(), name).toTerm());
            GenServer.stop(self, ServerRef.via(global(), name));
        }
        assertEquals(Atom.of("undefined"), ErlGlobal.awaitWhereis(second, "java_counter", "undefined"));
    }

    private List<Atom> nodes() {
        return List.of(java.name(), Atom.of(first.nodeName()), Atom.of(second.nodeName()));
    }
}
