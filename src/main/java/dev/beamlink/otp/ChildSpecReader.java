package dev.beamlink.otp;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.ErlMap;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Nil;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import java.time.Duration;
import java.util.List;

/**
 * Reads a child spec that an Erlang caller gave ({@code supervisor:start_child/2}), checked as OTP 25's
 * {@code supervisor:check_childspec/2} checks it, with its errors: a map or a 6-tuple, OTP's defaults, and
 * {@code auto_shutdown} {@code never} (a significant child is refused). A start {@code {erlang, spawn_link, [Node, M,
 * F, A]}} is a {@link ChildStart#remote remote} start; any other {@code {M, F, A}} an {@link ChildStart#mfa Erlang}
 * one, which a Java supervisor cannot run.
 */
final class ChildSpecReader {

    private static final Atom ID = Atom.of("id");
    private static final Atom START = Atom.of("start");
    private static final Atom RESTART = Atom.of("restart");
    private static final Atom SIGNIFICANT = Atom.of("significant");
    private static final Atom SHUTDOWN = Atom.of("shutdown");
    private static final Atom TYPE = Atom.of("type");
    private static final Atom MODULES = Atom.of("modules");

    private ChildSpecReader() {
    }

    /** A spec OTP would refuse, with the reason it gives. */
    static final class BadChildSpec extends Exception {
        private final transient Term reason;

        BadChildSpec(Term reason) {
            super("a bad child spec: " + reason, null, false, false);
            this.reason = reason;
        }

        Term reason() {
            return reason;
        }
    }

    /** {@return the spec {@code term} gives} @throws BadChildSpec with OTP's reason */
    static ChildSpec read(Term term) throws BadChildSpec {
        ErlMap spec = switch (term) {
            case ErlMap map -> map;
            case Tuple t when t.size() == 6 -> new ErlMap(java.util.Map.of(ID, t.get(0), START, t.get(1), RESTART, t.get(2),
                    SIGNIFICANT, Atom.FALSE, SHUTDOWN, t.get(3), TYPE, t.get(4), MODULES, t.get(5)));
            default -> throw new BadChildSpec(Tuple.of(Atom.of("invalid_child_spec"), term));
        };
        Term id = spec.get(ID);
        if (id == null) {
            throw new BadChildSpec(Atom.of("missing_id"));
        }
        Term func = spec.get(START);
        if (func == null) {
            throw new BadChildSpec(Atom.of("missing_start"));
        }
        ChildStart start = start(func);
        ChildSpec.Restart restart = restart(valueOr(spec, RESTART, Atom.of("permanent")));
        Term significant = valueOr(spec, SIGNIFICANT, Atom.FALSE);
        if (significant.equals(Atom.TRUE)) {
            throw new BadChildSpec(Tuple.of(Atom.of("bad_combination"), ErlList.of(
                    Tuple.of(Atom.of("auto_shutdown"), Atom.of("never")), Tuple.of(SIGNIFICANT, Atom.TRUE))));
        }
        if (!significant.equals(Atom.FALSE)) {
            throw new BadChildSpec(Tuple.of(Atom.of("invalid_significant"), significant));
        }
        ChildSpec.Type type = type(valueOr(spec, TYPE, Atom.of("worker")));
        Term shutdownTerm = spec.get(SHUTDOWN);
        ChildSpec.Shutdown shutdown = shutdownTerm == null
                ? (type == ChildSpec.Type.WORKER ? ChildSpec.DEFAULT_WORKER_SHUTDOWN : ChildSpec.Shutdown.INFINITY)
                : shutdown(shutdownTerm);
        Term modules = spec.get(MODULES);
        if (modules == null) {
            modules = start.defaultModules();
        } else {
            checkModules(modules);
        }
        return new ChildSpec(id, start, restart, shutdown, type, modules);
    }

    private static Term valueOr(ErlMap spec, Atom key, Term otherwise) {
        Term value = spec.get(key);
        return value == null ? otherwise : value;
    }

    private static ChildStart start(Term func) throws BadChildSpec {
        if (func instanceof Tuple t && t.size() == 3 && t.get(0) instanceof Atom m && t.get(1) instanceof Atom f
                && (t.get(2) instanceof Nil || t.get(2) instanceof ErlList list && list.isProper())) {
            List<Term> args = t.get(2) instanceof ErlList list ? list.elements() : List.of();
            if (m.equals(Atom.of("erlang")) && f.equals(Atom.of("spawn_link")) && args.size() == 4
                    && args.get(0) instanceof Atom node && args.get(1) instanceof Atom module
                    && args.get(2) instanceof Atom function && isProperList(args.get(3))) {
                return ChildStart.remote(node, module, function,
                        args.get(3) instanceof ErlList list ? list.elements() : List.of());
            }
            return ChildStart.mfa(m, f, args);
        }
        throw new BadChildSpec(Tuple.of(Atom.of("invalid_mfa"), func));
    }

    private static boolean isProperList(Term term) {
        return term instanceof Nil || term instanceof ErlList list && list.isProper();
    }

    private static ChildSpec.Restart restart(Term term) throws BadChildSpec {
        return ChildSpec.Restart.of(term).orElseThrow(() -> new BadChildSpec(Tuple.of(Atom.of("invalid_restart_type"), term)));
    }

    private static ChildSpec.Type type(Term term) throws BadChildSpec {
        return ChildSpec.Type.of(term).orElseThrow(() -> new BadChildSpec(Tuple.of(Atom.of("invalid_child_type"), term)));
    }

    private static ChildSpec.Shutdown shutdown(Term term) throws BadChildSpec {
        if (term instanceof Int(long millis) && millis >= 0) {
            return ChildSpec.Shutdown.after(Duration.ofMillis(millis));
        }
        if (term.equals(Atom.of("infinity"))) {
            return ChildSpec.Shutdown.INFINITY;
        }
        if (term.equals(Atom.of("brutal_kill"))) {
            return ChildSpec.Shutdown.BRUTAL_KILL;
        }
        throw new BadChildSpec(Tuple.of(Atom.of("invalid_shutdown"), term));
    }

    /** supervisor:validMods/1: {@code dynamic}, or a list whose first non-atom is named. */
    private static void checkModules(Term modules) throws BadChildSpec {
        if (modules.equals(Atom.of("dynamic")) || modules instanceof Nil) {
            return;
        }
        if (!(modules instanceof ErlList list) || !list.isProper()) {
            throw new BadChildSpec(Tuple.of(Atom.of("invalid_modules"), modules));
        }
        for (Term module : list.elements()) {
            if (!(module instanceof Atom)) {
                throw new BadChildSpec(Tuple.of(Atom.of("invalid_module"), module));
            }
        }
    }
}
