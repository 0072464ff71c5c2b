package dev.beamlink.node;

import dev.beamlink.etf.Atom;
import dev.beamlink.node.spi.Attachment;
import dev.beamlink.node.spi.Circuit;
import dev.beamlink.node.spi.Distribution;
import dev.beamlink.node.spi.Signal;

/** The node's side of an attached {@link Distribution}: signals from the wire and connection events, to the router. */
final class DistributionAttachment implements Attachment {

    private final Router router;
    private final Distribution distribution;

    DistributionAttachment(Router router, Distribution distribution) {
        this.router = router;
        this.distribution = distribution;
    }

    @Override
    public void inject(Circuit from, Signal signal) {
        router.injectFromWire(signal, from);
    }

    @Override
    public void connectionLost(Circuit circuit) {
        router.connectionLost(circuit);
    }

    @Override
    public void nodeUp(Atom node, boolean hidden) {
        router.events().nodeUp(router, node, hidden);
    }

    @Override
    public void nodeDown(Atom node, boolean hidden, String reason) {
        router.events().nodeDown(router, node, hidden, reason);
    }

    @Override
    public void detach() {
        router.detach(distribution);
    }
}
