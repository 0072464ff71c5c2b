package dev.beamlink.dist;

import dev.beamlink.dist.handshake.ConnectionArbiter;
import dev.beamlink.dist.handshake.Handshake;
import dev.beamlink.dist.handshake.HandshakeConfig;
import dev.beamlink.dist.handshake.HandshakeException;
import dev.beamlink.dist.transport.DistChannel;
import dev.beamlink.dist.transport.DistListener;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts inbound connections on the node's listener, each handshake on a virtual thread of its own with the
 * handshake's deadline. At most a fixed number of handshakes run at once: more connections are closed as they
 * arrive, so a flood of half-open connections costs neither threads nor memory without bound.
 */
final class Acceptor implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Acceptor.class);

    private final DistListener listener;
    private final HandshakeConfig config;
    private final ConnectionTable table;
    private final Semaphore handshakes;
    private final int maxHandshakes;

    Acceptor(DistListener listener, HandshakeConfig config, ConnectionTable table, int maxHandshakes) {
        this.listener = listener;
        this.config = config;
        this.table = table;
        this.maxHandshakes = maxHandshakes;
        this.handshakes = new Semaphore(maxHandshakes);
    }

    @Override
    public void run() {
        while (true) {
            DistChannel channel;
            try {
                channel = listener.accept();
            } catch (IOException closed) {
                return; // the listener was closed: the node is closing
            }
            if (!handshakes.tryAcquire()) {
                LOG.warn("connection from {} closed: {} handshakes are running already (the most at once)",
                        channel.remoteAddress(), maxHandshakes);
                channel.close();
                continue;
            }
            try {
                Thread.ofVirtual().name("beamlink-dist-accept").start(() -> {
                    try {
                        accept(channel);
                    } finally {
                        handshakes.release();
                    }
                });
            } catch (RuntimeException e) {
                handshakes.release();
                channel.close();
                LOG.warn("connection from {} closed: no thread for its handshake", channel.remoteAddress(), e);
            }
        }
    }

    private void accept(DistChannel channel) {
        SocketAddress from = channel.remoteAddress(); // for the log: a closed channel no longer knows it
        Arbiter arbiter = new Arbiter(table);
        try {
            table.established(Handshake.accept(channel, config, arbiter), channel, false);
        } catch (HandshakeException e) {
            String peer = arbiter.peer == null ? "" : " (" + arbiter.peer + ")";
            if (e.reason() == HandshakeException.Reason.SIMULTANEOUS) {
                LOG.info("inbound handshake from {}{} gave way: {}", from, peer, e.getMessage()); // the usual race
            } else {
                LOG.warn("inbound handshake from {}{} failed: {}", from, peer, e.getMessage());
            }
            if (arbiter.accepted) {
                table.inboundFailed(arbiter.peer, e.getMessage());
            }
        } catch (RuntimeException e) {
            channel.close();
            LOG.warn("inbound handshake from {} failed", from, e);
            if (arbiter.accepted) {
                table.inboundFailed(arbiter.peer, e.toString());
            }
        }
    }

    /** The table's decisions, remembering the peer's name and whether this handshake was let through. */
    private static final class Arbiter implements ConnectionArbiter {
        private final ConnectionTable table;
        private volatile String peer;
        private volatile boolean accepted;

        Arbiter(ConnectionTable table) {
            this.table = table;
        }

        @Override
        public InboundDecision inbound(String peerNode) {
            peer = peerNode;
            InboundDecision decision = table.inbound(peerNode);
            accepted = decision == InboundDecision.ACCEPT || decision == InboundDecision.ACCEPT_SIMULTANEOUS;
            return decision;
        }

        @Override
        public boolean replaceAlive(String peerNode) {
            return table.replaceAlive(peerNode);
        }
    }
}
