package dev.beamlink.node;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import java.util.Objects;

/**
 * The message a process that traps exits receives for an exit signal (docs/semantics.md, "Exit signals").
 *
 * @param from   the process the signal came from (for {@code noproc} after a link to a dead pid: that pid)
 * @param reason the exit reason
 */
public record Exit(Pid from, Term reason) implements SystemMessage {

    private static final Atom TAG = Atom.of("EXIT");

    public Exit {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(reason, "reason");
    }

    /** {@return {@code {'EXIT', From, Reason}}} */
    @Override
    public Term toTerm() {
        return Tuple.of(TAG, from, reason);
    }
}
