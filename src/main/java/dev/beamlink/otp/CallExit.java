package dev.beamlink.otp;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.ErlangExit;
import java.util.List;
import java.util.Objects;

/**
 * A call that failed, as OTP's callers see it: the exit {@code {Reason, {Module, Function, Args}}}, for example
 * {@code {noproc, {gen_server, call, [nobody, x]}}} or {@code {timeout, {gen_server, call, [Server, slow, 100]}}}.
 * {@link #callReason()} is {@code Reason} alone: {@code noproc}, {@code timeout}, {@code {nodedown, Node}}, {@code normal},
 * or the reason the server crashed with. Uncaught in a process, it ends the process with that whole reason, as the
 * exit does an Erlang caller.
 */
public final class CallExit extends ErlangExit {

    private final transient Term callReason;
    private final transient Tuple call;

    /**
     * @param callReason why the call failed
     * @param module     the module of the call, {@code gen_server} or {@code sys}
     * @param function   its function
     * @param args       its arguments, as they were given
     */
    public CallExit(Term callReason, Atom module, Atom function, List<Term> args) {
        this(callReason, Tuple.of(module, function, ErlList.from(args)));
    }

    private CallExit(Term callReason, Tuple call) {
        super(Tuple.of(callReason, call), message(callReason, call));
        this.callReason = Objects.requireNonNull(callReason, "callReason");
        this.call = call;
    }

    private static String message(Term callReason, Tuple call) {
        return call.get(0) + ":" + call.get(1) + call.get(2).toString().replaceFirst("^\\[", "(").replaceFirst("]$", ")")
                + " failed: " + callReason;
    }

    /** {@return why the call failed, without what was called} */
    public Term callReason() {
        return callReason;
    }

    /** {@return what was called: {@code {Module, Function, Args}}} */
    public Tuple call() {
        return call;
    }
}
