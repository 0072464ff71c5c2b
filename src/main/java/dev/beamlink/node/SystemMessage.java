package dev.beamlink.node;

import dev.beamlink.etf.Term;

/**
 * A message the runtime itself puts in a mailbox for a signal: {@link Exit} (a trapped exit signal),
 * {@link Down} (a monitor fired), {@link NodeDown} (a monitored node went away) and {@link NodeUp} (a node came up, for a process monitoring nodes). Each matches in a
 * {@code switch} with record patterns, and {@link #toTerm()} gives exactly the tuple BEAM delivers.
 */
public sealed interface SystemMessage permits Exit, Down, NodeDown, NodeUp, SpawnResult {

    /** {@return the tuple an Erlang process receives for the same signal} */
    Term toTerm();
}
