package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.testing.Await;
import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.ErlNode;

/**
 * global on a live erl node, through {@code global_helper} (test-erlang), for the global tests: these in src, and the
 * global interop suite (test-erlang/interop).
 */
public final class ErlGlobal {

    /** How long erl waits for {@code global:sync()} or for a name to settle, in milliseconds. */
    public static final long WAIT_MILLIS = Await.PATIENCE.toMillis();

    private ErlGlobal() {
    }

    /** {@return a new erl node called {@code prefix...} on {@code epmd}, with the Java nodes' cookie} */
    public static ErlNode erl(Epmd epmd, String prefix) {
        return ErlNode.builder().name(prefix).cookie(JavaNodes.COOKIE).epmd(epmd).start();
    }

    /** Two erl nodes connected, then the Java node joins through the first: global connects it to both. */
    public static void joinThree(ErlNode first, ErlNode second, DistributedNode java) {
        assertEquals("pong", first.evalText("net_adm:ping('" + second.nodeName() + "')."));
        assertEquals("ok", sync(first));
        assertTrue(java.ping(first.nodeName()));
        assertTrue(Await.eventually(() -> java.node().nodes().contains(Atom.of(second.nodeName()))),
                "global connected the Java node to the rest of the cluster");
        assertEquals("ok", sync(first));
        assertEquals("ok", sync(second));
        assertTrue(java.global().sync(Await.PATIENCE));
    }

    /** {@return {@code ok} once {@code global:sync()} returns on {@code erl}, {@code timeout} if it does not} */
    public static String sync(ErlNode erl) {
        return erl.evalText("global_helper:sync(" + WAIT_MILLIS + ").");
    }

    /** {@return a new erl process that waits for {@code stop}, bound to {@code variable} on {@code erl}} */
    public static Pid holder(ErlNode erl, String variable) {
        return (Pid) eval(erl, variable + " = global_helper:holder(), " + variable + ".");
    }

    /** {@return {@code global:whereis_name(Name)} on {@code erl} once it is {@code expected} (an Erlang expression), or what it is after the wait} */
    public static Term awaitWhereis(ErlNode erl, String name, String expected) {
        return eval(erl, "global_helper:await_global(" + name + ", {" + expected + ", " + WAIT_MILLIS + "}).");
    }

    /** {@return an Erlang expression whose value is {@code term}: {@code binary_to_term(<<...>>)}} */
    public static String literal(Term term) {
        return ErlSide.literal(term);
    }

    /** {@return the value of {@code expressions} on {@code erl}} */
    public static Term eval(ErlNode erl, String expressions) {
        return ErlSide.eval(erl, expressions);
    }
}
