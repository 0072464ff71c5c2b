package dev.beamlink.dist.handshake;

import java.util.Arrays;
import java.util.Objects;

/**
 * The messages of the version 6 distribution handshake (erl_dist_protocol, "Distribution Handshake").
 * {@link HandshakeCodec} owns their wire format.
 */
public sealed interface HandshakeMessage {

    /** Tag of {@link Name} and {@link Challenge}: {@code 'N'}, the version 6 name message. */
    byte TAG_NAME = 'N';
    /** Tag of {@link Status}. */
    byte TAG_STATUS = 's';
    /** Tag of {@link ChallengeReply}. */
    byte TAG_CHALLENGE_REPLY = 'r';
    /** Tag of {@link ChallengeAck}. */
    byte TAG_CHALLENGE_ACK = 'a';

    /**
     * send_name (step 2): the initiator's flags, creation and full node name.
     *
     * @param flags    the initiator's capability flags
     * @param creation the initiator's creation
     * @param nodeName the initiator's full name, {@code name@host}
     */
    record Name(DistFlags flags, int creation, String nodeName) implements HandshakeMessage {
        public Name {
            Objects.requireNonNull(flags, "flags");
            Objects.requireNonNull(nodeName, "nodeName");
        }
    }

    /**
     * send_status (step 3), and the initiator's {@code true}/{@code false} answer to {@code alive} (step 3B).
     *
     * @param code the status text: {@code ok}, {@code ok_simultaneous}, {@code nok}, {@code not_allowed},
     *             {@code alive}, {@code true} or {@code false}
     */
    record Status(String code) implements HandshakeMessage {
        public static final Status OK = new Status("ok");
        public static final Status OK_SIMULTANEOUS = new Status("ok_simultaneous");
        public static final Status NOK = new Status("nok");
        public static final Status NOT_ALLOWED = new Status("not_allowed");
        public static final Status ALIVE = new Status("alive");
        public static final Status TRUE = new Status("true");
        public static final Status FALSE = new Status("false");

        public Status {
            Objects.requireNonNull(code, "code");
        }
    }

    /**
     * send_challenge (step 4): the acceptor's flags, challenge, creation and full node name.
     *
     * @param flags     the acceptor's capability flags
     * @param challenge the acceptor's challenge to the initiator
     * @param creation  the acceptor's creation
     * @param nodeName  the acceptor's full name
     */
    record Challenge(DistFlags flags, int challenge, int creation, String nodeName) implements HandshakeMessage {
        public Challenge {
            Objects.requireNonNull(flags, "flags");
            Objects.requireNonNull(nodeName, "nodeName");
        }
    }

    /**
     * send_challenge_reply (step 5): the initiator's own challenge, and its digest of the acceptor's.
     *
     * @param challenge the initiator's challenge to the acceptor
     * @param digest    the 16-byte digest of the acceptor's challenge
     */
    record ChallengeReply(int challenge, byte[] digest) implements HandshakeMessage {
        public ChallengeReply {
            digest = checkDigest(digest);
        }

        @Override
        public byte[] digest() {
            return digest.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ChallengeReply that && challenge == that.challenge && Arrays.equals(digest, that.digest);
        }

        @Override
        public int hashCode() {
            return 31 * challenge + Arrays.hashCode(digest);
        }

        @Override
        public String toString() {
            return "ChallengeReply[challenge=" + Integer.toUnsignedString(challenge) + "]";
        }
    }

    /**
     * send_challenge_ack (step 6): the acceptor's digest of the initiator's challenge.
     *
     * @param digest the 16-byte digest
     */
    record ChallengeAck(byte[] digest) implements HandshakeMessage {
        public ChallengeAck {
            digest = checkDigest(digest);
        }

        @Override
        public byte[] digest() {
            return digest.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ChallengeAck that && Arrays.equals(digest, that.digest);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(digest);
        }

        @Override
        public String toString() {
            return "ChallengeAck[]";
        }
    }

    private static byte[] checkDigest(byte[] digest) {
        if (digest.length != Cookie.DIGEST_SIZE) {
            throw new IllegalArgumentException("digest: " + digest.length + " bytes (expected: " + Cookie.DIGEST_SIZE + ")");
        }
        return digest.clone();
    }
}
