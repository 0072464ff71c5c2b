package dev.beamlink.otp.pg;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import java.util.List;
import java.util.Objects;

/**
 * A change of a group that a process monitors ({@link Pg#monitor}, {@link Pg#monitorScope}): processes joined it or left
 * it. It arrives as a message, as {@code {Ref, join | leave, Group, Pids}} does for {@code pg:monitor/2} in OTP.
 *
 * @param ref    the monitor's reference
 * @param joined whether the processes joined ({@code join}) or left ({@code leave})
 * @param group  the group
 * @param pids   the processes that joined or left
 */
public record PgChange(Ref ref, boolean joined, Term group, List<Pid> pids) {

    private static final Atom JOIN = Atom.of("join");
    private static final Atom LEAVE = Atom.of("leave");

    public PgChange {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(group, "group");
        pids = List.copyOf(pids);
    }

    /** {@return {@code {Ref, join | leave, Group, Pids}}} */
    public Term toTerm() {
        return Tuple.of(ref, joined ? JOIN : LEAVE, group, ErlList.from(pids));
    }
}
