package dev.beamlink.node;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to a spawn request ({@link Mailbox#spawnRequest}), as Erlang delivers it:
 * {@code {spawn_reply, ReqId, ok, Pid}} or {@code {spawn_reply, ReqId, error, Reason}} (erlang:spawn_request/5). The
 * link and monitor the request asked for are in place before this message is received.
 *
 * @param reqId  the request's id (also the reference of the monitor, if one was asked for)
 * @param result the new process's pid, or the atom that says why there is none
 */
public record SpawnResult(Ref reqId, Term result) implements SystemMessage {

    private static final Atom TAG = Atom.of("spawn_reply");
    private static final Atom OK = Atom.of("ok");
    private static final Atom ERROR = Atom.of("error");

    public SpawnResult {
        Objects.requireNonNull(reqId, "reqId");
        Objects.requireNonNull(result, "result");
    }

    /** {@return the new process, if one was made} */
    public Optional<Pid> pid() {
        return result instanceof Pid pid ? Optional.of(pid) : Optional.empty();
    }

    /** {@return {@code {spawn_reply, ReqId, ok, Pid}} or {@code {spawn_reply, ReqId, error, Reason}}} */
    @Override
    public Term toTerm() {
        return Tuple.of(TAG, reqId, result instanceof Pid ? OK : ERROR, result);
    }
}
