package dev.beamlink.otp;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
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
import java.util.List;
import java.util.Optional;

/**
 * Calls functions on other nodes as OTP's {@code erpc} does (OTP 23+): a spawn request for
 * {@code erpc:execute_call(Ref, M, F, A)} with a monitor, whose process runs the function and ends with its outcome as
 * the exit reason ({@code {Ref, return, Result}}, {@code {Ref, throw, Value}}, {@code {Ref, exit, Reason}},
 * {@code {Ref, error, Reason, Stack}}); the monitor's DOWN brings it back. Each call runs in a process of its own on
 * the other node, so a slow function holds up nothing else.
 *
 * <p>Outcomes, exactly as {@code erpc:call/5} classifies them: the result; a {@link RemoteError}
 * ({@code error({exception, Reason, Stack})}); a {@link RemoteExit} ({@code exit({exception, Reason})}); an
 * {@link ErlangThrow} (the value thrown); an {@link ErpcFailure} ({@code error({erpc, noconnection | timeout | ...})}).
 */
public final class Erpc {

    private static final Atom ERPC = Atom.of("erpc");
    private static final Atom EXECUTE_CALL = Atom.of("execute_call");
    private static final Atom RETURN = Atom.of("return");
    private static final Atom THROW = Atom.of("throw");
    private static final Atom EXIT = Atom.of("exit");
    private static final Atom ERROR = Atom.of("error");
    private static final Atom TIMEOUT = Atom.of("timeout");

    private Erpc() {
    }

    /**
     * Runs {@code module:function(args...)} on {@code node} and waits up to {@code timeout} for its outcome
     * ({@code erpc:call/5}). {@return the function's result}
     *
     * @throws RemoteError   the function raised an error
     * @throws RemoteExit    the function exited
     * @throws ErlangThrow   the function threw
     * @throws ErpcFailure   no outcome: {@code noconnection}, {@code timeout}, or no process could be made
     * @throws ErlangExit    {@code {signal, Reason}}: the process running the function was killed by another
     */
    public static Term call(Mailbox self, Atom node, Atom module, Atom function, List<? extends Term> args,
                            Duration timeout) {
        Ref res = self.node().makeRef();
        Ref reqId = self.spawnRequest(node, ERPC, EXECUTE_CALL, List.of(res, module, function, ErlList.from(List.copyOf(args))),
                SpawnOption.MONITOR);
        MessagePattern<Object> answer = message -> switch (message) {
            case SpawnResult reply when reply.reqId().equals(reqId) -> reply;
            case Down down when down.ref().equals(reqId) -> down;
            default -> null;
        };
        while (true) {
            Optional<Object> got = self.receive(answer, timeout);
            if (got.isEmpty()) {
                return timedOut(self, reqId, res, answer);
            }
            switch (got.get()) {
                case SpawnResult reply when reply.pid().isEmpty() -> throw new ErpcFailure(reply.result());
                case SpawnResult started -> {
                    // The process runs: its outcome comes with the monitor's DOWN.
                }
                case Down down -> {
                    return outcome(res, down.reason());
                }
                default -> throw new IllegalStateException(String.valueOf(got.get()));
            }
        }
    }

    /** A time-out: the request is abandoned; an outcome that came meanwhile is still the answer (erpc:result/4). */
    private static Term timedOut(Mailbox self, Ref reqId, Ref res, MessagePattern<Object> answer) {
        if (self.spawnRequestAbandon(reqId) || self.demonitor(reqId)) {
            throw new ErpcFailure(TIMEOUT);
        }
        Object late = self.receive(answer, Duration.ZERO).orElseThrow(() -> new ErpcFailure(TIMEOUT));
        return switch (late) {
            case SpawnResult reply when reply.pid().isEmpty() -> throw new ErpcFailure(reply.result());
            case Down down -> outcome(res, down.reason());
            default -> throw new ErpcFailure(TIMEOUT);
        };
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
        throw new ErlangExit(Tuple.of(Atom.of("signal"), reason), "the process running the call was ended: " + reason);
    }
}
