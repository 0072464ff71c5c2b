package dev.beamlink.dist;

import dev.beamlink.etf.Etf;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.testing.Await;
import dev.beamlink.testing.ErlNode;

/** global on a live erl node, through {@code global_helper} (test-erlang), for the global interop tests. */
final class ErlGlobal {

    /** How long erl waits for {@code global:sync()} or for a name to settle, in milliseconds. */
    static final long WAIT_MILLIS = Await.PATIENCE.toMillis();

    private ErlGlobal() {
    }

    /** {@return {@code ok} once {@code global:sync()} returns on {@code erl}, {@code timeout} if it does not} */
    static String sync(ErlNode erl) {
        return erl.evalText("global_helper:sync(" + WAIT_MILLIS + ").");
    }

    /** {@return a new erl process that waits for {@code stop}, bound to {@code variable} on {@code erl}} */
    static Pid holder(ErlNode erl, String variable) {
        return (Pid) eval(erl, variable + " = global_helper:holder(), " + variable + ".");
    }

    /** {@return {@code global:whereis_name(Name)} on {@code erl} once it is {@code expected} (an Erlang expression), or what it is after the wait} */
    static Term awaitWhereis(ErlNode erl, String name, String expected) {
        return eval(erl, "global_helper:await_global(" + name + ", {" + expected + ", " + WAIT_MILLIS + "}).");
    }

    /** {@return an Erlang expression whose value is {@code term}: {@code binary_to_term(<<...>>)}} */
    static String literal(Term term) {
        StringBuilder text = new StringBuilder("binary_to_term(<<");
        byte[] bytes = Etf.encode(term);
        for (int i = 0; i < bytes.length; i++) {
            text.append(i == 0 ? "" : ",").append(bytes[i] & 0xFF);
        }
        return text.append(">>)").toString();
    }

    /** {@return the value of {@code expressions} on {@code erl}} */
    static Term eval(ErlNode erl, String expressions) {
        return Etf.decode(erl.eval(expressions).etf());
    }
}
