package dev.beamlink.otp.rpc;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.ErlMap;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Nil;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.ErlangError;
import dev.beamlink.node.ErlangException;
import dev.beamlink.node.ErlangExit;
import dev.beamlink.node.ErlangThrow;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.ProcessEnded;
import dev.beamlink.node.Reasons;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exported functions of a node, and {@code apply(M, F, A)} over them: the one place where a call from another node
 * meets Java code, whichever way it came (erpc, rex, a spawn, {@code erlang:apply/3}).
 */
final class Invoker {

    static final Atom ERLANG = Atom.of("erlang");
    static final Atom APPLY = Atom.of("apply");
    static final Atom UNDEF = Atom.of("undef");
    private static final Atom ERROR_INFO = Atom.of("error_info");
    private static final Atom MODULE = Atom.of("module");
    private static final Atom ERL_ERTS_ERRORS = Atom.of("erl_erts_errors");
    /** The name of this class in a stack as Erlang writes it: where the frames of a called function end. */
    private static final Atom CUT_FRAME = Atom.of(Invoker.class.getName());

    private final Map<ExportKey, ExportedFunction> functions = new ConcurrentHashMap<>();

    void put(ExportKey key, ExportedFunction function) {
        functions.put(key, function);
    }

    boolean remove(ExportKey key) {
        return functions.remove(key) != null;
    }

    boolean has(ExportKey key) {
        return functions.containsKey(key);
    }

    List<ExportKey> keys() {
        return List.copyOf(functions.keySet());
    }

    /**
     * {@code try apply(M, F, A) catch ...} in the process {@code self}, for {@code caller}. {@return how it went, the
     * stack of an exception trimmed as erpc trims it} A {@link ProcessEnded} (the process was killed meanwhile) is not
     * an outcome: it leaves.
     */
    CallOutcome invoke(Mailbox self, Pid caller, Term module, Term function, Term args) {
        try {
            return new CallOutcome.Returned(apply(self, caller, module, function, args));
        } catch (ProcessEnded ended) {
            throw ended;
        } catch (Throwable thrown) {
            return raised(thrown, module, function, args);
        }
    }

    /**
     * {@code erlang:apply(M, F, A)} of an exported function. {@return its result}
     *
     * @throws ErlangError {@code badarg} if {@code M} or {@code F} is no atom or {@code A} no proper list, {@code undef}
     *                     if no such function is exported (with the stacks BEAM gives); or what the function threw
     */
    Term apply(Mailbox self, Pid caller, Term module, Term function, Term args) throws Exception {
        List<Term> argList = properList(args);
        if (!(module instanceof Atom m) || !(function instanceof Atom f) || argList == null) {
            List<Term> stack = new ArrayList<>(2);
            stack.add(bifFrame(APPLY, List.of(module, function, args)));
            if (argList != null) {
                stack.add(Tuple.of(module, function, Int.of(argList.size()), Nil.NIL));
            }
            throw new ErlangError(Reasons.BADARG, ErlList.from(stack), "erlang:apply(" + module + ", " + function + ", "
                    + args + "): no module and function names, or no argument list");
        }
        ExportedFunction exported = argList.size() > 255 ? null : functions.get(new ExportKey(m, f, argList.size()));
        if (exported == null) {
            throw new ErlangError(UNDEF, ErlList.of(Tuple.of(m, f, args, Nil.NIL)),
                    m.text() + ":" + f.text() + "/" + argList.size() + " is not exported");
        }
        Term result = exported.apply(new ExportedCall(self, caller, m, f, argList));
        if (result == null) {
            throw new NullPointerException(m.text() + ":" + f.text() + "/" + argList.size() + " returned null");
        }
        return result;
    }

    /** {@return a frame of a built-in function, as BEAM reports the one that raised: {@code {erlang, F, Args, [{error_info, ...}]}}} */
    static Tuple bifFrame(Atom function, List<Term> args) {
        return Tuple.of(ERLANG, function, ErlList.from(args),
                ErlList.of(Tuple.of(ERROR_INFO, new ErlMap(Map.of(MODULE, ERL_ERTS_ERRORS)))));
    }

    /** {@return the elements of a proper list, or null for anything else} */
    static List<Term> properList(Term term) {
        return switch (term) {
            case Nil nil -> List.of();
            case ErlList list when list.isProper() -> list.elements();
            default -> null;
        };
    }

    /** The outcome of a call that threw: its class, reason and trimmed stack. */
    private static CallOutcome raised(Throwable thrown, Term module, Term function, Term args) {
        if (thrown instanceof ErlangExit exit) {
            return new CallOutcome.Raised(ErlangException.Kind.EXIT, exit.reason(), Nil.NIL);
        }
        Tuple reasonAndStack = (Tuple) Reasons.of(thrown); // {Reason, Stack}, {{nocatch, Value}, Stack}, {{Class, Message}, Stack}
        Term stack = trim(reasonAndStack.get(1), module, function, args);
        return switch (thrown) {
            case ErlangThrow thrownValue -> new CallOutcome.Raised(ErlangException.Kind.THROW, thrownValue.reason(), stack);
            case ErlangError error -> new CallOutcome.Raised(ErlangException.Kind.ERROR, error.reason(), stack);
            default -> new CallOutcome.Raised(ErlangException.Kind.ERROR, reasonAndStack.get(0), stack);
        };
    }

    /**
     * erpc's {@code trim_stack/4}: the frames up to the called function's own ({@code {M, F, Args | Arity, _}}); else
     * the frames up to where this class called it, and {@code {M, F, Arity, []}} in its place; else all of them.
     */
    static Term trim(Term stack, Term module, Term function, Term args) {
        List<Term> frames = properList(stack);
        if (frames == null) {
            return stack;
        }
        List<Term> argList = properList(args);
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i) instanceof Tuple frame && frame.size() == 4 && frame.get(0).equals(module)
                    && frame.get(1).equals(function) && argList != null
                    && (frame.get(2).equals(Int.of(argList.size())) || frame.get(2).equals(args))) {
                return ErlList.from(frames.subList(0, i + 1));
            }
        }
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i) instanceof Tuple frame && frame.size() == 4 && frame.get(0).equals(CUT_FRAME)) {
                List<Term> kept = new ArrayList<>(frames.subList(0, i));
                if (argList != null) {
                    kept.add(Tuple.of(module, function, Int.of(argList.size()), Nil.NIL));
                }
                return ErlList.from(kept);
            }
        }
        return stack;
    }
}
