package dev.beamlink.node;

/** The options of a spawn request on another node ({@code erlang:spawn_request/5}) that set up a link or a monitor. */
public enum SpawnOption {
    /** The new process is linked to the requester from its first moment ({@code link}). */
    LINK,
    /** The requester monitors the new process from its first moment, with the request's id as the reference ({@code monitor}). */
    MONITOR
}
