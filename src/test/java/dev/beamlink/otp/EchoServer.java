package dev.beamlink.otp;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Nil;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.ErlangError;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.Reasons;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java twin of {@code gen_helper}'s gen_server (test-erlang): the same calls, answered the same way, so that a
 * scenario run against both can be compared. Its state is the list of what it was cast, newest first, as a term.
 * Shared with the interop suite (test-erlang/interop).
 */
public final class EchoServer implements GenServer<Term> {

    public static final Atom ECHO = Atom.of("echo");
    public static final Atom STATE = Atom.of("state");
    public static final Atom SLOW = Atom.of("slow");
    public static final Atom LATER = Atom.of("later");
    public static final Atom CRASH = Atom.of("crash");
    public static final Atom STOP = Atom.of("stop");
    public static final Atom STOPPED = Atom.of("stopped");
    public static final Atom MONITOR = Atom.of("monitor");

    /** What the server saw, for tests that look inside: infos and its terminate reason. */
    public final List<Object> infos = new java.util.concurrent.CopyOnWriteArrayList<>();
    public volatile Term terminatedWith;
    private Mailbox self;

    @Override
    public InitResult<Term> init(Mailbox mailbox) {
        self = mailbox;
        return InitResult.ok(Nil.NIL);
    }

    @Override
    public CallResult<Term> handleCall(Object request, From from, Term state) throws Exception {
        if (request instanceof Tuple t && t.isTagged(ECHO, 2)) {
            return CallResult.reply(t.get(1), state);
        }
        if (request.equals(STATE)) {
            return CallResult.reply(state, state);
        }
        if (request instanceof Tuple t && t.isTagged(SLOW, 2) && t.get(1) instanceof Int millis) {
            Thread.sleep(millis.value());
            return CallResult.reply(Atom.of("late"), state);
        }
        if (request instanceof Tuple t && t.isTagged(LATER, 2) && t.get(1) instanceof Int millis) {
            self.spawn(helper -> {
                Thread.sleep(millis.value());
                from.reply(helper, LATER);
            });
            return CallResult.noReply(state);
        }
        if (request instanceof Tuple t && t.isTagged(MONITOR, 2) && t.get(1) instanceof dev.beamlink.etf.Pid pid) {
            self.monitor(pid);
            return CallResult.reply(Atom.of("ok"), state);
        }
        if (request.equals(CRASH)) {
            throw new ErlangError(Atom.of("badarith"), "1 div 0, as the erl twin does");
        }
        if (request instanceof Tuple t && t.isTagged(STOP, 2)) {
            return CallResult.stop(t.get(1), STOPPED, state);
        }
        // A Java caller of this node may ask with any object.
        return CallResult.reply(Tuple.of(Atom.of("java"), dev.beamlink.etf.Binary.ofUtf8(String.valueOf(request))), state);
    }

    @Override
    public HandleResult<Term> handleCast(Object request, Term state) {
        List<Term> cast = new ArrayList<>();
        cast.add((Term) request);
        if (state instanceof ErlList list) {
            cast.addAll(list.elements());
        }
        return HandleResult.noReply(ErlList.from(cast));
    }

    @Override
    public HandleResult<Term> handleInfo(Object message, Term state) {
        infos.add(message);
        return HandleResult.noReply(state);
    }

    @Override
    public void terminate(Term reason, Term state) {
        terminatedWith = reason;
    }

    public static Term echo(Term value) {
        return Tuple.of(ECHO, value);
    }

    public static Term stop(Term reason) {
        return Tuple.of(STOP, reason);
    }

    public static Term normal() {
        return Reasons.NORMAL;
    }
}
