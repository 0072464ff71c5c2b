package dev.beamlink.dist.handshake;

/**
 * The node-wide decisions a handshake asks for: what to do when a peer connects while another
 * connection to it is being set up or is already up (erl_dist_protocol, step 3 "recv_status/send_status";
 * OTP's {@code net_kernel} makes the same decisions).
 */
public interface ConnectionArbiter {

    /** What an acceptor answers a peer whose name it has just read. */
    enum InboundDecision {
        /** No other connection to the peer: status {@code ok}. */
        ACCEPT,
        /**
         * Our own attempt to connect to the peer is under way, and the peer's name is greater than ours:
         * status {@code ok_simultaneous}; our attempt gives way.
         */
        ACCEPT_SIMULTANEOUS,
        /** Our own attempt is under way and our name is greater: status {@code nok}; the peer's attempt gives way. */
        DECLINE_SIMULTANEOUS,
        /** A connection to the peer is up: status {@code alive}; the peer says whether to replace it. */
        ALREADY_CONNECTED,
        /** The peer may not connect: status {@code not_allowed}. */
        NOT_ALLOWED
    }

    /** {@return the answer to an inbound handshake from {@code peerNode}} */
    InboundDecision inbound(String peerNode);

    /**
     * The acceptor says a connection from this node to it is already up ({@code alive}). {@return true}
     * if this node believes that connection is gone and the new one should replace it; false to give up.
     */
    boolean replaceAlive(String peerNode);

    /**
     * Our handshake with {@code peerNode} is about to answer the peer's challenge, after which the peer may bring the
     * connection up. {@return false} if the attempt is to give way instead: an inbound handshake from the same node was
     * answered {@code ok_simultaneous} meanwhile, which tells the peer that our own attempt is shut down
     * (erl_dist_protocol, the handshake's recv_status step). Once this returned true, the attempt stands: an inbound
     * handshake from the node after it is answered {@code nok}, since the peer may hold this connection up already.
     */
    default boolean commitOutbound(String peerNode) {
        return true;
    }

    /**
     * The peer of an inbound handshake proved the cookie, and the acceptor is about to send its challenge ack, after
     * which the peer holds the connection up: until it comes up here, a {@code alive} answer to our own attempt
     * means this connection, not a stale one ({@link #replaceAlive} says false).
     */
    default void inboundProven(String peerNode) {
    }

    /** Accepts every peer and replaces any old connection: for a node with no other connections. */
    ConnectionArbiter ACCEPT_ALL = new ConnectionArbiter() {
        @Override
        public InboundDecision inbound(String peerNode) {
            return InboundDecision.ACCEPT;
        }

        @Override
        public boolean replaceAlive(String peerNode) {
            return true;
        }
    };

    /**
     * {@return the decision OTP's net_kernel takes for an inbound handshake from {@code peerNode} while this
     * node's own attempt to connect to it is under way}: the greater name, compared literally, wins.
     */
    static InboundDecision simultaneous(String localNode, String peerNode) {
        return peerNode.compareTo(localNode) > 0 ? InboundDecision.ACCEPT_SIMULTANEOUS : InboundDecision.DECLINE_SIMULTANEOUS;
    }
}
