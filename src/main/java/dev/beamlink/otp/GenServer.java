package dev.beamlink.otp;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Binary;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.ErlangError;
import dev.beamlink.node.ErlangExit;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.Node;
import dev.beamlink.otp.internal.Printed;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * OTP's {@code gen_server} in Java: the behaviour a Java server implements, and the functions that start, call and
 * stop servers, Java ones and Erlang ones alike.
 *
 * <h2>Calling a server</h2>
 * <pre>{@code
 * Object reply = GenServer.call(self, ServerRef.remote(Atom.of("billing"), erlNode), Tuple.of(Atom.of("charge"), Int.of(42)));
 * GenServer.cast(self, ServerRef.local(Atom.of("log")), Atom.of("flush"));
 * }</pre>
 * A call monitors the server and tags the request with the monitor's reference made an alias, as OTP 24+ does; a
 * server that is not there, ends, or cannot be reached fails the call with a {@link CallExit} carrying OTP's reason
 * ({@code {noproc, {gen_server, call, [Server, Request]}}}, {@code {timeout, ...}}, {@code {{nodedown, Node}, ...}}, the
 * server's exit reason ...), and a reply that comes after a time-out is dropped.
 *
 * <h2>Being a server</h2>
 * <pre>{@code
 * final class Counter implements GenServer<Integer> {
 *     public InitResult<Integer> init(Mailbox self) { return InitResult.ok(0); }
 *     public CallResult<Integer> handleCall(Object request, From from, Integer count) {
 *         return CallResult.reply(Int.of(count + 1), count + 1);
 *     }
 * }
 * GenServer.start(node, new Counter(), StartOptions.DEFAULTS.local(Atom.of("counter")));
 * // erl> gen_server:call({counter, 'java@host'}, next).   %% 1
 * }</pre>
 * The server runs in a process of its own: callbacks run one at a time, on its thread. {@code init} gets the server's
 * own mailbox (keep it to send, link or monitor from later callbacks). Messages that are neither calls nor casts reach
 * {@code handleInfo}: the runtime's {@code Exit}, {@code Down} and {@code NodeDown} records among them. A callback that
 * throws ends the server, after {@code terminate}, with the reason the exception makes for any process (an
 * {@link ErlangError} gives {@code {Reason, Stack}}), logged as OTP logs a crashing server; a caller waiting for it gets
 * that reason. The server answers the {@code sys} requests operators use ({@code sys:get_state/1},
 * {@code sys:replace_state/2}, {@code sys:get_status/1}, {@code sys:suspend/1}, {@code sys:resume/1},
 * {@code sys:terminate/2}), and, when it traps exits, ends with its parent's exit reason as OTP's servers do. Use one
 * instance per server.
 *
 * @param <S> the server's state
 */
public interface GenServer<S> {

    /** The time-out of a call that names none: 5 seconds, as {@code gen_server:call/2}. */
    Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(5);
    /** A time-out that never passes: {@code infinity}. */
    Duration INFINITY = Gen.INFINITY;

    // ---------------------------------------------------------------- the behaviour

    /**
     * Starts the server ({@code Module:init/1}): {@link InitResult#ok} with the first state, or
     * {@link InitResult#ignore} / {@link InitResult#stop} for no server.
     *
     * @param self the server's own mailbox
     */
    InitResult<S> init(Mailbox self) throws Exception;

    /**
     * A call ({@code Module:handle_call/3}). The default ends the server with {@code {bad_call, Request}}.
     *
     * @param from who called: answer now ({@link CallResult#reply}) or later ({@link From#reply}, after
     *             {@link CallResult#noReply})
     */
    default CallResult<S> handleCall(Object request, From from, S state) throws Exception {
        throw new ErlangExit(Tuple.of(Atom.of("bad_call"), asTerm(request)), getClass().getName() + " takes no calls");
    }

    /** A cast ({@code Module:handle_cast/2}). The default ends the server with {@code {bad_cast, Request}}. */
    default HandleResult<S> handleCast(Object request, S state) throws Exception {
        throw new ErlangExit(Tuple.of(Atom.of("bad_cast"), asTerm(request)), getClass().getName() + " takes no casts");
    }

    /**
     * Any other message ({@code Module:handle_info/2}), the atom {@code timeout} after a {@link Next#timeout} passed,
     * and the runtime's {@code Exit}, {@code Down} and {@code NodeDown} records. The default logs it and goes on, as
     * OTP does for a module without {@code handle_info/2}.
     */
    default HandleResult<S> handleInfo(Object message, S state) throws Exception {
        GenServerProcess.LOG.warn("{} received an unexpected message: {}", getClass().getName(), Printed.of(message));
        return HandleResult.noReply(state);
    }

    /** What a {@link Next#continueWith} asked for ({@code Module:handle_continue/2}). The default ends the server. */
    default HandleResult<S> handleContinue(Object arg, S state) throws Exception {
        throw new ErlangExit(Tuple.of(Atom.of("bad_continue"), asTerm(arg)), getClass().getName() + " has no continue");
    }

    /** The server ends with {@code reason} ({@code Module:terminate/2}). The default does nothing. */
    default void terminate(Term reason, S state) throws Exception {
    }

    /**
     * {@return the state as {@code sys:get_state/1} and {@code sys:get_status/1} show it to a caller on another node}
     * The default: the state itself when it is a term, else its {@code toString()} as a UTF-8 binary.
     */
    default Term stateTerm(S state) {
        return asTerm(state);
    }

    /**
     * {@return the state {@code sys:replace_state/2} from another node makes of the term its fun returned} The default
     * takes the term when the state is a term, and refuses otherwise (the caller gets {@code callback_failed}).
     */
    @SuppressWarnings("unchecked")
    default S stateOf(Term replaced, S current) {
        if (current instanceof Term) {
            return (S) replaced;
        }
        throw new ErlangError(Atom.of("badarg"), "the state of " + getClass().getName() + " is not a term");
    }

    private static Term asTerm(Object value) {
        return value instanceof Term term ? term : Binary.ofUtf8(String.valueOf(value));
    }

    // ---------------------------------------------------------------- starting and stopping

    /** Starts {@code server} on {@code node}, unlinked ({@code gen_server:start/3}); waits for its {@code init}. */
    static StartResult start(Node node, GenServer<?> server) {
        return start(node, server, StartOptions.DEFAULTS);
    }

    /** Starts {@code server} on {@code node}, unlinked, with {@code options} ({@code gen_server:start/3,4}). */
    static StartResult start(Node node, GenServer<?> server, StartOptions options) {
        try (Mailbox starter = node.mailbox()) {
            return GenServerProcess.start(starter, server, options, GenServerProcess.Link.NONE);
        }
    }

    /**
     * Starts {@code server} linked to {@code parent} ({@code gen_server:start_link/3,4}); waits for its {@code init}.
     * As in OTP, a server whose {@code init} fails sends its exit signal to the parent as well: a parent that does not
     * trap exits ends with it (a supervisor traps them).
     */
    static StartResult startLink(Mailbox parent, GenServer<?> server) {
        return startLink(parent, server, StartOptions.DEFAULTS);
    }

    /** Starts {@code server} linked to {@code parent}, with {@code options}. */
    static StartResult startLink(Mailbox parent, GenServer<?> server, StartOptions options) {
        return GenServerProcess.start(parent, server, options, GenServerProcess.Link.LINK);
    }

    /** Starts {@code server} monitored by {@code parent} ({@code gen_server:start_monitor/3,4}): {@code {ok, {Pid, Mon}}}. */
    static StartResult startMonitor(Mailbox parent, GenServer<?> server) {
        return startMonitor(parent, server, StartOptions.DEFAULTS);
    }

    /** Starts {@code server} monitored by {@code parent}, with {@code options}. */
    static StartResult startMonitor(Mailbox parent, GenServer<?> server, StartOptions options) {
        return GenServerProcess.start(parent, server, options, GenServerProcess.Link.MONITOR);
    }

    /**
     * Runs {@code server} in the calling process, as the child {@code proc_lib:start_link} would have made of it for
     * {@code parent}: {@code init}, then proc_lib's {@code {ack, Self, {ok, Self}}} to {@code parent} (or
     * {@code {ack, Self, {error, Reason}}}, {@code ignore}), then the server's loop, which ends with the parent's exit
     * reason when it traps exits. For a process another node's {@code spawn_link/4} started (the caller of the exported
     * function it runs is the parent): linked from its first moment, it can be an erl supervisor's child, whose start
     * function spawns it and waits for the {@code ack} as {@code proc_lib} does. Returns only when {@code init} says
     * {@code ignore}; otherwise the process ends with the server.
     */
    static void run(Mailbox self, Pid parent, GenServer<?> server, StartOptions options) {
        GenServerProcess.run(self, parent, server, options);
    }

    /** Stops a server with {@code normal} and waits for its end ({@code gen_server:stop/1}). */
    static void stop(Mailbox self, ServerRef server) {
        stop(self, server, dev.beamlink.node.Reasons.NORMAL, INFINITY);
    }

    /**
     * Stops a server with {@code reason}, waiting up to {@code timeout} for its end ({@code gen_server:stop/3}): it
     * runs {@code terminate} and ends with {@code reason}.
     *
     * @throws ErlangExit {@code noproc} if there is no such server, {@code timeout}, or the reason it ended with
     *                    instead of {@code reason}
     */
    static void stop(Mailbox self, ServerRef server, Term reason, Duration timeout) {
        Sys.stop(self, server, reason, timeout);
    }

    // ---------------------------------------------------------------- calls

    /**
     * Calls {@code server} and waits up to 5 seconds for its reply ({@code gen_server:call/2}). {@return the reply}
     *
     * @throws CallExit                 {@code {Reason, {gen_server, call, [Server, Request]}}}
     * @throws IllegalArgumentException if the server is on another node and the request is no term
     */
    static Object call(Mailbox self, ServerRef server, Object request) {
        try {
            return Gen.call(self, server, GenCall.GEN_CALL, request, DEFAULT_CALL_TIMEOUT);
        } catch (ErlangExit e) {
            throw new CallExit(e.reason(), Atom.of("gen_server"), Atom.of("call"),
                    List.of(server.toTerm(), describe(self, request)));
        }
    }

    /**
     * Calls {@code server} as {@link #call(Mailbox, ServerRef, Object)} does, the reply read as a {@code replyType}:
     * a record, enum or sealed type the node's {@link dev.beamlink.etf.mapping.TermMapper} maps from the reply term
     * (a request that is a mapped value goes as its term). {@return the reply}
     *
     * @throws dev.beamlink.etf.mapping.TermMappingException if the reply does not fit {@code replyType}
     */
    static <R> R call(Mailbox self, ServerRef server, Object request, Class<R> replyType) {
        return as(self, call(self, server, request), replyType);
    }

    /** Calls {@code server} with a time-out, the reply read as a {@code replyType}. */
    static <R> R call(Mailbox self, ServerRef server, Object request, Class<R> replyType, Duration timeout) {
        return as(self, call(self, server, request, timeout), replyType);
    }

    private static <R> R as(Mailbox self, Object reply, Class<R> type) {
        if (type.isInstance(reply)) {
            return type.cast(reply);
        }
        if (reply instanceof Term term) {
            return self.node().termMapper().fromTerm(term, type);
        }
        throw new IllegalStateException("the reply is a " + reply.getClass().getName() + ", not a " + type.getName());
    }

    /** {@return a request as it is written in the reason of a failed call} */
    private static Term describe(Mailbox self, Object request) {
        try {
            return GenCall.term(request, self.node().termMapper(), "a request");
        } catch (IllegalArgumentException notMapped) {
            return asTerm(request);
        }
    }

    /**
     * Calls {@code server} and waits up to {@code timeout} ({@link #INFINITY}: as long as it takes) for its reply
     * ({@code gen_server:call/3}). {@return the reply}
     *
     * @throws CallExit {@code {Reason, {gen_server, call, [Server, Request, Timeout]}}}
     */
    static Object call(Mailbox self, ServerRef server, Object request, Duration timeout) {
        try {
            return Gen.call(self, server, GenCall.GEN_CALL, request, timeout);
        } catch (ErlangExit e) {
            throw new CallExit(e.reason(), Atom.of("gen_server"), Atom.of("call"),
                    List.of(server.toTerm(), describe(self, request), Gen.timeoutTerm(timeout)));
        }
    }

    /**
     * Calls the server registered as {@code name} on each of {@code nodes} at once and waits up to {@code timeout} for
     * their replies ({@code gen_server:multi_call/4}). Never fails: a node whose server is not there, ends, cannot be
     * reached or is too late is a bad node.
     */
    static MultiCallResult multiCall(Mailbox self, List<Atom> nodes, Atom name, Object request, Duration timeout) {
        RequestIds<Atom> pending = RequestIds.empty();
        for (Atom node : nodes) {
            pending = pending.add(sendRequest(self, ServerRef.remote(name, node), request), node);
        }
        java.util.Map<Atom, Object> replies = new java.util.LinkedHashMap<>();
        java.util.List<Atom> bad = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + (Gen.isInfinite(timeout) ? 0 : timeout.toNanos());
        while (!pending.isEmpty()) {
            Duration left = Gen.isInfinite(timeout) ? timeout : Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            CollectedResponse<Atom> answer = receiveResponse(self, pending, left, true);
            switch (answer) {
                case CollectedResponse.Answered<Atom>(Response response, Atom node, RequestIds<Atom> rest) -> {
                    if (response instanceof Response.Reply(Object value)) {
                        replies.put(node, value);
                    } else {
                        bad.add(node);
                    }
                    pending = rest;
                }
                case CollectedResponse.TimedOut<Atom> timedOut -> {
                    bad.addAll(pending.toMap().values());
                    pending = RequestIds.empty();
                }
                case CollectedResponse.NoRequest<Atom> none -> pending = RequestIds.empty();
            }
        }
        return new MultiCallResult(replies, bad);
    }

    /** Sends {@code {'$gen_cast', Request}} to {@code server} ({@code gen_server:cast/2}): never fails, never waits. */
    static void cast(Mailbox self, ServerRef server, Object request) {
        Gen.cast(self, server, request);
    }

    /** Answers a call later ({@code gen_server:reply/2}). */
    static void reply(Mailbox self, From from, Object reply) {
        from.reply(self, reply);
    }

    // ---------------------------------------------------------------- asynchronous requests

    /**
     * Sends a call without waiting ({@code gen_server:send_request/2}). {@return the request's id} The answer is
     * awaited with {@link #waitResponse} or {@link #receiveResponse}, or recognized with {@link #checkResponse}.
     */
    static RequestId sendRequest(Mailbox self, ServerRef server, Object request) {
        return Gen.sendRequest(self, server, GenCall.GEN_CALL, request);
    }

    /** Sends a call without waiting, adding it to {@code ids} with {@code label} ({@code gen_server:send_request/4}). */
    static <L> RequestIds<L> sendRequest(Mailbox self, ServerRef server, Object request, L label, RequestIds<L> ids) {
        return ids.add(sendRequest(self, server, request), label);
    }

    /**
     * Waits up to {@code timeout} for the answer to {@code id} ({@code gen_server:wait_response/2}). {@return the
     * answer, or empty after the time-out, when the request is still on (it may be waited for again)}
     */
    static Optional<Response> waitResponse(Mailbox self, RequestId id, Duration timeout) {
        return Gen.awaitResponse(self, id, timeout, false);
    }

    /**
     * Waits up to {@code timeout} for the answer to {@code id} ({@code gen_server:receive_response/2}). {@return the
     * answer, or empty after the time-out, when the request is abandoned (a later answer is dropped)}
     */
    static Optional<Response> receiveResponse(Mailbox self, RequestId id, Duration timeout) {
        return Gen.awaitResponse(self, id, timeout, true);
    }

    /** {@return the answer {@code message} is to {@code id}, if it is one} ({@code gen_server:check_response/2}) */
    static Optional<Response> checkResponse(Mailbox self, Object message, RequestId id) {
        return Gen.checkResponse(self, message, id);
    }

    /**
     * Waits up to {@code timeout} for the answer to any request of {@code ids} ({@code gen_server:wait_response/3});
     * with {@code delete}, the collection returned no longer holds the answered request.
     */
    static <L> CollectedResponse<L> waitResponse(Mailbox self, RequestIds<L> ids, Duration timeout, boolean delete) {
        return Gen.awaitResponse(self, ids, timeout, delete, false);
    }

    /** As {@link #waitResponse(Mailbox, RequestIds, Duration, boolean)}, abandoning every request on a time-out ({@code gen_server:receive_response/3}). */
    static <L> CollectedResponse<L> receiveResponse(Mailbox self, RequestIds<L> ids, Duration timeout, boolean delete) {
        return Gen.awaitResponse(self, ids, timeout, delete, true);
    }

    /** {@return the answer {@code message} is to a request of {@code ids}, if it is one} ({@code gen_server:check_response/3}) */
    static <L> Optional<CollectedResponse<L>> checkResponse(Mailbox self, Object message, RequestIds<L> ids, boolean delete) {
        return Gen.checkResponse(self, message, ids, delete);
    }
}
