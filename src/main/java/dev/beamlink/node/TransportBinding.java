package dev.beamlink.node;

import dev.beamlink.etf.Atom;

/**
 * The node's side of an attached {@link Transport}: the entry through which the distribution layer
 * injects the signals that arrive from the wire, and reports lost connections. The signals go through
 * the same routing point and the same process-side code as local ones.
 */
public final class TransportBinding {

    private final Router router;
    private final Transport transport;

    TransportBinding(Router router, Transport transport) {
        this.router = router;
        this.transport = transport;
    }

    /**
     * Delivers a signal that arrived from another node to its target on this node: a pid of this node
     * (one of an earlier incarnation counts as a process that no longer exists) or, for
     * {@link Signal.RegSend}, {@link Signal.MonitorP} and {@link Signal.DemonitorP} with a name, a
     * registered name; for {@link Signal.AliasSend}, an alias a process of this node holds. A target that does
     * not exist gets Erlang's answer, sent back through the
     * transport: an exit signal {@code noproc} for a LINK, a MONITOR_P_EXIT {@code noproc} for a
     * MONITOR_P; anything else is dropped.
     *
     * @throws IllegalArgumentException if the target pid belongs to another node
     */
    public void inject(Signal signal) {
        router.injectFromWire(signal);
    }

    /**
     * Fires, exactly once each, everything that crossed the connection to {@code node}: every link with
     * an exit signal {@code noconnection} (from the remote pid), every monitor held on a process there
     * with a {@link Down} {@code noconnection}, every node monitor on it with a {@link NodeDown}; and
     * forgets the monitors processes there held on local ones (semantics.md, "Connections and nodes").
     */
    public void connectionLost(Atom node) {
        router.connectionLost(node);
    }

    /** Detaches the transport: from now on every other node is unreachable again. */
    public void detach() {
        router.detach(transport);
    }
}
