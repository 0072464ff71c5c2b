package dev.beamlink.otp;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.ErlangError;
import dev.beamlink.node.ErlangException;
import dev.beamlink.node.ErlangExit;
import dev.beamlink.node.ErlangThrow;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.Reasons;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls functions on other nodes as OTP 25's {@code rpc} does: on top of {@link Erpc}, with rpc's answers instead of
 * exceptions. A call's result is its value, or {@code {badrpc, Reason}}:
 *
 * <table>
 *   <caption>What {@link #call} answers</caption>
 *   <tr><td>the function returns V</td><td>V ({@code {badrpc, V}} when V is {@code {'EXIT', _}})</td></tr>
 *   <tr><td>it throws V</td><td>V</td></tr>
 *   <tr><td>it exits with R</td><td>{@code {badrpc, {'EXIT', R}}}</td></tr>
 *   <tr><td>it raises error R</td><td>{@code {badrpc, {'EXIT', {R, Stack}}}}, {@code undef} among them</td></tr>
 *   <tr><td>the node cannot be reached, or goes down</td><td>{@code {badrpc, nodedown}}</td></tr>
 *   <tr><td>no answer in time</td><td>{@code {badrpc, timeout}}</td></tr>
 *   <tr><td>the node made no process</td><td>{@code {badrpc, notsup}}, {@code {badrpc, {'EXIT', system_limit}}} ...</td></tr>
 * </table>
 */
public final class Rpc {

    private static final Atom BADRPC = Atom.of("badrpc");
    private static final Atom EXIT = Atom.of("EXIT");
    private static final Atom EXCEPTION = Atom.of("exception");
    private static final Atom SIGNAL = Atom.of("signal");
    private static final Atom NODEDOWN = Atom.of("nodedown");
    private static final Atom TIMEOUT = Atom.of("timeout");

    private Rpc() {
    }

    /** Runs {@code module:function(args...)} on {@code node}, waiting as long as it takes ({@code rpc:call/4}). */
    public static Term call(Mailbox self, Atom node, Atom module, Atom function, List<? extends Term> args) {
        return call(self, node, module, function, args, Gen.INFINITY);
    }

    /**
     * Runs {@code module:function(args...)} on {@code node}, waiting up to {@code timeout} ({@code rpc:call/5}).
     * {@return the result, or {@code {badrpc, Reason}} as the table above says}
     */
    public static Term call(Mailbox self, Atom node, Atom module, Atom function, List<? extends Term> args,
                            Duration timeout) {
        return rpcify(ErpcOutcome.of(() -> Erpc.call(self, node, module, function, args, timeout)));
    }

    /**
     * Runs {@code module:function(args...)} on every node of {@code nodes}, waiting up to {@code timeout} in all
     * ({@code rpc:multicall/5}). {@return the results of the nodes that answered, in their order, and the nodes that
     * could not be reached or did not answer in time}
     */
    public static RpcMulticall multicall(Mailbox self, List<Atom> nodes, Atom module, Atom function,
                                         List<? extends Term> args, Duration timeout) {
        List<ErpcOutcome> outcomes = Erpc.multicall(self, nodes, module, function, args, timeout);
        List<Term> results = new ArrayList<>(outcomes.size());
        List<Atom> badNodes = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i) instanceof ErpcOutcome.Raised(ErpcFailure failure)
                    && (failure.failure().equals(TIMEOUT) || failure.failure().equals(Reasons.NOCONNECTION))) {
                badNodes.add(nodes.get(i));
            } else {
                results.add(rpcify(outcomes.get(i)));
            }
        }
        return new RpcMulticall(results, badNodes);
    }

    /** Runs {@code module:function(args...)} on {@code node} without waiting ({@code rpc:cast/4}). */
    public static void cast(Mailbox self, Atom node, Atom module, Atom function, List<? extends Term> args) {
        Erpc.cast(self, node, module, function, args);
    }

    /** rpc's {@code ?RPCIFY} and {@code rpcify_exception/2}: erpc's outcome as rpc's answer. */
    private static Term rpcify(ErpcOutcome outcome) {
        return switch (outcome) {
            case ErpcOutcome.Returned(Term value) when value instanceof Tuple t && t.isTagged(EXIT, 2) -> Tuple.of(BADRPC, value);
            case ErpcOutcome.Returned(Term value) -> value;
            case ErpcOutcome.Raised(ErlangException e) -> rpcify(e);
        };
    }

    private static Term rpcify(ErlangException e) {
        return switch (e) {
            case ErlangThrow thrown when thrown.reason() instanceof Tuple t && t.isTagged(EXIT, 2) -> Tuple.of(BADRPC, t);
            case ErlangThrow thrown -> thrown.reason();
            case RemoteExit exit -> badrpcExit(exit.remoteReason());
            case ErlangExit exit when exit.reason() instanceof Tuple t && t.isTagged(SIGNAL, 2) -> badrpcExit(t.get(1));
            case RemoteError error -> badrpcExit(Tuple.of(error.remoteReason(), error.erlangStack().orElseThrow()));
            case ErpcFailure failure when failure.failure().equals(Reasons.NOCONNECTION) -> Tuple.of(BADRPC, NODEDOWN);
            case ErpcFailure failure when failure.failure().equals(TIMEOUT) || failure.failure().equals(Reasons.NOTSUP) ->
                    Tuple.of(BADRPC, failure.failure());
            case ErpcFailure failure when failure.failure().equals(Reasons.BADARG) ->
                    throw new ErlangError(Reasons.BADARG, "rpc: a bad argument");
            case ErpcFailure failure -> badrpcExit(failure.failure());
            default -> throw e;
        };
    }

    private static Term badrpcExit(Term reason) {
        return Tuple.of(BADRPC, Tuple.of(EXIT, reason));
    }
}
