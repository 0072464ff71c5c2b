package dev.beamlink.global.internal;

import dev.beamlink.etf.Pid;

/**
 * global's processes on this node at one time: {@code global_name_server}, and its locker and registrar, which are
 * linked to it, so that the three end together and the node's kernel supervisor starts the three again.
 *
 * @param server    {@code global_name_server}
 * @param locker    the locker ({@code global.erl}'s {@code the_locker})
 * @param registrar the registrar ({@code global.erl}'s {@code the_registrar})
 */
record GlobalProcesses(Pid server, Pid locker, Pid registrar) {
}
