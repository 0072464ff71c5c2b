package dev.beamlink.otp.rpc;

import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Tuple;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the processes other nodes started here run, for {@code process_info/2}: {@code initial_call} (the function the
 * process was started with, {@code {erpc, execute_call, 4}} for an erpc call) and {@code current_function} (the
 * exported function it runs). An entry lives while the process's body does.
 */
final class RunningCalls {

    /** A process's calls, each {@code {Module, Function, Arity}}. */
    record Running(Tuple initialCall, Tuple currentFunction) {
    }

    private final Map<Pid, Running> running = new ConcurrentHashMap<>();

    void started(Pid pid, Running calls) {
        running.put(pid, calls);
    }

    void ended(Pid pid) {
        running.remove(pid);
    }

    Optional<Running> of(Pid pid) {
        return Optional.ofNullable(running.get(pid));
    }
}
