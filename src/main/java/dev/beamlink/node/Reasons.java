package dev.beamlink.node;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Term;

/** The exit reasons the runtime itself gives meaning to (docs/semantics.md, "Exit signals"). */
public final class Reasons {

    /** A normal end: ignored by a linked process that does not trap exits. */
    public static final Atom NORMAL = Atom.of("normal");
    /** Sent by {@code exit(Pid, kill)}: ends the receiver with {@link #KILLED}, trapping or not. */
    public static final Atom KILL = Atom.of("kill");
    /** The reason of a process ended by {@code exit(Pid, kill)}; an ordinary, trappable reason for its links. */
    public static final Atom KILLED = Atom.of("killed");
    /** The target of a link or monitor did not exist. */
    public static final Atom NOPROC = Atom.of("noproc");
    /** The node of the target could not be reached, or the connection to it was lost. */
    public static final Atom NOCONNECTION = Atom.of("noconnection");
    /** The reason every process ends with when its node shuts down. */
    public static final Atom SHUTDOWN = Atom.of("shutdown");
    /** The node asked for a new process has nothing to run for it (a node without a {@link SpawnHandler}). */
    public static final Atom NOTSUP = Atom.of("notsup");
    /**
     * The exit signal a new process gets through its link when the process that asked for it ended before the
     * answer came (erlang:spawn_request_abandon/1).
     */
    public static final Atom ABANDONED = Atom.of("abandoned");
    /** The error reason of a call with a bad argument (a name taken, a process not alive). */
    public static final Atom BADARG = Atom.of("badarg");

    private Reasons() {
    }

    /**
     * {@return the exit reason of a process whose code threw {@code thrown}} as the runtime makes it: an
     * {@link ErlangException} as its Erlang class gives ({@code {Reason, Stack}}, {@code Reason},
     * {@code {{nocatch, Value}, Stack}}), anything else {@code {{'java.lang.SomeException', <<"message">>}, Stack}}
     */
    public static Term of(Throwable thrown) {
        return ThrowableReason.of(thrown);
    }
}
