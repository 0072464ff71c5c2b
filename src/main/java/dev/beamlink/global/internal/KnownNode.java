package dev.beamlink.global.internal;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;

/**
 * A node of a partition with the global protocol version it speaks: {@code {Node, Vsn}} from version 7 on
 * ("propagate global versions"), a bare {@code Node} before, read as version 0 (not known yet).
 */
record KnownNode(Atom node, int vsn) {

    static KnownNode of(Term term) {
        if (term instanceof Atom node) {
            return new KnownNode(node, 0);
        }
        Tuple t = GlobalTerms.tuple(term, 2, "a known node");
        return new KnownNode(GlobalTerms.atom(t.get(0), "a known node's name"), GlobalTerms.smallInt(t.get(1), "a known node's version"));
    }

    Tuple toTerm() {
        return Tuple.of(node, Int.of(vsn));
    }
}
