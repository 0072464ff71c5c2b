package dev.beamlink.etf.mapping;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.BigInt;
import dev.beamlink.etf.Binary;
import dev.beamlink.etf.BitString;
import dev.beamlink.etf.ErlFloat;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.ErlMap;
import dev.beamlink.etf.ExternalFun;
import dev.beamlink.etf.Fun;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Nil;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Port;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;

/** {@link Term} and its types ({@link Pid}, {@link Ref}, {@link Atom}...): the term itself, both ways. */
final class TermCodec extends Codec {

    private final Class<? extends Term> type;
    private final String expected;

    TermCodec(Class<? extends Term> type) {
        this.type = type;
        this.expected = describe(type);
    }

    private static String describe(Class<? extends Term> type) {
        if (type == Term.class) {
            return "any term";
        } else if (type == Atom.class) {
            return "an atom";
        } else if (type == Int.class) {
            return "an integer that fits a long";
        } else if (type == BigInt.class) {
            return "an integer outside a long's range";
        } else if (type == ErlFloat.class) {
            return "a float";
        } else if (type == Binary.class) {
            return "a binary";
        } else if (type == BitString.class) {
            return "a bit string that is not a binary";
        } else if (type == Tuple.class) {
            return "a tuple";
        } else if (type == ErlList.class) {
            return "a non-empty list";
        } else if (type == Nil.class) {
            return "[]";
        } else if (type == ErlMap.class) {
            return "a map";
        } else if (type == Pid.class) {
            return "a pid";
        } else if (type == Port.class) {
            return "a port";
        } else if (type == Ref.class) {
            return "a reference";
        } else if (type == Fun.class) {
            return "a fun";
        } else if (type == ExternalFun.class) {
            return "an external fun";
        }
        throw new IllegalArgumentException("not a term type: " + type.getName());
    }

    @Override
    Term encode(Object value) {
        if (!type.isInstance(value)) {
            throw wrongValue(value);
        }
        return (Term) value;
    }

    @Override
    Object decode(Term term, Mismatch why) {
        return type.isInstance(term) ? term : mismatch(term, why);
    }

    @Override
    String expected() {
        return expected;
    }
}
