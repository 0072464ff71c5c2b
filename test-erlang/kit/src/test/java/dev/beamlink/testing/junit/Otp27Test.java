package dev.beamlink.testing.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Binary;
import dev.beamlink.etf.Etf;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Mailbox;
import dev.beamlink.testing.ErlNode;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A class on OTP 27 (the Debian trixie root): its erl node and epmd run OTP 27, and a beamlink node talks with it. */
@Tag("interop")
@Otp(27)
class Otp27Test {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Erl
    static ErlNode erl;

    @Beamlink
    static DistributedNode java;

    @Test
    void theNodeRunsOtp27AndTheBeamlinkNodePingedIt() {
        assertEquals("\"27\"", erl.evalText("erlang:system_info(otp_release)."));
        assertEquals(27, erl.installation().release());
        assertTrue(java.ping(erl.nodeName()));
        assertEquals("true", erl.evalText("lists:member('" + java.name().text() + "', nodes())."));
    }

    @Test
    void anOtp27NodeConnectsToABeamlinkNodeThatWaits(@Beamlink(connect = false) DistributedNode waiting) {
        assertTrue(waiting.node().connectedNodes().isEmpty());
        assertEquals("pong", erl.evalText("net_adm:ping('" + waiting.name().text() + "')."), "OTP 27 opens the handshake");
        assertTrue(waiting.node().nodes().contains(Atom.of(erl.nodeName())));
    }

    @Test
    void messagesGoBothWaysByNameAndByPid() {
        try (Mailbox inbox = java.node().mailbox(Atom.of("otp27_inbox"))) {
            erl.eval("catch unregister(otp27_box), register(otp27_box, self()).");
            erl.eval("{otp27_inbox, '" + java.name().text() + "'} ! {hello, self(), <<\"from OTP 27\">>}.");
            Tuple hello = (Tuple) inbox.receive(WAIT).orElseThrow();
            assertEquals(Tuple.of(Atom.of("hello"), hello.get(1), Binary.ofUtf8("from OTP 27")), hello);
            Pid erlPid = (Pid) hello.get(1);
            assertEquals(Atom.of(erl.nodeName()), erlPid.node());

            inbox.send(erlPid, Tuple.of(Atom.of("by_pid"), inbox.self()));
            inbox.send(Atom.of("otp27_box"), Atom.of(erl.nodeName()), Atom.of("by_name"));
            Term got = Etf.decode(erl.eval("[receive {by_pid, From} -> node(From) after 10000 -> timeout end,"
                    + " receive by_name -> by_name after 10000 -> timeout end].").etf());
            assertEquals(Etf.decode(erl.eval("['" + java.name().text() + "', by_name].").etf()), got);
        }
    }
}
