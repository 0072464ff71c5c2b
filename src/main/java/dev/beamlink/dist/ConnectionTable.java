package dev.beamlink.dist;

import dev.beamlink.dist.handshake.ConnectionArbiter;
import dev.beamlink.dist.handshake.HandshakeResult;
import dev.beamlink.dist.transport.DistChannel;
import dev.beamlink.etf.Atom;
import dev.beamlink.node.spi.Attachment;
import dev.beamlink.node.spi.Circuit;
import dev.beamlink.node.spi.ConnectedNode;
import dev.beamlink.node.spi.Distribution;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's connections, one {@link PeerLink} per peer node: the {@link Distribution} the runtime hands
 * signals for other nodes to (connecting on demand), and the {@link ConnectionArbiter} handshakes ask about
 * peers that connect while a connection is being made or is up.
 *
 * <h2>Connect on demand</h2>
 * The first signal for an unconnected node makes a pending slot that queues signals, and starts one outbound
 * handshake on a virtual thread (a {@link Connector}: the {@link Dialer}); later senders queue behind it and never
 * start another. When a handshake (outbound, or an inbound one from that node) succeeds, the queue goes out in order and the slot is
 * up. When every handshake failed, the slot goes down: the queued messages are dropped and
 * {@link Attachment#connectionLost} fires the links and monitors that were queued with {@code noconnection}. An inbound
 * handshake that fails never proved the cookie: it takes nothing down that waits (see {@link PeerLink}).
 *
 * <h2>Losing a connection</h2>
 * A closed connection's slot leaves the table first, then the runtime fires everything over it, then the runtime hears
 * that the node went down. A new connection to the same node waits for that to finish before it comes up, so that the
 * node's events come in order; each slot is a {@link Circuit} of its own, so the loss of the old one never fires links
 * made over the new one.
 */
final class ConnectionTable implements Distribution, ConnectionArbiter {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionTable.class);

    /** Starts outbound handshakes. */
    interface Connector {
        /** Starts, on a thread of its own, an outbound handshake for {@code link}. */
        void dial(PeerLink link);
    }

    private final Atom localName;
    private final ConnectionSettings settings;
    private final Duration settleTimeout;
    private final ConcurrentHashMap<Atom, PeerLink> peers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Atom, CompletableFuture<Void>> teardowns = new ConcurrentHashMap<>();
    private volatile Attachment binding;
    private volatile Connector dialer;
    private volatile boolean closed;

    /**
     * @param settleTimeout how long {@link #connect} waits for a connection, and how long a slot waits for the
     *                      peer's own attempt after our attempt gave way to it
     */
    ConnectionTable(Atom localName, ConnectionSettings settings, Duration settleTimeout) {
        this.localName = localName;
        this.settings = settings;
        this.settleTimeout = settleTimeout;
    }

    /** Wires the table to the runtime and to the dialer; before this, every node is unreachable. */
    void start(Attachment runtime, Connector outbound) {
        this.binding = runtime;
        this.dialer = outbound;
    }

    // ---------------------------------------------------------------- Distribution

    /**
     * {@inheritDoc} The circuit is the node's slot: up, or pending with an outbound handshake started. A connection
     * above its high-water mark (or a peer whose handshake holds too many signals) answers
     * {@link dev.beamlink.node.spi.Delivery.Throttled}: the sending process waits, holding no lock, until it drained to
     * half the mark (or the handshake ended) or the connection is lost; signals to it are applied meanwhile, an exit
     * signal ends the wait, and the connection's reader, which never waits, keeps reading.
     */
    @Override
    public Circuit circuit(Atom node) {
        PeerLink up = peers.get(node);
        if (up != null && up.connection() != null && !closed) { // the common case: one look-up, no lock
            return up;
        }
        if (closed || dialer == null || !NodeNameRules.isNodeName(node.text())) {
            return null;
        }
        while (true) {
            PeerLink link = slot(node);
            if (!link.isLost()) {
                return link;
            }
            peers.remove(node, link); // down: a new slot connects anew
            if (closed) {
                return null;
            }
        }
    }

    @Override
    public List<ConnectedNode> connectedNodes() {
        List<ConnectedNode> up = new ArrayList<>();
        for (Connection connection : connections()) {
            up.add(new ConnectedNode(connection.peer(), connection.handshake().peerHidden()));
        }
        return up;
    }

    @Override
    public boolean disconnect(Atom node) {
        Connection connection = connection(node);
        if (connection == null) {
            return false;
        }
        connection.close("disconnected by this node", false);
        return true;
    }

    @Override
    public boolean connect(Atom node) {
        if (closed || dialer == null || !NodeNameRules.isNodeName(node.text())) {
            return false;
        }
        PeerLink link = slot(node);
        if (link.connection() != null) {
            return true;
        }
        try {
            return link.settled().get(settleTimeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    /** {@return the node's slot, made pending with an outbound handshake started when there was none} */
    private PeerLink slot(Atom node) {
        PeerLink link = peers.computeIfAbsent(node, this::newLink);
        if (link.claimOutbound()) {
            dialer.dial(link);
        }
        return link;
    }

    private PeerLink newLink(Atom node) {
        return new PeerLink(node, settings.maxPendingSignals());
    }

    // ---------------------------------------------------------------- ConnectionArbiter

    @Override
    public InboundDecision inbound(String peerNode) {
        if (closed) {
            return InboundDecision.NOT_ALLOWED;
        }
        Atom node = Atom.of(peerNode);
        if (node.equals(localName)) {
            return InboundDecision.NOT_ALLOWED;
        }
        while (true) {
            PeerLink fresh = newLink(node);
            PeerLink link = peers.putIfAbsent(node, fresh);
            if (link == null) {
                fresh.inboundStarted();
                return InboundDecision.ACCEPT;
            }
            InboundDecision decision = link.inbound(localName.text());
            if (decision != null) {
                return decision;
            }
            peers.remove(node, link);
        }
    }

    @Override
    public boolean replaceAlive(String peerNode) {
        // We are connecting to the peer and hold no connection to it that is up or about to be: the peer's is stale.
        PeerLink link = peers.get(Atom.of(peerNode));
        return link == null || !link.connectedOrProven();
    }

    @Override
    public void inboundProven(String peerNode) {
        PeerLink link = peers.get(Atom.of(peerNode));
        if (link != null) {
            link.inboundProven();
        }
    }

    // ---------------------------------------------------------------- handshake outcomes

    /**
     * A handshake succeeded: the connection comes up on the peer's slot, or replaces the one that is up when
     * the peer said so ({@code alive}, then {@code true}); otherwise the channel is closed.
     */
    void established(HandshakeResult result, DistChannel channel, boolean outbound) {
        Atom node = Atom.of(result.peerNode());
        if (closed) {
            channel.close();
            return;
        }
        awaitTeardown(node);
        Connection connection = new Connection(result, channel, settings, binding, this);
        PeerLink link;
        while (true) {
            link = peers.computeIfAbsent(node, this::newLink);
            Connection old = link.connection();
            if (old != null) {
                if (!result.replacesConnection()) {
                    // It never came up: closing it releases what it holds, and tells the table nothing.
                    connection.close("a second connection to " + node + " was made while one is up", true);
                    return;
                }
                // Parked until the old connection is closed, by this thread or the one closing it already: its
                // teardown may not have begun yet, and a busy wait here can starve that thread of a carrier.
                old.closeAndAwait("replaced by a new connection from the peer");
                awaitTeardown(node);
                continue;
            }
            if (link.up(connection, outbound)) {
                break;
            }
            if (link.connection() == null) {
                peers.remove(node, link); // down meanwhile: take a fresh slot
            }
        }
        connection.start(link);
        LOG.info("connected to {} ({}, flags {})", node, result.peerHidden() ? "hidden" : "visible", result.flags());
        binding.nodeUp(node, result.peerHidden());
        if (closed) {
            connection.close("the node is closing", false);
        }
    }

    /**
     * An outbound attempt to connect {@code link}'s node failed; {@code simultaneous}: it gave way to the peer's own
     * attempt ({@code nok}).
     */
    void outboundFailed(PeerLink link, boolean simultaneous, String why) {
        if (link.outboundFailed(simultaneous)) {
            lost(link, "no connection: " + why);
            return;
        }
        if (simultaneous) {
            // The peer's attempt wins (nok): it is under way or about to arrive; give it the handshake time.
            Thread.ofVirtual().name("beamlink-dist-await-" + link.node.text()).start(() -> {
                try {
                    link.settled().get(settleTimeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException | ExecutionException | InterruptedException e) {
                    if (link.failIfIdle()) {
                        lost(link, "the peer's own connection attempt did not arrive after it answered nok");
                    }
                }
            });
        }
    }

    /**
     * An inbound handshake from {@code peerNode}, accepted by {@link #inbound}, failed ({@code proven}: after the peer
     * proved the cookie, as when the channel closed before the ack went out):
     * what waits for the node stays (we connect ourselves if signals are queued); a slot nothing waits for goes,
     * quietly.
     */
    void inboundFailed(String peerNode, boolean proven, String why) {
        PeerLink link = peers.get(Atom.of(peerNode));
        if (link == null) {
            return;
        }
        switch (link.inboundFailed(proven)) {
            case DIAL -> dialer.dial(link);
            case DOWN -> teardown(link);
            case NOTHING -> { }
        }
    }

    /** A connection closed: its slot leaves the table, then everything over it fires, then the runtime hears of it. */
    void connectionClosed(Connection connection, String reason) {
        Atom node = connection.peer();
        PeerLink link = peers.get(node);
        if (link == null || link.connection() != connection) {
            return; // never came up on a slot (a duplicate), or replaced already
        }
        teardown(link);
        binding.nodeDown(node, connection.handshake().peerHidden(), reason);
    }

    private void lost(PeerLink link, String reason) {
        LOG.info("{}: {}", link.node, reason);
        teardown(link);
    }

    /**
     * Takes {@code link} down and out of the table, then fires everything over it; a new connection to the
     * node waits for this ({@link #awaitTeardown}) before it comes up.
     */
    private void teardown(PeerLink link) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        teardowns.put(link.node, done);
        try {
            link.down();
            peers.remove(link.node, link);
            Attachment runtime = binding;
            if (runtime != null) {
                runtime.connectionLost(link);
            }
        } finally {
            teardowns.remove(link.node, done);
            done.complete(null);
        }
    }

    private void awaitTeardown(Atom node) {
        CompletableFuture<Void> teardown = teardowns.get(node);
        if (teardown != null) {
            teardown.join();
        }
    }

    // ---------------------------------------------------------------- queries and closing

    /** {@return the connections that are up} */
    List<Connection> connections() {
        List<Connection> up = new ArrayList<>();
        for (PeerLink link : peers.values()) {
            Connection connection = link.connection();
            if (connection != null && connection.isOpen()) {
                up.add(connection);
            }
        }
        return up;
    }

    /** {@return the connection to {@code node} if it is up} */
    Connection connection(Atom node) {
        PeerLink link = peers.get(node);
        return link == null ? null : link.connection();
    }

    /** Closes every connection (peers see the node go down) and fails every pending slot. */
    void close() {
        closed = true;
        for (PeerLink link : List.copyOf(peers.values())) {
            Connection connection = link.connection();
            if (connection != null) {
                connection.close("the node is closing", false);
            } else {
                lost(link, "the node is closing");
            }
        }
    }
}
