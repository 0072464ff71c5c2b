package dev.beamlink.dist;

import dev.beamlink.dist.handshake.ConnectionArbiter;
import dev.beamlink.dist.handshake.Handshake;
import dev.beamlink.dist.handshake.HandshakeConfig;
import dev.beamlink.dist.handshake.HandshakeException;
import dev.beamlink.dist.transport.DistChannel;
import dev.beamlink.dist.transport.DistTransport;
import dev.beamlink.epmd.EpmdClient;
import dev.beamlink.epmd.NodeEntry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * Makes outbound connections, each on a virtual thread of its own: asks the EPMD of the peer's host for its
 * port, connects, and runs the initiator's handshake; the {@link ConnectionTable} hears how it ended.
 */
final class Dialer implements ConnectionTable.Connector {

    /** The distribution protocol version beamlink speaks: 6 (OTP 23+). */
    private static final int VERSION = 6;

    private final EpmdClient epmd;
    private final DistTransport transport;
    private final HandshakeConfig config;
    private final ConnectionTable table;
    private final Duration connectTimeout;

    Dialer(EpmdClient epmd, DistTransport transport, HandshakeConfig config, ConnectionTable table, Duration connectTimeout) {
        this.epmd = epmd;
        this.transport = transport;
        this.config = config;
        this.table = table;
        this.connectTimeout = connectTimeout;
    }

    @Override
    public void dial(PeerLink link) {
        Thread.ofVirtual().name("beamlink-dist-connect-" + link.node.text()).start(() -> connect(link));
    }

    private void connect(PeerLink link) {
        String peer = link.node.text();
        DistChannel channel;
        try {
            Optional<NodeEntry> entry = epmd.lookupNode(peer);
            if (entry.isEmpty()) {
                table.outboundFailed(link, false, "EPMD at " + NodeNameRules.host(peer) + " has no node named "
                        + NodeNameRules.alive(peer));
                return;
            }
            NodeEntry node = entry.get();
            if (node.highestVersion() < VERSION || node.lowestVersion() > VERSION) {
                table.outboundFailed(link, false, peer + " speaks distribution versions " + node.lowestVersion()
                        + ".." + node.highestVersion() + " (expected: " + VERSION + ")");
                return;
            }
            channel = transport.connect(new InetSocketAddress(NodeNameRules.host(peer), node.port()), connectTimeout);
        } catch (IOException | IllegalArgumentException e) {
            table.outboundFailed(link, false, "cannot reach " + peer + ": " + e.getMessage());
            return;
        }
        try {
            table.established(Handshake.initiate(channel, config, peer, new Attempt(table, link)), channel, true);
        } catch (HandshakeException e) {
            table.outboundFailed(link, e.reason() == HandshakeException.Reason.SIMULTANEOUS, e.getMessage());
        } catch (RuntimeException e) {
            channel.close();
            table.outboundFailed(link, false, "handshake with " + peer + " failed: " + e);
        }
    }

    /** The table's decisions for one outbound attempt, which commits (or gives way) on its own slot. */
    private record Attempt(ConnectionTable table, PeerLink link) implements ConnectionArbiter {
        @Override
        public InboundDecision inbound(String peerNode) {
            return table.inbound(peerNode);
        }

        @Override
        public boolean replaceAlive(String peerNode) {
            return table.replaceAlive(peerNode);
        }

        @Override
        public boolean commitOutbound(String peerNode) {
            return link.commitOutbound();
        }
    }
}
