package dev.beamlink.node;

import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;

/**
 * The answer to a spawn request, as the requesting process receives it ({@code {spawn_reply, ReqId, ok | error,
 * Result}} in Erlang): only the spawning call that made the request takes it out of the mailbox.
 *
 * @param reqId  the request's id
 * @param result the new process's pid, or the atom that says why there is none
 */
record SpawnResult(Ref reqId, Term result) {
}
