package dev.beamlink.node;

/**
 * How the alias of a monitor ends: the {@code {alias, Mode}} option of {@code erlang:monitor/3}, which makes the
 * monitor's reference an alias of the monitoring process as well. OTP's {@code gen:call} monitors its server with
 * {@link #DEMONITOR} and tags its request with the reference, so that a reply after a time-out or a lost connection is
 * dropped rather than left in the mailbox.
 */
public enum MonitorAlias {
    /** Active until unaliased or the end of the process ({@code explicit_unalias}). */
    EXPLICIT_UNALIAS,
    /** Deactivated when the monitor goes: demonitored, or fired ({@code demonitor}). */
    DEMONITOR,
    /**
     * Deactivated when the monitor goes, or by the first message through it, which also removes the monitor
     * ({@code reply_demonitor}).
     */
    REPLY_DEMONITOR
}
