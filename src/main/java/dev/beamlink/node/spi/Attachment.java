package dev.beamlink.node.spi;

import dev.beamlink.etf.Atom;

/**
 * The node's side of an attached {@link Distribution}: the way in for the signals that arrive from the wire and for
 * what happens to connections. The signals go through the same routing point and the same process-side code as
 * local ones.
 */
public interface Attachment {

    /**
     * Delivers a signal that arrived from another node to its target on this node: a pid of this node (one of an
     * earlier incarnation counts as a process that no longer exists) or, for {@link Signal.RegSend},
     * {@link Signal.MonitorP} and {@link Signal.DemonitorP} with a name, a registered name; for
     * {@link Signal.AliasSend}, an alias a process of this node holds. What the signal makes cross (a link, a monitor)
     * is filed under {@code from}, the circuit it came on. A target that does not exist gets Erlang's
     * answer, sent back through the distribution: an exit signal {@code noproc} for a LINK, a MONITOR_P_EXIT
     * {@code noproc} for a MONITOR_P; anything else is dropped.
     *
     * @throws IllegalArgumentException if the target belongs to another node
     */
    void inject(Circuit from, Signal signal);

    /**
     * Fires, exactly once each, everything filed under {@code circuit}, which {@link Circuit#isLost()} says is lost:
     * every link with an exit signal {@code noconnection} (from the remote pid), every monitor held on a process there
     * with a DOWN {@code noconnection}, every spawn request waiting for its answer with {@code noconnection}; forgets
     * the monitors processes there held on local ones; and sends every node monitor on its node a {@code nodedown}
     * (docs/semantics.md, "Connections and nodes").
     */
    void connectionLost(Circuit circuit);

    /** A connection to {@code node} came up: node listeners and processes monitoring nodes hear of it. */
    void nodeUp(Atom node, boolean hidden);

    /** The connection to {@code node}, which had come up, went down for {@code reason}: listeners hear of it. */
    void nodeDown(Atom node, boolean hidden, String reason);

    /** Detaches the distribution: from now on every other node is unreachable again. */
    void detach();
}
