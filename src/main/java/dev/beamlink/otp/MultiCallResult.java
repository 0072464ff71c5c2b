package dev.beamlink.otp;

import dev.beamlink.etf.Atom;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code gen_server:multi_call} gives: the replies, by node, and the nodes whose server did not answer (not
 * there, ended, unreachable, or too late).
 *
 * @param replies  each answering node's reply
 * @param badNodes the nodes that did not answer
 */
public record MultiCallResult(Map<Atom, Object> replies, List<Atom> badNodes) {

    public MultiCallResult {
        replies = Map.copyOf(Objects.requireNonNull(replies, "replies"));
        badNodes = List.copyOf(Objects.requireNonNull(badNodes, "badNodes"));
    }
}
