package dev.beamlink.node;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import java.util.Objects;

/**
 * The message a monitor delivers when its target ends (docs/semantics.md, "Monitors").
 *
 * @param ref    the monitor's reference, as {@code monitor} returned it
 * @param object the monitored process: its pid for a monitor by pid, {@code {Name, Node}} for a monitor by name
 * @param reason the exit reason ({@code noproc} when the target did not exist, {@code noconnection}
 *               when its node could not be reached)
 */
public record Down(Ref ref, Term object, Term reason) implements SystemMessage {

    private static final Atom TAG = Atom.of("DOWN");
    private static final Atom PROCESS = Atom.of("process");

    public Down {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(reason, "reason");
    }

    /** {@return {@code {'DOWN', Ref, process, Object, Reason}}} */
    @Override
    public Term toTerm() {
        return Tuple.of(TAG, ref, PROCESS, object, reason);
    }
}
