package dev.beamlink.otp.pg;

import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A watch on a group or a whole scope ({@link Pg#monitor}, {@link Pg#monitorScope}): its reference, which the
 * {@link PgChange} messages carry, and the members when it began.
 *
 * @param ref     the monitor's reference
 * @param members the members of the group watched, or of every group of the scope, when the watch began
 */
public record PgMonitor(Ref ref, Map<Term, List<Pid>> members) {

    public PgMonitor {
        Objects.requireNonNull(ref, "ref");
        members = Map.copyOf(members);
    }
}
