package dev.beamlink.dist;

import dev.beamlink.dist.handshake.ConnectionArbiter.InboundDecision;
import dev.beamlink.dist.handshake.ConnectionArbiter;
import dev.beamlink.etf.Atom;
import dev.beamlink.node.spi.Circuit;
import dev.beamlink.node.spi.Delivery;
import dev.beamlink.node.spi.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The node's one slot for a peer node: pending while handshakes run (signals queue, in the order sent),
 * then up with one {@link Connection}, then down for good (a later signal makes a new slot). It is the runtime's
 * {@link Circuit}: what crosses over it fires when it goes down, and a later slot is another circuit.
 *
 * <p>Which handshakes may run at once follows OTP's net_kernel, with one difference: an inbound handshake that has not
 * proven the cookie yet holds nothing. It neither keeps our own outbound attempt from starting, nor another inbound
 * handshake under the same name out (the first to authenticate wins), nor takes the slot down when it fails, so that a
 * stranger that claims a node's name cannot make the node's queued signals drop or its links fire. Both nodes then
 * keep the same one of two crossing attempts: ours gives way to an inbound one answered {@code ok_simultaneous} only
 * until it answers the peer's challenge, and an inbound one that comes after that is answered {@code nok}
 * ({@link #commitOutbound}).
 *
 * <p>Senders on an up slot go straight to the connection without a lock; the lock guards the state changes
 * and the pending queue, so that the queue is flushed, in order, before any later signal is sent.
 */
final class PeerLink implements Circuit, Delivery.Backpressure {

    enum State { PENDING, UP, DOWN }

    final Atom node;
    private final int maxPending;
    private final ReentrantLock lock = new ReentrantLock();
    private final CompletableFuture<Boolean> settled = new CompletableFuture<>();
    private State state = State.PENDING;
    private List<Signal> queued = new ArrayList<>();
    private volatile Connection connection;
    /** Whether the slot is down: read without the lock by the runtime ({@link #isLost()}). */
    private volatile boolean lost;
    private boolean outboundRunning;
    /** The outbound handshake has answered the peer's challenge: the peer may hold it up already. */
    private boolean outboundCommitted;
    /** An inbound handshake was answered {@code ok_simultaneous}: the outbound one gives way before it commits. */
    private boolean outboundYields;
    private int inboundRunning;
    /** Inbound handshakes whose peer proved the cookie and that have not come up or failed yet. */
    private int inboundProven;

    /** What a sender waits for when this slot holds more than its pending limit. */
    private final Delivery throttled = new Delivery.Throttled(this);

    /** @param maxPending the signals queued while pending above which their senders wait for the slot to settle */
    PeerLink(Atom node, int maxPending) {
        this.node = node;
        this.maxPending = maxPending;
    }

    /** {@return the connection when up, else null} */
    Connection connection() {
        return connection;
    }

    @Override
    public Atom node() {
        return node;
    }

    /** {@inheritDoc} A signal for a slot that is down is dropped. */
    @Override
    public Delivery deliver(Signal signal) {
        Delivery delivery = offer(signal);
        return delivery == null ? Delivery.QUEUED : delivery;
    }

    @Override
    public boolean isLost() {
        return lost;
    }

    /** {@return completes with true when the slot comes up, false when it goes down without} */
    CompletableFuture<Boolean> settled() {
        return settled;
    }

    /**
     * Sends {@code signal} on the connection, or queues it while pending. {@return null if the slot is down (the
     * caller takes a new slot); else queued, with what the sender waits for once outside its locks: the connection
     * when its writer is above the high-water mark, or this slot when it holds more than its pending limit}
     */
    Delivery offer(Signal signal) {
        Connection up = connection;
        if (up == null) {
            lock.lock();
            try {
                switch (state) {
                    case PENDING -> {
                        queued.add(signal);
                        return queued.size() > maxPending ? throttled : Delivery.QUEUED;
                    }
                    case UP -> up = connection;
                    case DOWN -> {
                        return null;
                    }
                }
            } finally {
                lock.unlock();
            }
        }
        return up.send(signal);
    }

    /** Waits until the slot is up or down: its queue then went out or was dropped. */
    @Override
    public void await() {
        try {
            settled.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // Never completed exceptionally; nothing to wait for.
        }
    }

    /**
     * {@return whether an outbound handshake should start now}: the slot is pending and no outbound one runs (an
     * inbound one does not count: it may be a stranger's, which proves nothing until it has passed the cookie check)
     */
    boolean claimOutbound() {
        lock.lock();
        try {
            if (state != State.PENDING || outboundRunning) {
                return false;
            }
            outboundRunning = true;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Decides an inbound handshake from this slot's node (see {@link ConnectionTable#inbound}). */
    InboundDecision inbound(String localName) {
        lock.lock();
        try {
            return switch (state) {
                case UP -> InboundDecision.ALREADY_CONNECTED;
                case DOWN -> null; // the caller takes a new slot
                case PENDING -> {
                    // Another inbound handshake under this name does not keep this one out: it may be a stranger's.
                    InboundDecision decision;
                    if (!outboundRunning) {
                        decision = InboundDecision.ACCEPT;
                    } else if (outboundCommitted) {
                        // The peer accepted our attempt and may have brought it up: ours stands, whatever the names.
                        decision = InboundDecision.DECLINE_SIMULTANEOUS;
                    } else {
                        decision = ConnectionArbiter.simultaneous(localName, node.text());
                        if (decision == InboundDecision.ACCEPT_SIMULTANEOUS) {
                            outboundYields = true;
                        }
                    }
                    if (decision == InboundDecision.ACCEPT || decision == InboundDecision.ACCEPT_SIMULTANEOUS) {
                        inboundRunning++;
                    }
                    yield decision;
                }
            };
        } finally {
            lock.unlock();
        }
    }

    /**
     * The outbound handshake is about to answer the peer's challenge (see {@link ConnectionArbiter#commitOutbound}).
     * {@return false if it gives way to an inbound one answered {@code ok_simultaneous}}; else it is committed, and an
     * inbound handshake from now on is answered {@code nok}
     *
     * <p>Why: a beamlink peer may start its own attempt while it accepts ours (an inbound handshake that has not proven
     * the cookie holds nothing, as the class comment says), so both attempts can pass the name check. Without this,
     * each node could bring up a different connection and close the other, losing what it had sent over the one it
     * kept. A stranger answered {@code ok_simultaneous} can so delay our attempt (until its own handshake fails and we
     * dial again, {@link #inboundFailed}), as it can an OTP node's, but not make what is queued drop.
     */
    boolean commitOutbound() {
        lock.lock();
        try {
            if (outboundYields) {
                return false;
            }
            outboundCommitted = true;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Counts an inbound handshake whose peer proved the cookie (see {@link ConnectionArbiter#inboundProven}). */
    void inboundProven() {
        lock.lock();
        try {
            inboundProven++;
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@return whether a connection is up, or an inbound handshake whose peer proved the cookie is about to bring one
     * up}: the peer then holds it up already, and its {@code alive} answer to our own attempt means that one
     */
    boolean connectedOrProven() {
        lock.lock();
        try {
            return connection != null || inboundProven > 0;
        } finally {
            lock.unlock();
        }
    }

    /** Counts an inbound handshake that was accepted on a slot created for it. */
    void inboundStarted() {
        lock.lock();
        try {
            inboundRunning++;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Brings the slot up on {@code connection}, first sending what was queued. {@return false if the slot is
     * not pending any more (up through another handshake, or down): the caller closes its channel}
     */
    boolean up(Connection established, boolean outbound) {
        lock.lock();
        try {
            release(outbound);
            if (!outbound && inboundProven > 0) {
                inboundProven--;
            }
            if (state != State.PENDING) {
                return false;
            }
            for (Signal signal : queued) {
                established.send(signal); // what it says to wait for is moot: these senders waited on this slot
            }
            queued = null;
            state = State.UP;
            connection = established;
        } finally {
            lock.unlock();
        }
        settled.complete(true);
        return true;
    }

    /**
     * An outbound handshake ended without a connection. {@return whether the slot is now down}: true when no other
     * handshake runs and none is expected ({@code awaitOther}: the peer's own attempt, after it answered
     * {@code nok}, is still to come)
     */
    boolean outboundFailed(boolean awaitOther) {
        lock.lock();
        try {
            release(true);
            if (state != State.PENDING || outboundRunning || inboundRunning > 0 || awaitOther) {
                return false;
            }
            goDown();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** What is to become of a pending slot once an inbound handshake, which never proved the cookie, failed. */
    enum AfterInbound {
        /** Nothing: the slot is up or down already, or another handshake still runs. */
        NOTHING,
        /** Dial the node ourselves: signals wait for it, and no handshake runs any more. */
        DIAL,
        /** The slot went down: nothing waited for it, nothing was lost. */
        DOWN
    }

    /**
     * An inbound handshake failed ({@code proven}: after its peer proved the cookie): it takes nothing down that
     * waits. {@return what follows}: with signals queued and no handshake left, an outbound one (claimed here); with
     * nothing queued and no handshake left, the slot goes down
     */
    AfterInbound inboundFailed(boolean proven) {
        lock.lock();
        try {
            release(false);
            if (proven && inboundProven > 0) {
                inboundProven--;
            }
            if (inboundRunning == 0) {
                outboundYields = false; // what the outbound handshake gave way to is gone: it goes on (a stranger's)
            }
            if (state != State.PENDING || outboundRunning || inboundRunning > 0) {
                return AfterInbound.NOTHING;
            }
            if (!queued.isEmpty()) {
                outboundRunning = true;
                return AfterInbound.DIAL;
            }
            goDown();
            return AfterInbound.DOWN;
        } finally {
            lock.unlock();
        }
    }

    /** {@return whether the slot went down now} because it is still pending with no handshake running */
    boolean failIfIdle() {
        lock.lock();
        try {
            if (state != State.PENDING || outboundRunning || inboundRunning > 0) {
                return false;
            }
            goDown();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Takes the slot down whatever its state (the node closes, or its connection closed). */
    void down() {
        lock.lock();
        try {
            if (state != State.DOWN) {
                goDown();
            }
        } finally {
            lock.unlock();
        }
    }

    private void goDown() {
        state = State.DOWN;
        lost = true;
        queued = null; // dropped: their loss fires through connectionLost
        settled.complete(false);
    }

    private void release(boolean outbound) {
        if (outbound) {
            outboundRunning = false;
            outboundCommitted = false;
            outboundYields = false;
        } else if (inboundRunning > 0) {
            inboundRunning--;
        }
    }

    @Override
    public String toString() {
        return "peer " + node;
    }
}
