package dev.beamlink.otp;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.ExternalFun;
import dev.beamlink.etf.Fun;
import dev.beamlink.etf.Nil;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Down;
import dev.beamlink.node.ErlangError;
import dev.beamlink.node.ErlangException;
import dev.beamlink.node.ErlangThrow;
import dev.beamlink.node.Exit;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.MessagePattern;
import dev.beamlink.node.ProcessBody;
import dev.beamlink.node.ProcessEnded;
import dev.beamlink.node.Reasons;
import dev.beamlink.node.Spawned;
import dev.beamlink.otp.internal.Printed;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process of a {@link GenServer}: gen_server's {@code init_it}, {@code loop} and {@code terminate}, and
 * proc_lib's start protocol (the starter waits for {@code init}'s acknowledgement).
 */
final class GenServerProcess<S> implements ProcessBody {

    static final Logger LOG = LoggerFactory.getLogger(GenServer.class);

    private static final Atom TIMEOUT = Atom.of("timeout");
    private static final Atom SHUTDOWN = Atom.of("shutdown");
    private static final Atom ALREADY_STARTED = Atom.of("already_started");
    private static final Atom BAD_RETURN_VALUE = Atom.of("bad_return_value");
    private static final Atom OK = Atom.of("ok");
    private static final Atom ACK = Atom.of("ack");
    private static final Atom ERROR = Atom.of("error");
    private static final Atom RUNNING = Atom.of("running");
    private static final Atom SUSPENDED = Atom.of("suspended");
    private static final Atom GET_STATE = Atom.of("get_state");
    private static final Atom REPLACE_STATE = Atom.of("replace_state");
    private static final Atom GET_STATUS = Atom.of("get_status");
    private static final Atom SUSPEND = Atom.of("suspend");
    private static final Atom RESUME = Atom.of("resume");
    private static final Atom TERMINATE = Atom.of("terminate");
    private static final Atom CALLBACK_FAILED = Atom.of("callback_failed");
    private static final Atom UNKNOWN_SYSTEM_MSG = Atom.of("unknown_system_msg");
    private static final Atom GEN_SERVER = Atom.of("gen_server");
    private static final Atom ERLANG = Atom.of("erlang");
    private static final Atom APPLY = Atom.of("apply");
    private static final Duration REMOTE_FUN_TIMEOUT = Duration.ofSeconds(5);

    /** How the starter is tied to the new server. */
    enum Link { NONE, LINK, MONITOR }

    /** What {@code init} tells its starter: proc_lib's {@code {ack, Pid, Return}}. */
    private record Ack(Ref tag, StartResult result) {
    }

    /** A sys request from a Java caller to replace the state with a Java function of it. */
    record ReplaceState(Function<Object, Object> function) {
    }

    private final GenServer<S> behaviour;
    private final StartOptions options;
    private final Pid starter;
    private final Ref ackTag;
    private final Pid parent;
    private Mailbox self;
    private S state;
    private boolean suspended;
    /** The form each caller's node takes sys:get_state's and replace_state's answer in. */
    private final SysReleaseForms sysForms = new SysReleaseForms();

    private GenServerProcess(GenServer<S> behaviour, StartOptions options, Pid starter, Ref ackTag, Pid parent) {
        this.behaviour = behaviour;
        this.options = options;
        this.starter = starter;
        this.ackTag = ackTag;
        this.parent = parent;
    }

    // ---------------------------------------------------------------- the starter's side

    /** proc_lib:start / start_link / start_monitor with gen_server's init: waits for the acknowledgement. */
    static StartResult start(Mailbox starter, GenServer<?> server, StartOptions options, Link link) {
        Ref tag = starter.node().makeRef();
        Pid child;
        Ref monitor = null;
        switch (link) {
            case LINK -> child = starter.spawnLink(body(server, options, starter.self(), tag, true));
            case MONITOR -> {
                Spawned spawned = starter.spawnMonitor(body(server, options, starter.self(), tag, false));
                child = spawned.pid();
                monitor = spawned.ref();
            }
            case NONE -> {
                Spawned spawned = starter.spawnMonitor(body(server, options, starter.self(), tag, false));
                child = spawned.pid();
                monitor = spawned.ref();
            }
            default -> throw new IllegalStateException(link.name());
        }
        Ref watch = monitor;
        MessagePattern<Object> answer = message -> switch (message) {
            case Ack ack when ack.tag().equals(tag) -> ack;
            case Exit exit when link == Link.LINK && exit.from().equals(child) -> exit; // a trapping starter
            case Down down when down.ref().equals(watch) -> down;
            default -> null;
        };
        Optional<Object> got = starter.receive(answer, options.timeout());
        if (got.isEmpty()) {
            // proc_lib's kill_flush: the server is killed and its exit signal, if trapped, taken out of the mailbox.
            starter.exit(child, Reasons.KILL);
            if (link == Link.LINK) {
                starter.unlink(child);
                starter.receive(m -> m instanceof Exit e && e.from().equals(child) ? e : null, Duration.ZERO);
            } else {
                starter.demonitor(watch, true);
            }
            return new StartResult.Error(TIMEOUT);
        }
        return switch (got.get()) {
            case Ack ack -> {
                if (link == Link.NONE) {
                    starter.demonitor(watch, true);
                }
                yield ack.result() instanceof StartResult.Ok ok && link == Link.MONITOR
                        ? new StartResult.Ok(ok.pid(), watch) : ack.result();
            }
            case Exit exit -> new StartResult.Error(exit.reason());
            case Down down -> new StartResult.Error(down.reason());
            default -> throw new IllegalStateException(String.valueOf(got.get()));
        };
    }

    /**
     * Runs {@code server} in the calling process, its {@code parent} having spawned it linked, on another node maybe:
     * the parent gets proc_lib's {@code {ack, Pid, Return}} once {@code init} returns.
     */
    static void run(Mailbox self, Pid parent, GenServer<?> server, StartOptions options) {
        ((GenServerProcess<?>) body(server, options, parent, null, true)).run(self);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ProcessBody body(GenServer<?> server, StartOptions options, Pid starter, Ref tag, boolean linked) {
        return new GenServerProcess(server, options, starter, tag, linked ? starter : null);
    }

    // ---------------------------------------------------------------- the server's side

    @Override
    public void run(Mailbox mailbox) {
        self = mailbox;
        Pid parentPid = parent == null ? self.self() : parent;
        if (!register()) {
            return;
        }
        InitResult<S> init;
        try {
            init = behaviour.init(self);
        } catch (ProcessEnded ended) {
            throw ended;
        } catch (Throwable thrown) {
            Term reason = crashReason(thrown);
            unregister();
            ack(new StartResult.Error(reason));
            throw self.exit(reason);
        }
        switch (init) {
            case InitResult.Ok<S>(S first, Next next) -> {
                state = first;
                ack(new StartResult.Ok(self.self(), null));
                loop(parentPid, next);
            }
            case InitResult.Ignore<S> ignore -> {
                unregister();
                ack(new StartResult.Ignore());
            }
            case InitResult.Stop<S>(Term reason) -> {
                unregister();
                ack(new StartResult.Error(reason));
                throw self.exit(reason);
            }
            case null -> {
                Term reason = Tuple.of(BAD_RETURN_VALUE, Atom.of("null"));
                ack(new StartResult.Error(reason));
                throw self.exit(reason);
            }
        }
    }

    /** gen:register_name: {@return whether the name was free} (else the starter is told {@code already_started}) */
    private boolean register() {
        switch (options.name()) {
            case null -> {
                return true;
            }
            case ServerRef.Local(Atom name) -> {
                try {
                    self.register(name);
                    return true;
                } catch (ErlangError taken) {
                    Term holder = self.node().whereis(name).map(Term.class::cast).orElse(Atom.of("undefined"));
                    ack(new StartResult.Error(Tuple.of(ALREADY_STARTED, holder)));
                    return false;
                }
            }
            case ServerRef.Via(Registry registry, Term name) -> {
                if (registry.register(name, self.self())) {
                    return true;
                }
                Term holder = registry.whereis(name).map(Term.class::cast).orElse(Atom.of("undefined"));
                ack(new StartResult.Error(Tuple.of(ALREADY_STARTED, holder)));
                return false;
            }
            default -> throw new IllegalStateException(String.valueOf(options.name()));
        }
    }

    private void unregister() {
        switch (options.name()) {
            case null -> {
            }
            case ServerRef.Local(Atom name) -> {
                try {
                    self.node().unregister(name);
                } catch (ErlangError notRegistered) {
                    // Already gone.
                }
            }
            case ServerRef.Via(Registry registry, Term name) -> registry.unregister(name);
            default -> throw new IllegalStateException(String.valueOf(options.name()));
        }
    }

    /** proc_lib's {@code init_ack}: a Java record to a starter of this node, {@code {ack, Pid, Return}} to another's. */
    private void ack(StartResult result) {
        self.send(starter, ackTag == null ? Tuple.of(ACK, self.self(), result.toTerm()) : new Ack(ackTag, result));
    }

    /** gen_server:loop/7 and decode_msg/9. */
    private void loop(Pid parentPid, Next first) {
        Next next = first;
        while (true) {
            Object message;
            if (next instanceof Next.Continue(Object arg)) {
                next = dispatch(arg, () -> behaviour.handleContinue(arg, state));
                continue;
            }
            if (suspended) {
                message = self.receive(m -> GenCall.of(m, GenCall.SYSTEM).isPresent() ? m : null);
            } else if (next instanceof Next.Timeout(Duration after)) {
                message = self.receive(after).orElse(TIMEOUT);
            } else {
                message = self.receive();
            }
            Optional<GenCall> system = GenCall.of(message, GenCall.SYSTEM);
            if (system.isPresent()) {
                next = systemRequest(system.get(), parentPid, next);
                continue;
            }
            if (message instanceof Exit exit && exit.from().equals(parentPid)) {
                throw terminate(exit.reason(), message, null);
            }
            Optional<GenCall> call = GenCall.of(message);
            if (call.isPresent()) {
                next = call(call.get());
                continue;
            }
            Optional<Object> cast = Gen.castRequest(message);
            Object received = message;
            next = cast.isPresent()
                    ? dispatch(received, () -> behaviour.handleCast(cast.get(), state))
                    : dispatch(received, () -> behaviour.handleInfo(received, state));
        }
    }

    /** A callback whose result is {@code {noreply, ...}} or {@code {stop, ...}}. */
    @FunctionalInterface
    private interface Handler<S> {
        HandleResult<S> handle() throws Exception;
    }

    /** A callback whose result may also be {@code {reply, ...}}. */
    @FunctionalInterface
    private interface CallHandler<S> {
        CallResult<S> handle() throws Exception;
    }

    private Next dispatch(Object message, Handler<S> handler) {
        HandleResult<S> result;
        try {
            result = handler.handle();
        } catch (ProcessEnded ended) {
            throw ended;
        } catch (Throwable thrown) {
            throw crash(thrown, message, null);
        }
        return switch (result) {
            case HandleResult.NoReply<S>(S next, Next then) -> {
                state = next;
                yield then;
            }
            case HandleResult.Stop<S>(Term reason, S last) -> {
                state = last;
                throw terminate(reason, message, null);
            }
            case null -> throw terminate(Tuple.of(BAD_RETURN_VALUE, Atom.of("null")), message, null);
        };
    }

    private Next call(GenCall call) {
        CallHandler<S> handler = () -> behaviour.handleCall(call.request(), call.from(), state);
        CallResult<S> result;
        try {
            result = handler.handle();
        } catch (ProcessEnded ended) {
            throw ended;
        } catch (Throwable thrown) {
            throw crash(thrown, call, call.from());
        }
        return switch (result) {
            case CallResult.Reply<S>(Object reply, S next, Next then) -> {
                replyTo(call.from(), reply);
                state = next;
                yield then;
            }
            case HandleResult.NoReply<S>(S next, Next then) -> {
                state = next;
                yield then;
            }
            case CallResult.StopReply<S>(Term reason, Object reply, S last) -> {
                state = last;
                throw terminate(reason, call, call.from(), null, () -> {
                    releaseLocalName();
                    replyTo(call.from(), reply);
                });
            }
            case HandleResult.Stop<S>(Term reason, S last) -> {
                state = last;
                throw terminate(reason, call, call.from());
            }
            case null -> throw terminate(Tuple.of(BAD_RETURN_VALUE, Atom.of("null")), call, call.from());
        };
    }

    /** gen:reply/2, which never fails: a reply that cannot go (no term for a remote caller) is logged and dropped. */
    private void replyTo(From from, Object reply) {
        try {
            from.reply(self, reply);
        } catch (IllegalArgumentException noTerm) {
            LOG.error("{}: the reply to {} is dropped: {}", name(), from.pid(), noTerm.getMessage());
        }
    }

    /** A callback threw: the server ends with the reason the exception makes, after terminate. */
    private ProcessEnded crash(Throwable thrown, Object message, From from) {
        if (thrown instanceof ErlangThrow thrownValue) {
            // throw(Value) from a callback is its return value in OTP; a Java callback returns its results instead.
            return terminate(Tuple.of(BAD_RETURN_VALUE, thrownValue.reason()), message, from);
        }
        return terminate(crashReason(thrown), message, from, thrown);
    }

    private static Term crashReason(Throwable thrown) {
        return Reasons.of(thrown);
    }

    private ProcessEnded terminate(Term reason, Object lastMessage, From from) {
        return terminate(reason, lastMessage, from, null, () -> { });
    }

    private ProcessEnded terminate(Term reason, Object lastMessage, From from, Throwable cause) {
        return terminate(reason, lastMessage, from, cause, () -> { });
    }

    /**
     * gen_server:terminate: {@code terminate(Reason, State)}, the error report unless a normal end, {@code beforeEnd}
     * (a reply that {@code {stop, Reason, Reply, State}} sends after terminate), then the end. Always throws.
     */
    private ProcessEnded terminate(Term reason, Object lastMessage, From from, Throwable cause, Runnable beforeEnd) {
        Term endReason = reason;
        try {
            behaviour.terminate(reason, state);
        } catch (ProcessEnded ended) {
            throw ended;
        } catch (Throwable thrown) {
            endReason = crashReason(thrown);
            cause = thrown;
        }
        if (!isNormalEnd(endReason)) {
            LOG.error("** Generic server {} terminating\n** Last message in was {}\n** When Server state == {}\n"
                            + "** Reason for termination ==\n** {}{}", name(), Printed.of(lastMessage),
                    Printed.of(describe(state)), Printed.of(endReason),
                    from == null ? "" : "\n** Client " + from.pid() + " stacktrace", cause);
        }
        beforeEnd.run();
        throw self.exit(endReason);
    }

    private static boolean isNormalEnd(Term reason) {
        return reason.equals(Reasons.NORMAL) || reason.equals(SHUTDOWN)
                || (reason instanceof Tuple t && t.isTagged(SHUTDOWN, 2));
    }

    private String name() {
        return options.registeredAs().map(ref -> ref.toTerm().toString()).orElse(self.self().toString());
    }

    private String describe(S value) {
        try {
            return String.valueOf(behaviour.stateTerm(value));
        } catch (RuntimeException e) {
            return String.valueOf(value);
        }
    }

    // ---------------------------------------------------------------- sys

    /** sys:handle_system_msg with gen_server's system callbacks. {@return what the loop does next} */
    private Next systemRequest(GenCall request, Pid parentPid, Next next) {
        From from = request.from();
        Object command = request.request();
        if (command.equals(SUSPEND)) {
            suspended = true;
            replyTo(from, OK);
        } else if (command.equals(RESUME)) {
            suspended = false;
            replyTo(from, OK);
        } else if (command.equals(GET_STATE)) {
            replyTo(from, isLocal(from) ? state : remoteStateAnswer(from));
        } else if (command.equals(GET_STATUS)) {
            replyTo(from, status(parentPid));
        } else if (command instanceof ReplaceState(Function<Object, Object> function)) {
            replaceState(from, function);
        } else if (command instanceof Tuple t && t.isTagged(REPLACE_STATE, 2)) {
            replaceState(from, t.get(1));
        } else if (command instanceof Tuple t && t.isTagged(TERMINATE, 2)) {
            replyTo(from, OK);
            throw terminate(t.get(1), command, null);
        } else {
            Term unknown = command instanceof Term term ? term : dev.beamlink.etf.Binary.ofUtf8(String.valueOf(command));
            replyTo(from, Tuple.of(ERROR, Tuple.of(UNKNOWN_SYSTEM_MSG, unknown)));
        }
        return next;
    }

    /** {@return the state as a term, in the form the caller's node's sys takes it ({@link SysReleaseForms})} */
    private Term remoteStateAnswer(From from) {
        return sysForms.answer(self, from.pid().node(), from.pid().creation(), behaviour.stateTerm(state));
    }

    /**
     * Lets the server's local name go before its last reply: on BEAM the exit, which frees the name, follows that reply
     * within the same time slice, so a caller that has the reply and calls the name again finds no one ({@code noproc});
     * here the thread may be descheduled between the two, and the caller's next call, made on the reply, would find the
     * name still held and end with the server's reason instead.
     */
    private void releaseLocalName() {
        if (options.registeredAs().orElse(null) instanceof ServerRef.Local(Atom name)
                && self.node().whereis(name).filter(self.self()::equals).isPresent()) {
            self.node().unregister(name);
        }
    }

    private boolean isLocal(From from) {
        return from.pid().node().equals(self.node().name());
    }

    /** sys:replace_state with a Java function (from this node). */
    @SuppressWarnings("unchecked")
    private void replaceState(From from, Function<Object, Object> function) {
        try {
            state = (S) function.apply(state);
            replyTo(from, state);
        } catch (RuntimeException e) {
            replyTo(from, callbackFailed(e));
        }
    }

    /**
     * sys:replace_state with an Erlang fun: this node runs no Erlang, so the fun runs on the caller's node (which has
     * its code), through erpc, on the state as a term; the term it returns becomes the state ({@link GenServer#stateOf}).
     */
    private void replaceState(From from, Term fun) {
        if (!(fun instanceof Fun) && !(fun instanceof ExternalFun)) {
            replyTo(from, Tuple.of(ERROR, Tuple.of(CALLBACK_FAILED, Tuple.of(GEN_SERVER, Atom.of("system_replace_state")),
                    Tuple.of(ERROR, Tuple.of(Atom.of("badfun"), fun)))));
            return;
        }
        try {
            Term replaced = Erpc.call(self, from.pid().node(), ERLANG, APPLY,
                    List.of(fun, ErlList.of(behaviour.stateTerm(state))), REMOTE_FUN_TIMEOUT);
            state = behaviour.stateOf(replaced, state);
            replyTo(from, remoteStateAnswer(from));
        } catch (RuntimeException e) {
            replyTo(from, callbackFailed(e));
        }
    }

    private static Term callbackFailed(RuntimeException e) {
        ErlangException.Kind kind = e instanceof ErlangException erlang ? erlang.kind() : ErlangException.Kind.ERROR;
        Term reason = e instanceof ErlangException erlang ? erlang.reason() : Reasons.of(e);
        return Tuple.of(ERROR, Tuple.of(CALLBACK_FAILED, Tuple.of(GEN_SERVER, Atom.of("system_replace_state")),
                Tuple.of(kind.atom(), reason)));
    }

    /**
     * sys:get_status: {@code {status, Pid, {module, gen_server}, [PDict, SysState, Parent, Debug, Misc]}} with
     * gen_server's format_status/2: {@code [{header, Header}, {data, [...]}, {data, [{"State", State}]}]}.
     */
    private Term status(Pid parentPid) {
        // gen:format_status_header/2, with gen:name/1 of the registration: an atom or pid is written after the tag
        // line, any other name goes beside it.
        String tagLine = "Status for generic server";
        Term name = switch (options.name()) {
            case null -> self.self();
            case ServerRef.Local(Atom local) -> local;
            case ServerRef.Via(Registry registry, Term registered) -> registered;
            default -> self.self();
        };
        Term header = name instanceof Atom || name instanceof Pid
                ? ErlList.ofString(tagLine + " " + (name instanceof Atom atom ? atom.text() : name.toString()))
                : Tuple.of(ErlList.ofString(tagLine), name);
        Term pdict = ErlList.of(
                Tuple.of(Atom.of("$initial_call"), Tuple.of(Atom.of(behaviour.getClass().getName()), Atom.of("init"),
                        dev.beamlink.etf.Int.of(1))),
                Tuple.of(Atom.of("$ancestors"), ErlList.of(parentPid)));
        Atom sysState = suspended ? SUSPENDED : RUNNING;
        Term misc = ErlList.of(
                Tuple.of(Atom.of("header"), header),
                Tuple.of(Atom.of("data"), ErlList.of(
                        Tuple.of(ErlList.ofString("Status"), sysState),
                        Tuple.of(ErlList.ofString("Parent"), parentPid),
                        Tuple.of(ErlList.ofString("Logged events"), Nil.NIL))),
                Tuple.of(Atom.of("data"), ErlList.of(Tuple.of(ErlList.ofString("State"), behaviour.stateTerm(state)))));
        return Tuple.of(Atom.of("status"), self.self(), Tuple.of(Atom.of("module"), GEN_SERVER),
                ErlList.of(pdict, sysState, parentPid, Nil.NIL, misc));
    }
}
