package dev.beamlink.dist.handshake;

import static dev.beamlink.dist.handshake.HandshakeException.Reason.ALREADY_CONNECTED;
import static dev.beamlink.dist.handshake.HandshakeException.Reason.BAD_COOKIE;
import static dev.beamlink.dist.handshake.HandshakeException.Reason.CLOSED;
import static dev.beamlink.dist.handshake.HandshakeException.Reason.MALFORMED;
import static dev.beamlink.dist.handshake.HandshakeException.Reason.MISSING_FLAGS;
import static dev.beamlink.dist.handshake.HandshakeException.Reason.NOT_ALLOWED;
import static dev.beamlink.dist.handshake.HandshakeException.Reason.SIMULTANEOUS;
import static dev.beamlink.dist.handshake.HandshakeException.Reason.TIMEOUT;
import static dev.beamlink.dist.handshake.HandshakeException.Reason.WRONG_PEER;

import dev.beamlink.dist.handshake.HandshakeMessage.Challenge;
import dev.beamlink.dist.handshake.HandshakeMessage.ChallengeAck;
import dev.beamlink.dist.handshake.HandshakeMessage.ChallengeReply;
import dev.beamlink.dist.handshake.HandshakeMessage.Name;
import dev.beamlink.dist.handshake.HandshakeMessage.Status;
import dev.beamlink.dist.transport.DistChannel;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;

/**
 * The version 6 distribution handshake (OTP 23+), as initiator ({@link #initiate}) or acceptor
 * ({@link #accept}), following erl_dist_protocol "Distribution Handshake" step by step and OTP's
 * {@code dist_util} where the document is silent.
 *
 * <p>The whole handshake has a deadline: when it passes, the channel is closed, which ends any blocked
 * read, and the handshake fails with {@link HandshakeException.Reason#TIMEOUT}. On any failure the
 * channel is closed; on success it is left open for the connection.
 */
public final class Handshake {

    /** Our challenges, unpredictable to a peer (the fuzz tests give fixed ones, to replay a peer's digests). */
    private static final SecureRandom CHALLENGES = new SecureRandom();

    private final HandshakeConfig config;
    private final DistChannel channel;
    private final HandshakeFrames frames;
    private final IntSupplier challenges;
    private final AtomicBoolean timedOut = new AtomicBoolean();

    private Handshake(HandshakeConfig config, DistChannel channel, IntSupplier challenges) {
        this.config = config;
        this.channel = channel;
        this.frames = new HandshakeFrames(channel);
        this.challenges = challenges;
    }

    /**
     * Runs the initiator's side (node A) on a connected channel.
     *
     * @param expectedPeer the full name of the node we connect to; a peer with another name is refused
     * @param arbiter      consulted when the peer answers {@code alive}, and before we answer its challenge (whether
     *                     this attempt gives way to the peer's own, {@link ConnectionArbiter#commitOutbound})
     * @return the completed handshake
     * @throws HandshakeException if it does not complete; the channel is then closed
     */
    public static HandshakeResult initiate(DistChannel channel, HandshakeConfig config, String expectedPeer,
                                           ConnectionArbiter arbiter) throws HandshakeException {
        return initiate(channel, config, expectedPeer, arbiter, CHALLENGES::nextInt);
    }

    /** {@link #initiate(DistChannel, HandshakeConfig, String, ConnectionArbiter)} with our challenge from {@code challenges}. */
    static HandshakeResult initiate(DistChannel channel, HandshakeConfig config, String expectedPeer,
                                    ConnectionArbiter arbiter, IntSupplier challenges) throws HandshakeException {
        Handshake handshake = new Handshake(config, channel, challenges);
        return handshake.run(() -> handshake.initiator(expectedPeer, arbiter));
    }

    /**
     * Runs the acceptor's side (node B) on an accepted channel.
     *
     * @param arbiter decides what to answer a peer that is already connected or connecting
     * @return the completed handshake
     * @throws HandshakeException if it does not complete; the channel is then closed
     */
    public static HandshakeResult accept(DistChannel channel, HandshakeConfig config, ConnectionArbiter arbiter)
            throws HandshakeException {
        return accept(channel, config, arbiter, CHALLENGES::nextInt);
    }

    /** {@link #accept(DistChannel, HandshakeConfig, ConnectionArbiter)} with our challenge from {@code challenges}. */
    static HandshakeResult accept(DistChannel channel, HandshakeConfig config, ConnectionArbiter arbiter,
                                  IntSupplier challenges) throws HandshakeException {
        Handshake handshake = new Handshake(config, channel, challenges);
        return handshake.run(() -> handshake.acceptor(arbiter));
    }

    private interface Steps {
        HandshakeResult run() throws IOException;
    }

    private HandshakeResult run(Steps steps) throws HandshakeException {
        Thread watchdog = Thread.ofVirtual().name("handshake deadline").start(() -> {
            try {
                Thread.sleep(config.timeout());
                timedOut.set(true);
                channel.close();
            } catch (InterruptedException finished) {
                // The handshake ended first.
            }
        });
        try {
            return steps.run();
        } catch (HandshakeException e) {
            channel.close();
            throw timedOut.get() ? timeout(e) : e;
        } catch (IOException e) {
            channel.close();
            throw timedOut.get() ? timeout(e) : new HandshakeException(CLOSED, "connection failed: " + e, e);
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        } finally {
            watchdog.interrupt();
        }
    }

    private HandshakeException timeout(Exception cause) {
        return new HandshakeException(TIMEOUT, "no complete handshake within " + config.timeout(), cause);
    }

    private HandshakeResult initiator(String expectedPeer, ConnectionArbiter arbiter) throws IOException {
        frames.write(new Name(config.flags(), config.creation(), config.nodeName()));

        Status status = HandshakeCodec.decodeStatus(frames.read("recv_status"));
        boolean replaces = false;
        switch (status.code()) {
            case "ok", "ok_simultaneous" -> { }
            case "nok" -> throw new HandshakeException(SIMULTANEOUS,
                    expectedPeer + " is connecting to us at the same moment and its attempt wins (nok)");
            case "not_allowed" -> throw new HandshakeException(NOT_ALLOWED, expectedPeer + " does not allow us to connect");
            case "alive" -> {
                boolean replace = arbiter.replaceAlive(expectedPeer);
                frames.write(replace ? Status.TRUE : Status.FALSE);
                if (!replace) {
                    throw new HandshakeException(ALREADY_CONNECTED, expectedPeer + " has a connection from us already (alive)");
                }
                replaces = true;
            }
            default -> throw new HandshakeException(MALFORMED, "recv_status: unknown status \"" + status.code() + "\"");
        }

        Challenge challenge = HandshakeCodec.decodeChallenge(frames.read("recv_challenge"));
        if (!challenge.nodeName().equals(expectedPeer)) {
            throw new HandshakeException(WRONG_PEER, "connected to " + expectedPeer + " but the peer is " + challenge.nodeName());
        }
        DistFlags peerFlags = challenge.flags().expandDigest();
        checkRequired(peerFlags, challenge.nodeName());

        if (!arbiter.commitOutbound(expectedPeer)) {
            throw new HandshakeException(SIMULTANEOUS,
                    expectedPeer + " is connecting to us at the same moment and its attempt wins (ok_simultaneous)");
        }
        int ourChallenge = challenges.getAsInt();
        frames.write(new ChallengeReply(ourChallenge, config.cookie().digest(challenge.challenge())));

        ChallengeAck ack = HandshakeCodec.decodeChallengeAck(frames.read("recv_challenge_ack"));
        if (!config.cookie().verifies(ourChallenge, ack.digest())) {
            throw new HandshakeException(BAD_COOKIE, challenge.nodeName() + " answered our challenge with a wrong digest: "
                    + "the cookies differ");
        }
        return new HandshakeResult(challenge.nodeName(), peerFlags, config.flags().intersect(peerFlags),
                challenge.creation(), replaces);
    }

    private HandshakeResult acceptor(ConnectionArbiter arbiter) throws IOException {
        Name name = HandshakeCodec.decodeName(frames.read("recv_name"));
        DistFlags peerFlags = name.flags().expandDigest();
        if (peerFlags.has(DistFlags.DFLAG_NAME_ME)) {
            refuse("a dynamic node name (NAME_ME) from " + name.nodeName() + " is not supported");
        }
        if (!isNodeName(name.nodeName())) {
            refuse("the peer's name \"" + name.nodeName() + "\" is not name@host");
        }
        DistFlags missing = peerFlags.missing(config.requiredFlags());
        if (!missing.isEmpty()) {
            frames.write(Status.NOT_ALLOWED);
            throw new HandshakeException(MISSING_FLAGS, name.nodeName() + " cannot handle " + missing.names());
        }

        boolean replaces = false;
        switch (arbiter.inbound(name.nodeName())) {
            case ACCEPT -> frames.write(Status.OK);
            case ACCEPT_SIMULTANEOUS -> frames.write(Status.OK_SIMULTANEOUS);
            case DECLINE_SIMULTANEOUS -> {
                frames.write(Status.NOK);
                throw new HandshakeException(SIMULTANEOUS, "our own connection to " + name.nodeName() + " wins (nok)");
            }
            case NOT_ALLOWED -> refuse(name.nodeName() + " is not allowed to connect");
            case ALREADY_CONNECTED -> {
                frames.write(Status.ALIVE);
                Status answer = HandshakeCodec.decodeStatus(frames.read("recv_status_reply"));
                switch (answer.code()) {
                    case "true" -> replaces = true;
                    case "false" -> throw new HandshakeException(ALREADY_CONNECTED,
                            name.nodeName() + " keeps its existing connection to us");
                    default -> throw new HandshakeException(MALFORMED,
                            "recv_status_reply: \"" + answer.code() + "\" (expected: true or false)");
                }
            }
        }

        int ourChallenge = challenges.getAsInt();
        frames.write(new Challenge(config.flags(), ourChallenge, config.creation(), config.nodeName()));

        ChallengeReply reply = HandshakeCodec.decodeChallengeReply(frames.read("recv_challenge_reply"));
        if (!config.cookie().verifies(ourChallenge, reply.digest())) {
            throw new HandshakeException(BAD_COOKIE, "connection attempt from " + name.nodeName()
                    + " rejected: invalid challenge reply (the cookies differ)");
        }
        arbiter.inboundProven(name.nodeName());
        frames.write(new ChallengeAck(config.cookie().digest(reply.challenge())));
        return new HandshakeResult(name.nodeName(), peerFlags, config.flags().intersect(peerFlags), name.creation(), replaces);
    }

    private void refuse(String why) throws IOException {
        frames.write(Status.NOT_ALLOWED);
        throw new HandshakeException(NOT_ALLOWED, why);
    }

    private void checkRequired(DistFlags peerFlags, String peer) throws HandshakeException {
        DistFlags missing = peerFlags.missing(config.requiredFlags());
        if (!missing.isEmpty()) {
            throw new HandshakeException(MISSING_FLAGS, peer + " cannot handle " + missing.names());
        }
    }

    /** {@return whether {@code name} is {@code name@host} with both parts non-empty (dist_util:is_name_ok/2)} */
    static boolean isNodeName(String name) {
        int at = name.indexOf('@');
        return at > 0 && at < name.length() - 1 && name.indexOf('@', at + 1) < 0;
    }
}
