package dev.beamlink.node;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of a live process, as {@code erlang:process_info/1} gives one, with the introspection of
 * the Ergo seed (links, monitors by pid and by name, monitored by).
 *
 * @param pid                the process
 * @param status             whether it runs its own code or waits in {@code receive}
 * @param messageQueueLength messages delivered and not yet received
 * @param registeredName     its registered name, or null
 * @param trapExit           whether it traps exits
 * @param links              the processes it is linked to
 * @param monitors           the processes it monitors by pid
 * @param monitorsByName     the names it monitors
 * @param monitoredBy        the processes that monitor it
 */
public record ProcessInfo(Pid pid, Status status, int messageQueueLength, Atom registeredName, boolean trapExit,
                          List<Pid> links, List<Pid> monitors, List<ProcessName> monitorsByName,
                          List<Pid> monitoredBy) {

    /** What a live process is doing. */
    public enum Status {
        /** Running its own Java code (a passive mailbox not blocked in {@code receive} counts here). */
        RUNNING,
        /** Parked in {@code receive}, waiting for a message. */
        WAITING
    }

    /** {@return the registered name, if it has one} */
    public Optional<Atom> name() {
        return Optional.ofNullable(registeredName);
    }
}
