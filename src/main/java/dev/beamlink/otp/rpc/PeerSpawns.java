package dev.beamlink.otp.rpc;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Int;
import dev.beamlink.etf.Nil;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.ErlangException;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.ProcessBody;
import dev.beamlink.node.Reasons;
import dev.beamlink.node.SpawnHandler;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's answer to requests for processes ({@link SpawnHandler}): a process running an exported function, the way
 * each request asks. {@code erpc:execute_call/4} (how {@code erpc:call} and {@code rpc:call} arrive) and
 * {@code erpc:execute_cast/3} ({@code erpc:cast}, {@code rpc:cast}) are run here as erpc.erl runs them, around the
 * exported function they name; any other {@code Module:Function(Args)} is the exported function itself, whose process
 * ends as an Erlang process running it would ({@code {undef, [{M, F, Args, []}]}} if there is none).
 */
final class PeerSpawns implements SpawnHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PeerSpawns.class);

    static final Atom ERPC = Atom.of("erpc");
    static final Atom EXECUTE_CALL = Atom.of("execute_call");
    static final Atom EXECUTE_CAST = Atom.of("execute_cast");
    private static final Atom EXCEPTION = Atom.of("exception");

    private final Invoker invoker;
    private final RunningCalls running;

    PeerSpawns(Invoker invoker, RunningCalls running) {
        this.invoker = invoker;
        this.running = running;
    }

    @Override
    public Answer answer(Request request) {
        List<Term> args = request.args();
        Tuple initialCall = Tuple.of(request.module(), request.function(), Int.of(args.size()));
        if (request.module().equals(ERPC) && request.function().equals(EXECUTE_CALL) && args.size() == 4) {
            return start(initialCall, args.get(1), args.get(2), args.get(3), self -> {
                CallOutcome outcome = invoker.invoke(self, request.requester(), args.get(1), args.get(2), args.get(3));
                throw self.exit(outcome.erpcExitReason(args.get(0)));
            });
        }
        if (request.module().equals(ERPC) && request.function().equals(EXECUTE_CAST) && args.size() == 3) {
            return start(initialCall, args.get(0), args.get(1), args.get(2), self -> {
                CallOutcome outcome = invoker.invoke(self, request.requester(), args.get(0), args.get(1), args.get(2));
                end(self, outcome, castExitReason(outcome));
            });
        }
        return start(initialCall, request.module(), request.function(), ErlList.from(args), self -> {
            CallOutcome outcome = invoker.invoke(self, request.requester(), request.module(), request.function(),
                    ErlList.from(args));
            end(self, outcome, outcome.processExitReason());
        });
    }

    /** A process running {@code body}, known to {@code process_info/2} while it runs. */
    private Answer start(Tuple initialCall, Term module, Term function, Term args, ProcessBody body) {
        List<Term> argList = Invoker.properList(args);
        Tuple current = argList == null ? initialCall : Tuple.of(module, function, Int.of(argList.size()));
        return new Start(self -> {
            running.started(self.self(), new RunningCalls.Running(initialCall, current));
            try {
                body.run(self);
            } finally {
                running.ended(self.self());
            }
        });
    }

    /**
     * erpc's {@code execute_cast/3}: an error ends the process with {@code error({exception, {Reason, Stack}})}, as
     * erpc makes it so that the error report says what failed.
     */
    private static Term castExitReason(CallOutcome outcome) {
        if (outcome instanceof CallOutcome.Raised(var kind, Term reason, Term stack) && kind == ErlangException.Kind.ERROR) {
            return Tuple.of(Tuple.of(EXCEPTION, Tuple.of(reason, stack)),
                    ErlList.of(Tuple.of(ERPC, EXECUTE_CAST, Int.of(3), Nil.NIL)));
        }
        return outcome.processExitReason();
    }

    /**
     * Ends the process with {@code reason}; one that raised an error or a throw is logged, as BEAM logs a process that
     * crashed (an exit is not).
     */
    private static void end(Mailbox self, CallOutcome outcome, Term reason) {
        if (reason.equals(Reasons.NORMAL)) {
            return;
        }
        if (outcome instanceof CallOutcome.Raised raised && raised.kind() != ErlangException.Kind.EXIT) {
            LOG.warn("Error in process {} on node {} with exit value: {}", self.self(), self.node().name(), reason);
        }
        throw self.exit(reason);
    }
}
