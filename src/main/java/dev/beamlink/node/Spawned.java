package dev.beamlink.node;

import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;

/**
 * What {@code spawnMonitor} returns, as {@code erlang:spawn_monitor/1} does: {@code {Pid, Ref}}.
 *
 * @param pid the new process
 * @param ref the reference of the monitor on it
 */
public record Spawned(Pid pid, Ref ref) {
}
