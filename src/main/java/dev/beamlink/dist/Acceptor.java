package dev.beamlink.dist;

import dev.beamlink.dist.handshake.ConnectionArbiter;
import dev.beamlink.dist.handshake.Handshake;
import dev.beamlink.dist.handshake.HandshakeConfig;
import dev.beamlink.dist.handshake.HandshakeException;
import dev.beamlink.dist.transport.DistChannel;
import dev.beamlink.dist.transport.DistListener;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts inbound connections on the node's listener, each handshake on a virtual thread of its own with the
 * handshake's deadline, as many at once as {@link HandshakeAdmission} admits: a new connection past its bounds evicts
 * the oldest handshake from its address (or the oldest of all), so that a flood of connections that never finish their
 * handshake costs neither threads nor memory without bound, and keeps no peer out.
 *
 * <p>A failing accept (out of file descriptors, a connection reset before it was taken, any other error) is logged and
 * tried again after a pause that doubles while the failures last, up to {@link #MAX_PAUSE}: the loop ends only when
 * the node stops it.
 */
final class Acceptor implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Acceptor.class);

    /** The first pause after a failed accept. */
    static final Duration MIN_PAUSE = Duration.ofMillis(10);
    /** The longest pause after failed accepts. */
    static final Duration MAX_PAUSE = Duration.ofSeconds(1);

    private final DistListener listener;
    private final HandshakeConfig config;
    private final ConnectionTable table;
    private final HandshakeAdmission admission;
    private volatile boolean stopped;

    Acceptor(DistListener listener, HandshakeConfig config, ConnectionTable table, HandshakeAdmission admission) {
        this.listener = listener;
        this.config = config;
        this.table = table;
        this.admission = admission;
    }

    /** Ends the loop: call before closing the listener, which wakes it. */
    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        Duration pause = MIN_PAUSE;
        while (!stopped) {
            DistChannel channel;
            try {
                channel = listener.accept();
            } catch (IOException | RuntimeException e) {
                if (stopped) {
                    return;
                }
                if (e instanceof ClosedChannelException) {
                    LOG.error("the node's listener {} was closed under it: no more connections are accepted", listener);
                    return;
                }
                LOG.warn("accepting a connection failed: {}; trying again in {} ms", e.toString(), pause.toMillis());
                if (!pause(pause)) {
                    return;
                }
                pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
                continue;
            }
            pause = MIN_PAUSE;
            admit(channel);
        }
    }

    /** {@return whether to go on} after waiting {@code pause}: not if interrupted (the node stops) */
    private boolean pause(Duration pause) {
        try {
            Thread.sleep(pause);
            return true;
        } catch (InterruptedException e) {
            return !stopped;
        }
    }

    private void admit(DistChannel channel) {
        HandshakeAdmission.Ticket ticket = admission.admit(channel);
        try {
            Thread.ofVirtual().name("beamlink-dist-accept").start(() -> {
                try (ticket) {
                    accept(channel);
                }
            });
        } catch (RuntimeException e) {
            ticket.close();
            channel.close();
            LOG.warn("connection from {} closed: no thread for its handshake", channel.remoteAddress(), e);
        }
    }

    private void accept(DistChannel channel) {
        SocketAddress from = channel.remoteAddress(); // for the log: a closed channel no longer knows it
        Arbiter arbiter = new Arbiter(table);
        try {
            table.established(Handshake.accept(channel, config, arbiter), channel, false);
        } catch (HandshakeException e) {
            String peer = arbiter.peer == null ? "" : " (" + arbiter.peer + ")";
            if (e.reason() == HandshakeException.Reason.SIMULTANEOUS
                    || e.reason() == HandshakeException.Reason.ALREADY_CONNECTED) {
                // The usual races: two attempts crossed, or the peer's came after another connection to it came up.
                LOG.info("inbound handshake from {}{} gave way: {}", from, peer, e.getMessage());
            } else {
                LOG.warn("inbound handshake from {}{} failed: {}", from, peer, e.getMessage());
            }
            if (arbiter.accepted) {
                table.inboundFailed(arbiter.peer, arbiter.proven, e.getMessage());
            }
        } catch (RuntimeException e) {
            channel.close();
            LOG.warn("inbound handshake from {} failed", from, e);
            if (arbiter.accepted) {
                table.inboundFailed(arbiter.peer, arbiter.proven, e.toString());
            }
        }
    }

    /**
     * The table's decisions, remembering the peer's name, whether this handshake was let through and whether the peer
     * proved the cookie.
     */
    private static final class Arbiter implements ConnectionArbiter {
        private final ConnectionTable table;
        private volatile String peer;
        private volatile boolean accepted;
        private volatile boolean proven;

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

        @Override
        public void inboundProven(String peerNode) {
            proven = true;
            table.inboundProven(peerNode);
        }
    }
}
