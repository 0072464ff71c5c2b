package dev.beamlink.global;

import dev.beamlink.etf.Atom;

/**
 * How a clash over a global name is resolved when two partitions that both have the name join: global's own
 * resolve methods, which every node can run ({@code fun global:F/3}). Of the two processes, the one on the node with
 * the smaller name keeps the name in the first two.
 */
public enum NameConflict {

    /** {@code global:random_exit_name/3}, global's default: the other process is killed. */
    RANDOM_EXIT("random_exit_name"),
    /** {@code global:random_notify_name/3}: the other process gets {@code {global_name_conflict, Name}}. */
    RANDOM_NOTIFY("random_notify_name"),
    /**
     * {@code global:notify_all_name/3}: nobody keeps the name; each process gets
     * {@code {global_name_conflict, Name, OtherPid}}.
     */
    NOTIFY_ALL("notify_all_name");

    private final Atom function;

    NameConflict(String function) {
        this.function = Atom.of(function);
    }

    /** {@return the name of global's resolve function, {@code F} of {@code fun global:F/3}} */
    public Atom function() {
        return function;
    }
}
