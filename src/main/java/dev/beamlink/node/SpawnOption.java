package dev.beamlink.node;

/**
 * The options of a spawn request on another node ({@code erlang:spawn_request/5}): a link or a monitor set up for the
 * new process, and whether its answer arrives as a message.
 */
public enum SpawnOption {
    /** The new process is linked to the requester from its first moment ({@code link}). */
    LINK,
    /** The requester monitors the new process from its first moment, with the request's id as the reference ({@code monitor}). */
    MONITOR,
    /**
     * The answer arrives as a {@link SpawnResult} message only when the spawn failed ({@code {reply, error_only}}, as
     * erpc asks): a process that gets what it waits for through the monitor is not woken for the answer.
     */
    REPLY_ERROR_ONLY
}
