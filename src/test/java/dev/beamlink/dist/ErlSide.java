package dev.beamlink.dist;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Etf;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.testing.ErlNode;
import dev.beamlink.testing.TermLiteral;
import java.time.Duration;
import java.util.List;

/**
 * A test's hands on a live erl node: Erlang expressions with Java terms spliced in, and probes
 * ({@code test-erlang/src/main/erlang/link_probe.erl}): BEAM processes that link, unlink, monitor and exit as
 * told and keep the messages BEAM delivers to them.
 *
 * <p>Terms go into expressions as {@code binary_to_term(<<...>>)} literals ({@link TermLiteral}), so that no variable
 * binding of the node's evaluator is ever made twice. Shared with the interop suite (test-erlang/interop).
 */
public final class ErlSide {

    private final ErlNode erl;

    public ErlSide(ErlNode erl) {
        this.erl = erl;
    }

    public ErlNode node() {
        return erl;
    }

    public Atom nodeName() {
        return Atom.of(erl.nodeName());
    }

    /** {@return {@code term} as an Erlang expression that evaluates to it} */
    public static String literal(Term term) {
        return TermLiteral.of(Etf.encode(term));
    }

    /** {@return the value of {@code expressions}, each {@code %s} replaced by the literal of the next term} */
    public Term eval(String expressions, Term... terms) {
        return eval(erl, expressions, terms);
    }

    /** {@return the value of {@code expressions} on {@code erl}, each {@code %s} replaced by the literal of the next term} */
    public static Term eval(ErlNode erl, String expressions, Term... terms) {
        return Etf.decode(erl.eval(splice(expressions, terms)).etf());
    }

    private static String splice(String template, Term... terms) {
        return template.formatted((Object[]) List.of(terms).stream().map(ErlSide::literal).toArray(String[]::new));
    }

    /** {@return a new probe, trapping exits if {@code trap}} */
    public Pid probe(boolean trap) {
        return (Pid) eval("link_probe:start(" + trap + ").");
    }

    /** {@return a new probe registered as {@code name}} */
    public Pid probe(boolean trap, Atom name) {
        return (Pid) eval("link_probe:start(" + trap + ", %s).", name);
    }

    /**
     * Runs {@code body} (Erlang expressions, {@code %s} for the terms) in the probe; {@return its value, or
     * {@code {dead, Reason}} if the probe ended}
     */
    public Term call(Pid probe, String body, Term... terms) {
        return eval("link_probe:call(%s, fun() -> " + splice(body, terms) + " end).", probe);
    }

    /** Runs {@code body} in the probe without waiting for it. */
    public void cast(Pid probe, String body, Term... terms) {
        eval("link_probe:cast(%s, fun() -> " + splice(body, terms) + " end).", probe);
    }

    /** {@return the messages the probe kept, once there are {@code count} or {@code wait} passed} */
    public List<Term> messages(Pid probe, int count, Duration wait) {
        Term got = eval("link_probe:messages(%s, " + count + ", " + wait.toMillis() + ").", probe);
        if (got instanceof ErlList list) {
            return list.elements();
        }
        if (got.equals(ErlList.from(List.of()))) {
            return List.of();
        }
        throw new AssertionError("probe " + probe + " has ended: " + got);
    }

    /** {@return the reason {@code pid} ended with, waiting up to {@code wait}; the atom {@code alive} if it still lives} */
    public Term awaitEnd(Pid pid, Duration wait) {
        return eval("link_probe:await_end(%s, " + wait.toMillis() + ").", pid);
    }

    /** {@return whether {@code pid} still lives after {@code wait}} */
    public boolean aliveAfter(Pid pid, Duration wait) {
        return Atom.of("true").equals(eval("link_probe:alive_after(%s, " + wait.toMillis() + ").", pid));
    }

    /** {@return the pids {@code pid} is linked to, as erl sees them} */
    public List<Term> linksOf(Pid pid) {
        Term links = eval("link_probe:links(%s).", pid);
        return links instanceof ErlList list ? list.elements() : List.of();
    }

    /** {@return the processes that monitor {@code pid}, as erl sees them (a probe's own watcher among them)} */
    public List<Term> monitoredBy(Pid pid) {
        Term watchers = eval("link_probe:monitored_by(%s).", pid);
        return watchers instanceof ErlList list ? list.elements() : List.of();
    }

    /** {@return a pid of a process that has ended, on the erl node} */
    public Pid deadPid() {
        return (Pid) eval("link_probe:dead_pid().");
    }

    @Override
    public String toString() {
        return erl.toString();
    }
}
