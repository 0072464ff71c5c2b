package dev.beamlink.otp;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Mailbox;

/**
 * A Java GenServer child for the tests: {@code get} answers its count, {@code bump} adds one, the cast {@code crash}
 * throws; it traps exits, so that a shutdown from its supervisor runs {@code terminate}, which tells a recorder of a
 * clean end ({@code {signal, Id, Reason}}, as supervisor_scenarios' workers tell of an exit signal) when there is one.
 * Shared with the interop suite (test-erlang/interop).
 */
public final class Counter implements GenServer<Integer> {

    private final Term id;
    private final Pid recorder;
    private Mailbox self;

    /** @param recorder where to report the end, or null */
    Counter(Term id, Pid recorder) {
        this.id = id;
        this.recorder = recorder;
    }

    /** {@return a start of a new counter linked to the supervisor} */
    public static ChildStart start(Term id, Pid recorder) {
        return ChildStart.java("Counter", sup -> GenServer.startLink(sup, new Counter(id, recorder)));
    }

    @Override
    public InitResult<Integer> init(Mailbox mailbox) {
        self = mailbox;
        self.trapExit(true);
        return InitResult.ok(0);
    }

    @Override
    public CallResult<Integer> handleCall(Object request, From from, Integer count) {
        return request.equals(Atom.of("bump")) ? CallResult.reply(Int.of(count + 1), count + 1) : CallResult.reply(Int.of(count), count);
    }

    @Override
    public HandleResult<Integer> handleCast(Object request, Integer count) {
        throw new IllegalStateException("told to " + request);
    }

    @Override
    public void terminate(Term reason, Integer count) {
        if (recorder != null && ChildTerminator.isCleanEnd(reason)) {
            self.send(recorder, Tuple.of(Atom.of("signal"), id, reason));
        }
    }
}
