package dev.beamlink.testing.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Term;
import dev.beamlink.node.Mailbox;
import dev.beamlink.otp.GenServer;
import dev.beamlink.otp.HandleResult;
import dev.beamlink.otp.InitResult;
import dev.beamlink.otp.ServerRef;
import dev.beamlink.otp.StartOptions;
import dev.beamlink.otp.StartResult;
import dev.beamlink.otp.Sys;
import dev.beamlink.testing.ErlNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code sys:get_state} and {@code sys:replace_state} between beamlink and OTP 27, whose {@code sys} takes the answer
 * as {@code {ok, State}} where OTP 25's takes the bare state (GenServerInteropTest proves OTP 25's form): erl's
 * {@code sys} reads and replaces a Java server's state, Java's {@link Sys} reads an OTP 27 gen_server's, and two
 * beamlink nodes read each other's.
 */
@Tag("interop")
@Otp(27)
class SysAcrossReleasesTest {

    private static final Atom JAVA_SERVER = Atom.of("sys_java_server");
    private static final Atom ERL_SERVER = Atom.of("sys_erl_server");

    @Erl
    static ErlNode erl;

    @Beamlink
    static DistributedNode java;

    @Beamlink
    static DistributedNode otherJava;

    /** A server whose state is the list of what it was cast, the newest first, as gen_helper's. */
    private static final class Casts implements GenServer<Term> {
        @Override
        public InitResult<Term> init(Mailbox self) {
            return InitResult.ok(ErlList.from(List.of()));
        }

        @Override
        public HandleResult<Term> handleCast(Object request, Term state) {
            List<Term> casts = new ArrayList<>();
            casts.add((Term) request);
            if (state instanceof ErlList list) {
                casts.addAll(list.elements());
            }
            return HandleResult.noReply(ErlList.from(casts));
        }
    }

    @BeforeAll
    static void startServers() {
        assertInstanceOf(StartResult.Ok.class,
                GenServer.start(java.node(), new Casts(), StartOptions.DEFAULTS.local(JAVA_SERVER)));
        erl.eval("gen_helper:start(" + ERL_SERVER.text() + ").");
    }

    private String javaServer() {
        return "{" + JAVA_SERVER.text() + ", '" + java.name().text() + "'}";
    }

    @Test
    void otp27ReadsAndReplacesAJavaServersState() {
        assertEquals("[]", erl.evalText("sys:replace_state(" + javaServer() + ", fun(_) -> [] end)."));
        erl.eval("gen_server:cast(" + javaServer() + ", one), gen_server:cast(" + javaServer() + ", two).");
        assertEquals("[two,one]", erl.evalText("sys:get_state(" + javaServer() + ")."));
        assertEquals("[three]", erl.evalText("sys:replace_state(" + javaServer() + ", fun(_) -> [three] end)."));
        assertEquals("[three]", erl.evalText("sys:get_state(" + javaServer() + ")."));
        assertEquals("{status,running}", erl.evalText(
                "{status, _, {module, gen_server}, [_, S | _]} = sys:get_status(" + javaServer() + "), {status, S}."));
    }

    @Test
    void javaReadsAnOtp27ServersState() {
        try (Mailbox me = java.node().mailbox()) {
            ServerRef server = ServerRef.remote(ERL_SERVER, Atom.of(erl.nodeName()));
            GenServer.cast(me, server, Atom.of("hello"));
            Term state = (Term) Sys.getState(me, server);
            assertEquals(Atom.of("hello"), ((ErlList) state).elements().get(0), "the bare state: " + state);
        }
    }

    @Test
    void twoBeamlinkNodesReadEachOthersState() {
        try (Mailbox me = otherJava.node().mailbox()) {
            ServerRef server = ServerRef.remote(JAVA_SERVER, java.name());
            GenServer.cast(me, server, Atom.of("from_java"));
            Term state = (Term) Sys.getState(me, server);
            assertEquals(Atom.of("from_java"), ((ErlList) state).elements().get(0), "the bare state: " + state);
        }
    }
}
