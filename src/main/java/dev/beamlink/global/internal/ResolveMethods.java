package dev.beamlink.global.internal;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.ExternalFun;
import dev.beamlink.etf.Fun;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.TermOrder;
import dev.beamlink.etf.Tuple;
import dev.beamlink.global.NameConflict;
import dev.beamlink.node.Mailbox;
import dev.beamlink.otp.CallExit;
import dev.beamlink.otp.GenServer;
import dev.beamlink.otp.ServerRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a name's resolve method, which global runs on the node of the process that has the name
 * ({@code rpc:call(node(Pid2), global, resolve_it, [Method, Name, Pid, Pid2])}). global's own methods
 * ({@code random_exit_name/3}, {@code random_notify_name/3}, {@code notify_all_name/3}, as external funs or as the
 * local fun {@code register_name/2} passes) run here, natively: they give the same answer and send the same signals
 * wherever they run. Any other fun runs on the process's node through its {@code rex} server; beamlink cannot run
 * Erlang code, so one for a process of this node comes out as {@code {badrpc, notsup}}, the answer an erl node gets
 * when it asks this node.
 */
final class ResolveMethods {

    private static final Logger LOG = LoggerFactory.getLogger(ResolveMethods.class);
    private static final Atom REX = Atom.of("rex");
    private static final Atom CALL = Atom.of("call");
    private static final Atom RESOLVE_IT = Atom.of("resolve_it");
    private static final Atom USER = Atom.of("user");
    private static final Atom BADRPC = Atom.of("badrpc");
    private static final Atom NODEDOWN = Atom.of("nodedown");
    private static final Atom NOTSUP = Atom.of("notsup");
    private static final Atom NAME_CONFLICT = Atom.of("global_name_conflict");
    private static final Atom RANDOM_EXIT_NAME = Atom.of("random_exit_name");
    private static final Atom RANDOM_NOTIFY_NAME = Atom.of("random_notify_name");
    private static final Atom NOTIFY_ALL_NAME = Atom.of("notify_all_name");

    private ResolveMethods() {
    }

    /** {@return the resolve method {@code conflict} names, as it travels: {@code fun global:F/3}} */
    static Term of(NameConflict conflict) {
        return new ExternalFun(GlobalTerms.GLOBAL, conflict.function(), 3);
    }

    /** {@return the method's answer to a clash over {@code name} between {@code pid} and {@code pid2}, or {@code {badrpc, Reason}}} */
    static Term resolve(Mailbox self, Term method, Term name, Pid pid, Pid pid2) {
        Atom function = globalFunction(method);
        if (function != null) {
            // global's own methods do the same wherever they run: they compare node names, and signal the pids.
            return runGlobal(self, function, name, pid, pid2);
        }
        Atom where = pid2.node();
        if (where.equals(self.node().name())) {
            return Tuple.of(BADRPC, NOTSUP);
        }
        // Group leader 'user': the method's output, if any, goes to that node's user, as for a C node's rpc.
        Term request = Tuple.of(CALL, GlobalTerms.GLOBAL, RESOLVE_IT, ErlList.of(method, name, pid, pid2), USER);
        try {
            return (Term) GenServer.call(self, ServerRef.remote(REX, where), request, GenServer.INFINITY);
        } catch (CallExit down) {
            return Tuple.of(BADRPC, NODEDOWN);
        }
    }

    private static Term runGlobal(Mailbox self, Atom function, Term name, Pid pid, Pid pid2) {
        Pid min = TermOrder.STANDARD.compare(pid.node(), pid2.node()) < 0 ? pid : pid2;
        Pid max = min == pid ? pid2 : pid;
        if (function.equals(RANDOM_EXIT_NAME)) {
            LOG.info("global: name conflict terminating {}", Tuple.of(name, max));
            self.exit(max, GlobalTerms.KILL);
            return min;
        }
        if (function.equals(RANDOM_NOTIFY_NAME)) {
            self.send(max, Tuple.of(NAME_CONFLICT, name));
            return min;
        }
        self.send(pid, Tuple.of(NAME_CONFLICT, name, pid2));
        self.send(pid2, Tuple.of(NAME_CONFLICT, name, pid));
        return GlobalTerms.NONE;
    }

    /**
     * {@return which of global's own methods {@code method} is, null if none}: {@code fun global:F/3}, or the local
     * fun {@code fun random_exit_name/3} of module global (arity 3, nothing captured), which register_name/2 passes
     */
    private static Atom globalFunction(Term method) {
        if (method instanceof ExternalFun f && f.module().equals(GlobalTerms.GLOBAL) && f.arity() == 3
                && (f.function().equals(RANDOM_EXIT_NAME) || f.function().equals(RANDOM_NOTIFY_NAME)
                || f.function().equals(NOTIFY_ALL_NAME))) {
            return f.function();
        }
        if (method instanceof Fun f && f.module().equals(GlobalTerms.GLOBAL) && f.arity() == 3 && f.freeVars().isEmpty()) {
            return RANDOM_EXIT_NAME;
        }
        return null;
    }
}
