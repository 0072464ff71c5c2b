package dev.beamlink.otp;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.ErlangError;
import dev.beamlink.node.ErlangException;
import dev.beamlink.node.Mailbox;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The form in which a node's {@code sys} module takes the answer to {@code get_state} and {@code replace_state}, which
 * OTP 26 changed. OTP 25's {@code sys.erl} has the process answer the bare state, and {@code sys:get_state/1} returns
 * any answer but {@code {error, Reason}}; OTP 26's has it answer {@code {ok, State}}, and takes nothing else. Both
 * ask with the same message, and a node's distribution flags do not tell the releases apart, so the form is learnt by
 * asking the node: {@code erlang:system_info(otp_release)} through erpc. A beamlink node, which runs no OTP release,
 * answers {@code badarg} and speaks the newer, unambiguous form.
 *
 * <p>An answer is kept per node incarnation (its name and creation), for the life of this object: one round trip to a
 * node the first time, none after; at most {@value #REMEMBERED} of them, as the creation is whatever the caller's pid
 * says. Not thread-safe: each server has its own.
 */
final class SysReleaseForms {

    /** The first release whose {@code sys} takes {@code {ok, State}}. */
    static final int FIRST_WRAPPING_RELEASE = 26;

    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);
    private static final Atom ERLANG = Atom.of("erlang");
    private static final Atom SYSTEM_INFO = Atom.of("system_info");
    private static final Atom OTP_RELEASE = Atom.of("otp_release");
    private static final Atom OK = Atom.of("ok");
    private static final Atom BADARG = Atom.of("badarg");
    private static final Atom CASE_CLAUSE = Atom.of("case_clause");

    /** How many node incarnations are remembered: past it, the memory starts afresh (a peer names the creation). */
    static final int REMEMBERED = 64;

    private final Map<Incarnation, Boolean> wrapping = new HashMap<>();

    private record Incarnation(Atom node, int creation) {
    }

    /**
     * {@return whether {@code node}'s {@code sys} takes {@code {ok, State}}}, asked on {@code self}'s behalf when not
     * known yet. A node that cannot be asked (gone, or too slow) is taken for an OTP 25 node, and asked again next time.
     */
    boolean wrapsState(Mailbox self, Atom node, int creation) {
        Incarnation key = new Incarnation(node, creation);
        Boolean known = wrapping.get(key);
        if (known != null) {
            return known;
        }
        Boolean answer = ask(self, node);
        if (answer == null) {
            return false;
        }
        if (wrapping.size() >= REMEMBERED) {
            wrapping.clear();
        }
        wrapping.put(key, answer);
        return answer;
    }

    /** {@return {@code state} in the form {@code node}'s {@code sys} takes} */
    Term answer(Mailbox self, Atom node, int creation, Term state) {
        return wrapsState(self, node, creation) ? Tuple.of(OK, state) : state;
    }

    /**
     * {@return the state in {@code answer}, given in the newer form if {@code wrapped}, else in OTP 25's}
     *
     * @throws ErlangError {@code {case_clause, Answer}}, as the newer {@code sys:get_state/1} raises it, for an answer
     *                     other than {@code {ok, State}} in the newer form
     */
    static Term stateIn(Term answer, boolean wrapped) {
        if (!wrapped) {
            return answer;
        }
        if (answer instanceof Tuple t && t.isTagged(OK, 2)) {
            return t.get(1);
        }
        throw new ErlangError(Tuple.of(CASE_CLAUSE, answer), "expected {ok, State} from a sys request, got " + answer);
    }

    /** {@return whether {@code node} wraps, or null if it could not be asked} */
    private static Boolean ask(Mailbox self, Atom node) {
        try {
            Term release = Erpc.call(self, node, ERLANG, SYSTEM_INFO, List.of(OTP_RELEASE), ASK_TIMEOUT);
            return releaseOf(release) >= FIRST_WRAPPING_RELEASE;
        } catch (RemoteError e) {
            // badarg: a node without an OTP release, a beamlink node, which takes the newer form
            return e.remoteReason().equals(BADARG) ? Boolean.TRUE : null;
        } catch (ErlangException | IllegalArgumentException e) {
            return null;
        }
    }

    /** {@return the release number in {@code otp_release}'s answer, a charlist such as {@code "27"}} */
    static int releaseOf(Term release) {
        String text = release instanceof ErlList list ? list.asString().orElse("") : "";
        if (text.isEmpty() || text.length() > 4 || !text.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("not an OTP release: " + release);
        }
        return Integer.parseInt(text);
    }
}
