package dev.beamlink.otp;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Down;
import dev.beamlink.node.ErlangError;
import dev.beamlink.node.ErlangExit;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.MessagePattern;
import dev.beamlink.node.MonitorAlias;
import dev.beamlink.node.Reasons;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * OTP's {@code gen} module for Java callers: calls and asynchronous requests to a server named as a {@link ServerRef},
 * exactly as {@code gen:call/4} and {@code gen:send_request/3} make them (OTP 24+): the server is monitored with the
 * monitor's reference made an alias ({@code [{alias, demonitor}]}), the request is tagged {@code [alias|Ref]}, and the
 * answer is either {@code {Tag, Reply}} or the monitor's DOWN. Once the caller gives up (a time-out) the alias is gone,
 * so a late reply is dropped by the runtime rather than left in the mailbox.
 *
 * <p>Failures are exits with the bare reason, as gen's are ({@code noproc}, {@code timeout}, {@code {nodedown, Node}},
 * {@code calling_self}, the server's exit reason); {@link GenServer} and {@link Sys} add what was called.
 */
final class Gen {

    /** {@code infinity}: a time-out that never passes. */
    static final Duration INFINITY = ChronoUnit.FOREVER.getDuration();

    private static final Atom INFINITY_ATOM = Atom.of("infinity");
    private static final Atom CALLING_SELF = Atom.of("calling_self");
    private static final Atom TIMEOUT = Atom.of("timeout");
    private static final Atom NODEDOWN = Atom.of("nodedown");
    private static final Atom GEN_CAST = Atom.of("$gen_cast");

    private Gen() {
    }

    /** {@return a time-out as Erlang writes it: milliseconds, or {@code infinity}} */
    static Term timeoutTerm(Duration timeout) {
        return isInfinite(timeout) ? INFINITY_ATOM : Int.of(timeout.toMillis());
    }

    static boolean isInfinite(Duration timeout) {
        return timeout.compareTo(Duration.ofDays(365)) > 0;
    }

    /** Where a request goes once its server's name is resolved: a pid, or a name on another node. */
    private sealed interface Target {
        Ref monitor(Mailbox self);

        void send(Mailbox self, Object message);

        Atom node();

        boolean isLocal(Mailbox self);
    }

    private record ToPid(Pid pid) implements Target {
        @Override
        public Ref monitor(Mailbox self) {
            return self.monitor(pid, MonitorAlias.DEMONITOR);
        }

        @Override
        public void send(Mailbox self, Object message) {
            self.send(pid, message);
        }

        @Override
        public Atom node() {
            return pid.node();
        }

        @Override
        public boolean isLocal(Mailbox self) {
            return pid.node().equals(self.node().name());
        }
    }

    private record ToName(Atom name, Atom node) implements Target {
        @Override
        public Ref monitor(Mailbox self) {
            return self.monitor(name, node, MonitorAlias.DEMONITOR);
        }

        @Override
        public void send(Mailbox self, Object message) {
            self.send(name, node, message);
        }

        @Override
        public boolean isLocal(Mailbox self) {
            return false;
        }
    }

    /**
     * gen's {@code do_for_proc}: a local name or a registry name becomes its pid ({@code noproc} when unregistered), a
     * name on this node is local, a name on another node stays a name.
     */
    private static Target resolve(Mailbox self, ServerRef server) {
        return switch (server) {
            case ServerRef.ByPid(Pid pid) -> new ToPid(pid);
            case ServerRef.Local(Atom name) -> new ToPid(self.node().whereis(name).orElseThrow(Gen::noproc));
            case ServerRef.Remote(Atom name, Atom node) when node.equals(self.node().name()) ->
                    new ToPid(self.node().whereis(name).orElseThrow(Gen::noproc));
            case ServerRef.Remote(Atom name, Atom node) -> new ToName(name, node);
            case ServerRef.Via(Registry registry, Term name) -> new ToPid(registry.whereis(name).orElseThrow(Gen::noproc));
        };
    }

    private static ErlangExit noproc() {
        return new ErlangExit(Reasons.NOPROC, "no such process");
    }

    /**
     * gen:call/4. {@return the reply}
     *
     * @throws ErlangExit with gen's bare reason when the call fails
     * @throws IllegalArgumentException if the request is not a term and the server is on another node
     */
    static Object call(Mailbox self, ServerRef server, Atom label, Object request, Duration timeout) {
        Target target = resolve(self, server);
        try {
            return call(self, target, label, request, timeout);
        } catch (ErlangExit exit) {
            // A registry's server whose node went down is, to the caller, no process (gen's do_for_proc).
            if (server instanceof ServerRef.Via && exit.reason().equals(Tuple.of(NODEDOWN, target.node()))) {
                throw noproc();
            }
            throw exit;
        }
    }

    private static Object call(Mailbox self, Target target, Atom label, Object request, Duration timeout) {
        if (target instanceof ToPid(Pid pid) && pid.equals(self.self())) {
            throw new ErlangExit(CALLING_SELF, "a process cannot call itself");
        }
        boolean local = target.isLocal(self);
        if (!local) {
            request = GenCall.term(request, self.node().termMapper(), "a request to a server on another node");
        }
        Ref mref = target.monitor(self);
        GenCall call = new GenCall(label, new From(self.self(), From.aliasTag(mref)), request);
        target.send(self, local && !(request instanceof Term) ? call : call.toTuple(self.node().termMapper()));
        Optional<Object> answer = self.receive(answerTo(mref), timeout);
        if (answer.isEmpty()) {
            self.demonitor(mref, true); // the alias goes with the monitor: a later reply is dropped
            answer = self.receive(replyTo(mref), Duration.ZERO);
            if (answer.isEmpty()) {
                throw new ErlangExit(TIMEOUT, "no reply within " + timeout);
            }
        }
        return switch (answer.get()) {
            case Answer(Object reply) -> {
                self.demonitor(mref, true);
                yield reply;
            }
            case Down down when down.reason().equals(Reasons.NOCONNECTION) ->
                    throw new ErlangExit(Tuple.of(NODEDOWN, target.node()), "the server's node " + target.node() + " went down");
            case Down down -> throw new ErlangExit(down.reason(), "the server ended: " + down.reason());
            default -> throw new IllegalStateException(String.valueOf(answer.get()));
        };
    }

    /** A reply, told apart from the DOWN that may come instead. */
    private record Answer(Object reply) {
    }

    /** {@return the reply to the request tagged with {@code mref}'s alias, or its monitor's DOWN} */
    private static MessagePattern<Object> answerTo(Ref mref) {
        return message -> {
            Object reply = replyValue(message, mref);
            if (reply != null) {
                return new Answer(reply);
            }
            return message instanceof Down down && down.ref().equals(mref) ? down : null;
        };
    }

    private static MessagePattern<Object> replyTo(Ref mref) {
        return message -> {
            Object reply = replyValue(message, mref);
            return reply == null ? null : new Answer(reply);
        };
    }

    /** {@return the reply in {@code {[alias|Mref], Reply}}, or null for any other message} */
    private static Object replyValue(Object message, Ref mref) {
        return switch (message) {
            case Tuple t when t.size() == 2 && isTag(t.get(0), mref) -> t.get(1);
            case GenReply reply when isTag(reply.tag(), mref) -> reply.reply();
            default -> null;
        };
    }

    private static boolean isTag(Term tag, Ref mref) {
        return tag instanceof ErlList list && mref.equals(list.tail()) && list.elements().size() == 1;
    }

    // ---------------------------------------------------------------- casts

    /** gen_server:cast/2: {@code {'$gen_cast', Request}}, never failing (a missing server drops it). */
    static void cast(Mailbox self, ServerRef server, Object request) {
        switch (server) {
            case ServerRef.ByPid(Pid pid) -> self.send(pid, castMessage(self, request, self.node().name().equals(pid.node())));
            case ServerRef.Local(Atom name) -> self.node().whereis(name)
                    .ifPresent(pid -> self.send(pid, castMessage(self, request, true)));
            case ServerRef.Remote(Atom name, Atom node) ->
                    self.send(name, node, castMessage(self, request, node.equals(self.node().name())));
            case ServerRef.Via(Registry registry, Term name) -> registry.whereis(name)
                    .ifPresent(pid -> self.send(pid, castMessage(self, request, self.node().name().equals(pid.node()))));
        }
    }

    private static Object castMessage(Mailbox self, Object request, boolean local) {
        return local && !(request instanceof Term) ? new GenCast(request)
                : Tuple.of(GEN_CAST, GenCall.term(request, self.node().termMapper(), "a cast to a server on another node"));
    }

    /** {@return the request of a cast message, {@code {'$gen_cast', Request}} or its local form, if it is one} */
    static Optional<Object> castRequest(Object message) {
        return switch (message) {
            case GenCast cast -> Optional.of(cast.request());
            case Tuple t when t.isTagged(GEN_CAST, 2) -> Optional.of(t.get(1));
            default -> Optional.empty();
        };
    }

    /** A cast whose request is not a term, to a server of this node. */
    record GenCast(Object request) {
    }

    // ---------------------------------------------------------------- asynchronous requests

    /** gen:send_request/3: a server that cannot be found answers at once with a DOWN of its own. */
    static RequestId sendRequest(Mailbox self, ServerRef server, Atom label, Object request) {
        Target target;
        try {
            target = resolve(self, server);
        } catch (ErlangExit exit) {
            Ref fake = self.node().makeRef();
            self.send(self.self(), new Down(fake, server.toTerm(), exit.reason()));
            return new RequestId(fake);
        }
        boolean local = target.isLocal(self);
        if (!local) {
            request = GenCall.term(request, self.node().termMapper(), "a request to a server on another node");
        }
        Ref mref = target.monitor(self);
        GenCall call = new GenCall(label, new From(self.self(), From.aliasTag(mref)), request);
        target.send(self, local && !(request instanceof Term) ? call : call.toTuple(self.node().termMapper()));
        return new RequestId(mref);
    }

    /** gen:wait_response/2 ({@code abandon}: false) and gen:receive_response/2 ({@code abandon}: true). */
    static Optional<Response> awaitResponse(Mailbox self, RequestId id, Duration timeout, boolean abandon) {
        Optional<Object> answer = self.receive(answerTo(id.ref()), timeout);
        if (answer.isEmpty() && abandon) {
            self.demonitor(id.ref(), true);
            answer = self.receive(replyTo(id.ref()), Duration.ZERO);
        }
        return answer.map(message -> response(self, message, id.ref()));
    }

    /** gen:check_response/2: {@return the answer {@code message} is to {@code id}, if it is one} */
    static Optional<Response> checkResponse(Mailbox self, Object message, RequestId id) {
        Object answer = answerTo(id.ref()).match(message);
        return answer == null ? Optional.empty() : Optional.of(response(self, answer, id.ref()));
    }

    private static Response response(Mailbox self, Object answer, Ref ref) {
        return switch (answer) {
            case Answer(Object reply) -> {
                self.demonitor(ref, true);
                yield new Response.Reply(reply);
            }
            case Down down -> new Response.Failed(down.reason(), down.object());
            default -> throw new IllegalStateException(String.valueOf(answer));
        };
    }

    /** gen:wait_response/3 ({@code abandon}: false) and gen:receive_response/3 ({@code abandon}: true). */
    static <L> CollectedResponse<L> awaitResponse(Mailbox self, RequestIds<L> ids, Duration timeout, boolean delete,
                                                  boolean abandon) {
        if (ids.isEmpty()) {
            return new CollectedResponse.NoRequest<>();
        }
        MessagePattern<Object[]> any = message -> {
            for (RequestId id : ids.toMap().keySet()) {
                Object answer = answerTo(id.ref()).match(message);
                if (answer != null) {
                    return new Object[] {id, answer};
                }
            }
            return null;
        };
        Optional<Object[]> got = self.receive(any, timeout);
        if (got.isEmpty()) {
            if (abandon) {
                for (RequestId id : ids.toMap().keySet()) {
                    self.demonitor(id.ref(), true);
                    self.receive(replyTo(id.ref()), Duration.ZERO); // flush a reply that came meanwhile
                }
            }
            return new CollectedResponse.TimedOut<>();
        }
        RequestId id = (RequestId) got.get()[0];
        Response response = response(self, got.get()[1], id.ref());
        return new CollectedResponse.Answered<>(response, ids.label(id), delete ? ids.without(id) : ids);
    }

    /** gen:check_response/3. */
    static <L> Optional<CollectedResponse<L>> checkResponse(Mailbox self, Object message, RequestIds<L> ids, boolean delete) {
        if (ids.isEmpty()) {
            return Optional.of(new CollectedResponse.NoRequest<>());
        }
        for (RequestId id : ids.toMap().keySet()) {
            Object answer = answerTo(id.ref()).match(message);
            if (answer != null) {
                return Optional.of(new CollectedResponse.Answered<>(response(self, answer, id.ref()), ids.label(id),
                        delete ? ids.without(id) : ids));
            }
        }
        return Optional.empty();
    }

    /** {@return an {@code erlang:error(badarg)}} for a misuse the Erlang function would reject */
    static ErlangError badarg(String why) {
        return new ErlangError(Reasons.BADARG, why);
    }
}
