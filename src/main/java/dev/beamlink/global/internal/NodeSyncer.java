package dev.beamlink.global.internal;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.NodeDown;
import dev.beamlink.node.ProcessBody;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one node of the other partition in: global.erl's {@code sync_other/2}, one process per node. It connects
 * to the node (a node monitor connects), and tells its server {@code {in_sync, ThisNode, true}}; a node it cannot
 * reach is reported to our server as an {@code extra_nodedown}. This is how global keeps the cluster fully connected.
 */
final class NodeSyncer implements ProcessBody {

    private static final Logger LOG = LoggerFactory.getLogger(NodeSyncer.class);

    private final Atom node;
    private final Pid server;

    NodeSyncer(Atom node, Pid server) {
        this.node = node;
        this.server = server;
    }

    @Override
    public void run(Mailbox self) {
        self.monitorNode(node);
        boolean down = self.receiveIf(m -> m instanceof NodeDown d && d.node().equals(node), Duration.ZERO).isPresent();
        if (down) {
            LOG.warn("'global' at {} failed to connect to {}", self.node().name(), node);
            self.send(server, new ServerEvent.ExtraNodeDown(node));
        } else {
            self.send(GlobalTerms.GLOBAL_NAME_SERVER, node, Outbound.inSync(self.node().name()));
        }
    }
}
