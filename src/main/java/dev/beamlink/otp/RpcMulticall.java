package dev.beamlink.otp;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import java.util.List;

/**
 * What {@link Rpc#multicall} gives, as {@code rpc:multicall/5} does: {@code {ResL, BadNodes}}.
 *
 * @param results  the answers of the nodes that answered, in the order of the nodes asked: results or
 *                 {@code {badrpc, Reason}}
 * @param badNodes the nodes that could not be reached or did not answer in time
 */
public record RpcMulticall(List<Term> results, List<Atom> badNodes) {

    public RpcMulticall {
        results = List.copyOf(results);
        badNodes = List.copyOf(badNodes);
    }

    /** {@return {@code {ResL, BadNodes}}} */
    public Term toTerm() {
        return Tuple.of(ErlList.from(results), ErlList.from(badNodes));
    }
}
