package dev.beamlink.otp;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Down;
import dev.beamlink.node.ErlangError;
import dev.beamlink.node.ErlangExit;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.Reasons;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * OTP's {@code sys} for Java callers: the system requests every OTP process answers ({@code {system, From, Request}}),
 * to a Java {@link GenServer} or to any OTP process on another node. A failure is a {@link CallExit}
 * {@code {Reason, {sys, Function, [Name | Args]}}}, as in OTP.
 */
public final class Sys {

    private static final Atom SYS = Atom.of("sys");
    private static final Atom ERROR = Atom.of("error");

    private Sys() {
    }

    /**
     * {@return the server's state} ({@code sys:get_state/1}): a term from another node, the state itself from this one.
     * A server on another node answers in its release's form ({@link SysReleaseForms}): OTP 25's bare state, or
     * {@code {ok, State}} from OTP 26 on and from beamlink nodes; the state is returned either way.
     */
    public static Object getState(Mailbox self, ServerRef server) {
        Object answer = unwrap(request(self, server, Atom.of("get_state"), Atom.of("get_state"), List.of()));
        Atom node = nodeOf(self, server);
        if (node.equals(self.node().name()) || !(answer instanceof Term term)) {
            return answer;
        }
        return SysReleaseForms.stateIn(term, new SysReleaseForms().wrapsState(self, node, 0));
    }

    /** {@return the node the server is on, as far as its reference says} */
    private static Atom nodeOf(Mailbox self, ServerRef server) {
        return switch (server) {
            case ServerRef.ByPid(Pid pid) -> pid.node();
            case ServerRef.Local local -> self.node().name();
            case ServerRef.Remote(Atom name, Atom node) -> node;
            case ServerRef.Via(Registry registry, Term name) ->
                    registry.whereis(name).map(Pid::node).orElse(self.node().name());
        };
    }

    /** {@return the server's status} ({@code sys:get_status/1}: {@code {status, Pid, {module, Module}, [...]}}) */
    public static Object getStatus(Mailbox self, ServerRef server) {
        return request(self, server, Atom.of("get_status"), Atom.of("get_status"), List.of());
    }

    /** Suspends the server: it answers only system requests until resumed ({@code sys:suspend/1}). */
    public static void suspend(Mailbox self, ServerRef server) {
        request(self, server, Atom.of("suspend"), Atom.of("suspend"), List.of());
    }

    /** Resumes a suspended server ({@code sys:resume/1}). */
    public static void resume(Mailbox self, ServerRef server) {
        request(self, server, Atom.of("resume"), Atom.of("resume"), List.of());
    }

    /**
     * Replaces the state of a Java server of this node with {@code function} of it ({@code sys:replace_state/2}).
     * {@return the new state}
     */
    @SuppressWarnings("unchecked")
    public static <S> S replaceState(Mailbox self, ServerRef server, Function<S, S> function) {
        return (S) unwrap(request(self, server, new GenServerProcess.ReplaceState((Function<Object, Object>) function),
                Atom.of("replace_state"), List.of()));
    }

    /**
     * proc_lib:stop/3: asks the server to terminate with {@code reason} ({@code sys:terminate/3}) and waits for its end.
     *
     * @throws ErlangExit {@code noproc}, {@code timeout}, or the reason it ended with instead
     */
    static void stop(Mailbox self, ServerRef server, Term reason, Duration timeout) {
        Ref mref = self.monitor(target(self, server));
        long start = System.nanoTime();
        try {
            Gen.call(self, server, GenCall.SYSTEM, Tuple.of(Atom.of("terminate"), reason), timeout);
        } catch (ErlangExit e) {
            self.demonitor(mref, true);
            throw new ErlangExit(e.reason(), "stopping " + server.toTerm() + " failed: " + e.reason());
        }
        Duration left = Gen.isInfinite(timeout) ? timeout : timeout.minusNanos(System.nanoTime() - start);
        Optional<Down> down = self.receive(m -> m instanceof Down d && d.ref().equals(mref) ? d : null,
                left.isNegative() ? Duration.ZERO : left);
        if (down.isEmpty()) {
            self.demonitor(mref, true);
            throw new ErlangExit(Atom.of("timeout"), "the server did not end within " + timeout);
        }
        if (!down.get().reason().equals(reason)) {
            throw new ErlangExit(down.get().reason(), "the server ended with " + down.get().reason());
        }
    }

    private static Pid target(Mailbox self, ServerRef server) {
        return switch (server) {
            case ServerRef.ByPid(Pid pid) -> pid;
            case ServerRef.Local(Atom name) -> self.node().whereis(name).orElseThrow(Sys::noproc);
            case ServerRef.Remote(Atom name, Atom node) when node.equals(self.node().name()) ->
                    self.node().whereis(name).orElseThrow(Sys::noproc);
            case ServerRef.Remote(Atom name, Atom node) -> throw new IllegalArgumentException(
                    "stop a server on another node by its pid: " + server.toTerm());
            case ServerRef.Via(Registry registry, Term name) -> registry.whereis(name).orElseThrow(Sys::noproc);
        };
    }

    private static ErlangExit noproc() {
        return new ErlangExit(Reasons.NOPROC, "no such process");
    }

    private static Object request(Mailbox self, ServerRef server, Object request, Atom function, List<Term> args) {
        try {
            return Gen.call(self, server, GenCall.SYSTEM, request, GenServer.DEFAULT_CALL_TIMEOUT);
        } catch (ErlangExit e) {
            List<Term> all = new java.util.ArrayList<>();
            all.add(server.toTerm());
            all.addAll(args);
            throw new CallExit(e.reason(), SYS, function, all);
        }
    }

    /** sys:get_state/1 and replace_state/2 raise {@code error(Reason)} for an {@code {error, Reason}} answer. */
    private static Object unwrap(Object answer) {
        if (answer instanceof Tuple t && t.isTagged(ERROR, 2)) {
            throw new ErlangError(t.get(1), "the server could not answer: " + t.get(1));
        }
        return answer;
    }
}
