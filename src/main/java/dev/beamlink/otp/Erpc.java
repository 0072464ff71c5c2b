package dev.beamlink.otp;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Nil;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Down;
import dev.beamlink.node.ErlangExit;
import dev.beamlink.node.ErlangThrow;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.MessagePattern;
import dev.beamlink.node.Reasons;
import dev.beamlink.node.SpawnOption;
import dev.beamlink.node.SpawnResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Calls functions on other nodes as OTP's {@code erpc} does (OTP 23+): a spawn request for
 * {@code erpc:execute_call(Res, M, F, A)} with a monitor, whose process runs the function and ends with its outcome as
 * the exit reason ({@code {Res, return, Result}}, {@code {Res, throw, Value}}, {@code {Res, exit, Reason}},
 * {@code {Res, error, Reason, Stack}}); the monitor's DOWN brings it back. Each call runs in a process of its own on
 * the other node, so a slow function holds up nothing else.
 *
 * <pre>{@code
 * Term sum = Erpc.call(self, erl, Atom.of("lists"), Atom.of("sum"), List.of(ErlList.of(Int.of(1), Int.of(2))), Duration.ofSeconds(5));
 * ErpcRequests<String> calls = ErpcRequests.<String>empty();
 * for (Atom node : nodes) {
 *     calls = Erpc.sendRequest(self, node, Atom.of("erlang"), Atom.of("node"), List.of(), node.text(), calls);
 * }
 * while (Erpc.receiveResponse(self, calls, timeout, true) instanceof ErpcResponse.Answered<String> answer) {
 *     Term node = answer.outcome().get();          // throws what the call raised
 *     calls = answer.remaining();
 * }
 * }</pre>
 *
 * <p>Outcomes, exactly as {@code erpc:call/5} classifies them: the result; a {@link RemoteError}
 * ({@code error({exception, Reason, Stack})}); a {@link RemoteExit} ({@code exit({exception, Reason})}); an
 * {@link ErlangThrow} (the value thrown); an {@link ErpcFailure} ({@code error({erpc, noconnection | timeout | ...})});
 * an {@link ErlangExit} {@code {signal, Reason}} when another process ended the one running the call.
 *
 * <p>A peer that cannot start processes for others (it did not offer {@code DFLAG_SPAWN}: a C node, jinterface, OTP
 * before 23) answers the spawn request {@code notsup}; {@link #call} then asks the peer's {@code rex} instead, as
 * {@code rpc:call/5} did before OTP 23 ({@code gen_server:call({rex, Node}, {call, M, F, A, user})}), and turns its
 * answer back into erpc's outcomes ({@code notsup} still, if the peer has no rex either). Through rex a thrown value comes back as a result, and an exit whose reason is
 * {@code {Reason, [...]}} as an error: rex's answers do not tell them apart.
 */
public final class Erpc {

    static final Atom ERPC = Atom.of("erpc");
    private static final Atom EXECUTE_CALL = Atom.of("execute_call");
    private static final Atom EXECUTE_CAST = Atom.of("execute_cast");
    private static final Atom RETURN = Atom.of("return");
    private static final Atom THROW = Atom.of("throw");
    private static final Atom EXIT = Atom.of("exit");
    private static final Atom ERROR = Atom.of("error");
    private static final Atom TIMEOUT = Atom.of("timeout");
    private static final Atom SIGNAL = Atom.of("signal");
    private static final Atom REX = Atom.of("rex");
    private static final Atom CALL = Atom.of("call");
    private static final Atom USER = Atom.of("user");
    private static final Atom BADRPC = Atom.of("badrpc");
    private static final Atom EXIT_TAG = Atom.of("EXIT");
    private static final Atom NODEDOWN = Atom.of("nodedown");

    private Erpc() {
    }

    // ---------------------------------------------------------------- calls

    /** Runs {@code module:function(args...)} on {@code node} and waits as long as it takes ({@code erpc:call/4}). */
    public static Term call(Mailbox self, Atom node, Atom module, Atom function, List<? extends Term> args) {
        return call(self, node, module, function, args, Gen.INFINITY);
    }

    /**
     * Runs {@code module:function(args...)} on {@code node} and waits up to {@code timeout} for its outcome
     * ({@code erpc:call/5}). {@return the function's result}
     *
     * @throws RemoteError   the function raised an error
     * @throws RemoteExit    the function exited
     * @throws ErlangThrow   the function threw
     * @throws ErpcFailure   no outcome: {@code noconnection}, {@code timeout}, or no process could be made
     * @throws ErlangExit    {@code {signal, Reason}}: the process running the function was ended by another
     */
    public static Term call(Mailbox self, Atom node, Atom module, Atom function, List<? extends Term> args,
                            Duration timeout) {
        long deadline = deadline(timeout);
        try {
            return receiveResponse(self, sendRequest(self, node, module, function, args), timeout);
        } catch (ErpcFailure failure) {
            if (!failure.failure().equals(Reasons.NOTSUP)) {
                throw failure;
            }
            Term answer = rexCall(self, node, module, function, args, left(timeout, deadline));
            if (isNoRex(answer)) {
                throw failure; // a node that makes no processes and has no rex: it does not take calls
            }
            return fromRex(answer);
        }
    }

    /**
     * Runs {@code module:function(args...)} on every node of {@code nodes} at once and waits up to {@code timeout} in
     * all for their outcomes ({@code erpc:multicall/5}). {@return the outcomes, in the order of the nodes} A node that
     * cannot be reached or does not answer in time has the outcome {@code {error, {erpc, noconnection | timeout}}}.
     */
    public static List<ErpcOutcome> multicall(Mailbox self, List<Atom> nodes, Atom module, Atom function,
                                              List<? extends Term> args, Duration timeout) {
        long deadline = deadline(timeout);
        List<ErpcRequest> requests = new ArrayList<>(nodes.size());
        for (Atom node : nodes) {
            requests.add(sendRequest(self, node, module, function, args));
        }
        List<ErpcOutcome> outcomes = new ArrayList<>(requests.size());
        for (ErpcRequest request : requests) {
            outcomes.add(ErpcOutcome.of(() -> receiveResponse(self, request, left(timeout, deadline))));
        }
        return outcomes;
    }

    /**
     * Runs {@code module:function(args...)} on {@code node} without waiting for anything ({@code erpc:cast/4}): a
     * process there runs it ({@code erpc:execute_cast/3}); its failure is logged there, never reported here.
     */
    public static void cast(Mailbox self, Atom node, Atom module, Atom function, List<? extends Term> args) {
        Ref reqId = self.spawnRequest(node, ERPC, EXECUTE_CAST, List.of(module, function, ErlList.from(List.copyOf(args))));
        if (!self.spawnRequestAbandon(reqId)) {
            self.receive(message -> message instanceof SpawnResult r && r.reqId().equals(reqId) ? r : null, Duration.ZERO);
        }
    }

    /** {@link #cast} on every node of {@code nodes} ({@code erpc:multicast/4}). */
    public static void multicast(Mailbox self, List<Atom> nodes, Atom module, Atom function, List<? extends Term> args) {
        for (Atom node : nodes) {
            cast(self, node, module, function, args);
        }
    }

    // ---------------------------------------------------------------- asynchronous calls

    /**
     * Starts {@code module:function(args...)} on {@code node} without waiting ({@code erpc:send_request/4}).
     * {@return the call in flight} Its outcome is awaited with {@link #receiveResponse} or {@link #waitResponse}, or
     * recognized among received messages with {@link #checkResponse}.
     */
    public static ErpcRequest sendRequest(Mailbox self, Atom node, Atom module, Atom function, List<? extends Term> args) {
        Ref res = self.node().makeRef();
        Ref reqId = self.spawnRequest(node, ERPC, EXECUTE_CALL,
                List.of(res, module, function, ErlList.from(List.copyOf(args))), SpawnOption.MONITOR,
                SpawnOption.REPLY_ERROR_ONLY); // as erpc.erl asks: {reply, error_only}
        return new ErpcRequest(reqId, res);
    }

    /** Starts a call as {@link #sendRequest} does, adding it to {@code requests} with {@code label} ({@code erpc:send_request/6}). */
    public static <L> ErpcRequests<L> sendRequest(Mailbox self, Atom node, Atom module, Atom function,
                                                  List<? extends Term> args, L label, ErpcRequests<L> requests) {
        return requests.add(sendRequest(self, node, module, function, args), label);
    }

    /**
     * Waits up to {@code timeout} for the outcome of {@code request} ({@code erpc:receive_response/2}); past it the
     * call is abandoned. {@return the result} @throws ErpcFailure {@code timeout}, and as {@link #call} throws
     */
    public static Term receiveResponse(Mailbox self, ErpcRequest request, Duration timeout) {
        Optional<Object> answer = awaitAnswer(self, request.reqId(), timeout);
        if (answer.isEmpty()) {
            return timedOut(self, request);
        }
        return result(request.res(), answer.get());
    }

    /**
     * Waits up to {@code timeout} for the outcome of {@code request} ({@code erpc:wait_response/2}). {@return the
     * result, or empty if none came in time (the call goes on: it may be waited for again)}
     */
    public static Optional<Term> waitResponse(Mailbox self, ErpcRequest request, Duration timeout) {
        return awaitAnswer(self, request.reqId(), timeout).map(answer -> result(request.res(), answer));
    }

    /**
     * {@return the result {@code message} carries, if it is the outcome of {@code request}} ({@code
     * erpc:check_response/2}) @throws ErlangException what the call raised, if {@code message} says so
     */
    public static Optional<Term> checkResponse(Mailbox self, Object message, ErpcRequest request) {
        Object answer = answerTo(request.reqId()).match(message);
        return answer == null || isStarted(answer) ? Optional.empty() : Optional.of(result(request.res(), answer));
    }

    /**
     * Waits up to {@code timeout} for the outcome of any call of {@code requests} ({@code erpc:receive_response/3});
     * with {@code delete}, the collection returned no longer holds the call answered. Past the time-out every call of
     * the collection is abandoned. {@return the answer, or {@link ErpcResponse.NoRequest} for an empty collection}
     *
     * @throws ErpcFailure {@code timeout}
     */
    public static <L> ErpcResponse<L> receiveResponse(Mailbox self, ErpcRequests<L> requests, Duration timeout,
                                                      boolean delete) {
        ErpcResponse<L> response = awaitAny(self, requests, timeout, delete);
        if (response instanceof ErpcResponse.NoResponse<L>) {
            requests.toMap().keySet().forEach(request -> abandon(self, request));
            throw new ErpcFailure(TIMEOUT);
        }
        return response;
    }

    /**
     * Waits up to {@code timeout} for the outcome of any call of {@code requests} ({@code erpc:wait_response/3}).
     * {@return the answer, {@link ErpcResponse.NoResponse} if none came in time (the calls go on), or
     * {@link ErpcResponse.NoRequest} for an empty collection}
     */
    public static <L> ErpcResponse<L> waitResponse(Mailbox self, ErpcRequests<L> requests, Duration timeout,
                                                   boolean delete) {
        return awaitAny(self, requests, timeout, delete);
    }

    /**
     * {@return what {@code message} is to {@code requests}} ({@code erpc:check_response/3}): the answer to one of
     * them, {@link ErpcResponse.NoResponse} if it answers none, {@link ErpcResponse.NoRequest} for an empty collection
     */
    public static <L> ErpcResponse<L> checkResponse(Mailbox self, Object message, ErpcRequests<L> requests,
                                                    boolean delete) {
        if (requests.isEmpty()) {
            return new ErpcResponse.NoRequest<>();
        }
        for (Map.Entry<ErpcRequest, L> entry : requests.toMap().entrySet()) {
            Object answer = answerTo(entry.getKey().reqId()).match(message);
            if (answer != null && !isStarted(answer)) {
                return answered(entry.getKey(), entry.getValue(), answer, requests, delete);
            }
        }
        return new ErpcResponse.NoResponse<>();
    }

    private static <L> ErpcResponse<L> awaitAny(Mailbox self, ErpcRequests<L> requests, Duration timeout, boolean delete) {
        if (requests.isEmpty()) {
            return new ErpcResponse.NoRequest<>();
        }
        Map<ErpcRequest, L> calls = requests.toMap();
        MessagePattern<Object[]> any = message -> {
            for (ErpcRequest request : calls.keySet()) {
                Object answer = answerTo(request.reqId()).match(message);
                if (answer != null) {
                    return new Object[] {request, answer};
                }
            }
            return null;
        };
        long deadline = deadline(timeout);
        while (true) {
            Optional<Object[]> got = self.receive(any, left(timeout, deadline));
            if (got.isEmpty()) {
                return new ErpcResponse.NoResponse<>();
            }
            if (!isStarted(got.get()[1])) {
                ErpcRequest request = (ErpcRequest) got.get()[0];
                return answered(request, calls.get(request), got.get()[1], requests, delete);
            }
        }
    }

    private static <L> ErpcResponse<L> answered(ErpcRequest request, L label, Object answer, ErpcRequests<L> requests,
                                                boolean delete) {
        return new ErpcResponse.Answered<>(ErpcOutcome.of(() -> result(request.res(), answer)), label,
                delete ? requests.without(request) : requests);
    }

    // ---------------------------------------------------------------- answers

    /** {@return the spawn reply or DOWN of the call {@code reqId}: what a call waits for} */
    private static MessagePattern<Object> answerTo(Ref reqId) {
        return message -> switch (message) {
            case SpawnResult reply when reply.reqId().equals(reqId) -> reply;
            case Down down when down.ref().equals(reqId) -> down;
            default -> null;
        };
    }

    /** The process runs (erpc asks for no such reply: {@code {reply, error_only}}): its outcome comes with the DOWN. */
    private static boolean isStarted(Object answer) {
        return answer instanceof SpawnResult reply && reply.pid().isPresent();
    }

    /** {@return the failed spawn reply or the DOWN of the call, waiting up to {@code timeout}; empty past it} */
    private static Optional<Object> awaitAnswer(Mailbox self, Ref reqId, Duration timeout) {
        long deadline = deadline(timeout);
        while (true) {
            Optional<Object> got = self.receive(answerTo(reqId), left(timeout, deadline));
            if (got.isEmpty() || !isStarted(got.get())) {
                return got;
            }
        }
    }

    /** erpc:result/4 for a spawn reply or DOWN. */
    private static Term result(Ref res, Object answer) {
        return switch (answer) {
            case SpawnResult reply -> throw new ErpcFailure(reply.result());
            case Down down -> outcome(res, down.reason());
            default -> throw new IllegalStateException(String.valueOf(answer));
        };
    }

    /** A time-out: the call is abandoned; an outcome that came meanwhile is still the answer (erpc:result/4). */
    private static Term timedOut(Mailbox self, ErpcRequest request) {
        if (abandon(self, request)) {
            throw new ErpcFailure(TIMEOUT);
        }
        Object late = awaitAnswer(self, request.reqId(), Duration.ZERO).orElseThrow(() -> new ErpcFailure(TIMEOUT));
        return result(request.res(), late);
    }

    /**
     * erpc's {@code call_abandon/1}. {@return whether the call was still on} (else its answer is in the mailbox); a
     * reply that the process started, left in the mailbox, goes.
     */
    private static boolean abandon(Mailbox self, ErpcRequest request) {
        boolean on = self.spawnRequestAbandon(request.reqId()) || self.demonitor(request.reqId());
        if (on) {
            self.receive(message -> message instanceof SpawnResult reply && reply.reqId().equals(request.reqId())
                    ? reply : null, Duration.ZERO);
        }
        return on;
    }

    /** erpc:result(down, ...): what the process's exit reason says. */
    static Term outcome(Ref res, Term reason) {
        if (reason instanceof Tuple t && t.size() >= 3 && t.get(0).equals(res)) {
            if (t.size() == 3 && t.get(1).equals(RETURN)) {
                return t.get(2);
            }
            if (t.size() == 3 && t.get(1).equals(THROW)) {
                throw new ErlangThrow(t.get(2));
            }
            if (t.size() == 3 && t.get(1).equals(EXIT)) {
                throw new RemoteExit(t.get(2));
            }
            if (t.size() == 4 && t.get(1).equals(ERROR)) {
                throw new RemoteError(t.get(2), t.get(3));
            }
            if (t.size() == 3 && t.get(1).equals(ERROR) && t.get(2) instanceof Tuple erpc && erpc.isTagged(ERPC, 2)) {
                throw new ErpcFailure(erpc.get(1));
            }
        }
        if (reason.equals(Reasons.NOCONNECTION)) {
            throw new ErpcFailure(Reasons.NOCONNECTION);
        }
        throw new ErlangExit(Tuple.of(SIGNAL, reason), "the process running the call was ended: " + reason);
    }

    // ---------------------------------------------------------------- rex, for peers that start no processes for us

    /**
     * {@code rpc:call/5} as before OTP 23: {@code gen_server:call({rex, Node}, {call, M, F, A, user}, Timeout)}.
     * {@return rex's answer, or rpc's {@code {badrpc, Reason}} when there is none}
     */
    static Term rexCall(Mailbox self, Atom node, Atom module, Atom function, List<? extends Term> args, Duration timeout) {
        Tuple request = Tuple.of(CALL, module, function, ErlList.from(List.copyOf(args)), USER);
        try {
            return (Term) Gen.call(self, ServerRef.remote(REX, node), GenCall.GEN_CALL, request, timeout);
        } catch (ErlangExit failed) {
            // rpc's rpc_check/1 and rpc_check_t/1
            Term reason = failed.reason();
            if (reason instanceof Tuple t && t.isTagged(NODEDOWN, 2)) {
                return Tuple.of(BADRPC, NODEDOWN);
            }
            if (reason.equals(TIMEOUT)) {
                return Tuple.of(BADRPC, TIMEOUT);
            }
            return Tuple.of(BADRPC, Tuple.of(EXIT_TAG, Tuple.of(reason,
                    Tuple.of(Atom.of("gen_server"), CALL, ErlList.of(Tuple.of(REX, node), request, Gen.timeoutTerm(timeout))))));
        }
    }

    /** {@return whether rex's answer says there is no rex: {@code {badrpc, {'EXIT', {noproc, _}}}}} */
    private static boolean isNoRex(Term answer) {
        return answer instanceof Tuple t && t.isTagged(BADRPC, 2) && t.get(1) instanceof Tuple exit
                && exit.isTagged(EXIT_TAG, 2) && exit.get(1) instanceof Tuple why && why.size() == 2
                && why.get(0).equals(Reasons.NOPROC);
    }

    /** rex's answer as erpc's outcome: {@code {badrpc, ...}} made the failure it stands for. */
    private static Term fromRex(Term answer) {
        if (answer instanceof Tuple t && t.isTagged(BADRPC, 2)) {
            Term why = t.get(1);
            if (why.equals(NODEDOWN)) {
                throw new ErpcFailure(Reasons.NOCONNECTION);
            }
            if (why.equals(TIMEOUT)) {
                throw new ErpcFailure(TIMEOUT);
            }
            if (why instanceof Tuple exit && exit.isTagged(EXIT_TAG, 2)) {
                if (exit.get(1) instanceof Tuple error && error.size() == 2
                        && (error.get(1) instanceof ErlList || error.get(1).equals(Nil.NIL))) {
                    throw new RemoteError(error.get(0), error.get(1));
                }
                throw new RemoteExit(exit.get(1));
            }
            throw new ErpcFailure(why);
        }
        return answer;
    }

    // ---------------------------------------------------------------- time

    private static long deadline(Duration timeout) {
        return Gen.isInfinite(timeout) ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
    }

    private static Duration left(Duration timeout, long deadline) {
        return Gen.isInfinite(timeout) ? timeout : Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
