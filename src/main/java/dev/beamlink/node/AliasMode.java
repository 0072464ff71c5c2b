package dev.beamlink.node;

/** How a process alias ends: the options of {@code erlang:alias/1}. */
public enum AliasMode {
    /** Active until {@link Mailbox#unalias} or the end of the process ({@code explicit_unalias}, the default). */
    EXPLICIT_UNALIAS,
    /** Deactivated by the first message that arrives through it, as for a reply ({@code reply}). */
    REPLY
}
