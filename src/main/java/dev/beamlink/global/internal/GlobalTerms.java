package dev.beamlink.global.internal;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Nil;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.otp.internal.Printed;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The atoms of global's protocol and the small readers every parser of it shares. A reader that meets a term of
 * the wrong shape throws {@link MalformedMessage}, which the receiving process logs before it drops the message.
 */
final class GlobalTerms {

    /** The registered name of global's server on every node. */
    static final Atom GLOBAL_NAME_SERVER = Atom.of("global_name_server");
    /** The resource of global's own lock ({@code ?GLOBAL_RID}). */
    static final Atom GLOBAL = Atom.of("global");
    static final Atom GEN_CAST = Atom.of("$gen_cast");
    static final Atom INSERT = Atom.of("insert");
    static final Atom DELETE = Atom.of("delete");
    static final Atom YES = Atom.of("yes");
    static final Atom NONE = Atom.of("none");
    static final Atom KILL = Atom.of("kill");

    private GlobalTerms() {
    }

    /** A term that is not what global's protocol says it should be. */
    static final class MalformedMessage extends RuntimeException {
        MalformedMessage(String what) {
            super(what);
        }
    }

    /** {@return {@code {'$gen_cast', Message}}, what {@code gen_server:cast/2} sends} */
    static Tuple cast(Term message) {
        return Tuple.of(GEN_CAST, message);
    }

    /** {@return the elements of a proper list} @throws MalformedMessage if {@code term} is not one */
    static List<Term> list(Term term, String what) {
        return switch (term) {
            case Nil nil -> List.of();
            case ErlList l when l.isProper() -> l.elements();
            default -> throw new MalformedMessage(what + " is not a proper list: " + Printed.of(term));
        };
    }

    /** {@return each element of the proper list {@code term} read by {@code reader}} */
    static <T> List<T> listOf(Term term, String what, Function<Term, T> reader) {
        List<T> out = new ArrayList<>();
        for (Term element : list(term, what)) {
            out.add(reader.apply(element));
        }
        return out;
    }

    static Atom atom(Term term, String what) {
        if (term instanceof Atom a) {
            return a;
        }
        throw new MalformedMessage(what + " is not an atom: " + Printed.of(term));
    }

    static Pid pid(Term term, String what) {
        if (term instanceof Pid p) {
            return p;
        }
        throw new MalformedMessage(what + " is not a pid: " + Printed.of(term));
    }

    static boolean bool(Term term, String what) {
        if (term instanceof Atom a && a.isBoolean()) {
            return a.equals(Atom.TRUE);
        }
        throw new MalformedMessage(what + " is not a boolean: " + Printed.of(term));
    }

    /** {@return an integer term as an int} @throws MalformedMessage if it is none or out of range */
    static int smallInt(Term term, String what) {
        if (term instanceof Int i && i.value() >= Integer.MIN_VALUE && i.value() <= Integer.MAX_VALUE) {
            return (int) i.value();
        }
        throw new MalformedMessage(what + " is not a small integer: " + Printed.of(term));
    }

    /** {@return {@code term} as a tuple of {@code size} elements} @throws MalformedMessage if it is not one */
    static Tuple tuple(Term term, int size, String what) {
        if (term instanceof Tuple t && t.size() == size) {
            return t;
        }
        throw new MalformedMessage(what + " is not a tuple of " + size + ": " + Printed.of(term));
    }
}
