package dev.beamlink.node;

import dev.beamlink.node.spi.Circuit;
import dev.beamlink.node.spi.Signal;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How signals get into one process and who applies them. Senders push, lock-free, on its one {@link SignalQueue};
 * whoever holds the process's lock applies what is queued, oldest first:
 * <ul>
 *   <li>the process's own thread, at every call it makes into the runtime;</li>
 *   <li>for any signal but a message, the node's {@link DrainScheduler} when the process's thread is not parked in
 *       {@code receive}, so that a process busy in its own Java code (or a passive mailbox nobody receives from) reacts
 *       to links, exits and monitors without its own thread: no recursion on any stack; and for an exit signal to a
 *       process that does not trap exits, parked or not ({@link Kind#DRAINED}).</li>
 * </ul>
 * Any other signal but a deferrable one wakes a process parked in {@code receive} ({@link #park}), which then applies
 * its queue itself: a DOWN, a spawn reply or an exit signal to a process that traps exits reaches a waiting process
 * with one thread hand-off, as a message does; a busy process picks its messages up at its next call. A
 * {@linkplain Kind#DEFERRABLE deferrable} one (a peer's monitor or demonitor, a successful spawn reply that the process
 * asked no message for: bookkeeping it need not react to) waits, while a receiver is parked, for whatever wakes it
 * next, or for anyone who looks at the process (they all apply the queue first): a gen_server that an erl node calls
 * is woken once a call, not again for the caller's demonitor, and an erpc caller once, for its DOWN. At most
 * {@link #MAX_DEFERRED} wait so; one more wakes the receiver.
 */
final class SignalInbox implements Runnable {

    /** How a queued signal reaches the process. */
    enum Kind {
        /** A message to a live process: it only wakes the receiver. */
        MESSAGE,
        /** Any other signal: it wakes the receiver, or, if none is parked, is applied by a drain. */
        SIGNAL,
        /**
         * A signal that changes only what the process keeps (who monitors it, what a spawn reply set up) and that no
         * receiver waits for: while a receiver is parked, it waits for the next signal that wakes it; else it goes as
         * {@link #SIGNAL} does.
         */
        DEFERRABLE,
        /**
         * An exit signal to a process that does not trap exits: it ends the process or does nothing, so a drain applies
         * it even while a receiver is parked, and wakes the receiver only if it ended it (to unwind). An exit travelling
         * down a chain of parked processes goes on one worker, a process a step, not a thread wake-up a step.
         */
        DRAINED
    }

    /** The most deferrable signals that wait, unapplied, for a parked receiver's next wake-up. */
    static final int MAX_DEFERRED = 64;

    private static final VarHandle DRAIN_SCHEDULED;

    static {
        try {
            DRAIN_SCHEDULED = MethodHandles.lookup().findVarHandle(SignalInbox.class, "drainScheduled", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SignalQueue queue = new SignalQueue();
    private final Runnable drain;
    private final DrainScheduler scheduler;
    @SuppressWarnings("unused") // accessed through DRAIN_SCHEDULED
    private volatile int drainScheduled;
    /** The thread parked in {@code receive}, to wake when a message arrives. */
    private volatile Thread waiter;
    /** A drain found the process's lock held and left its signals to the holder (see {@link #afterUnlock()}). */
    private volatile boolean drainWanted;
    /** The deferrable signals queued since the queue was last taken: a bound, counted loosely. */
    private final AtomicInteger deferred = new AtomicInteger();

    /**
     * @param drain     applies what is queued, taking the process's lock
     * @param scheduler where drains run when the process's own thread does not apply its signals
     */
    SignalInbox(Runnable drain, DrainScheduler scheduler) {
        this.drain = drain;
        this.scheduler = scheduler;
    }

    /**
     * Queues a signal, with the circuit it came on (null for a local one), or with none the loss of {@code via}; safe
     * from any thread, never blocks. What it wakes, if anything, {@code kind} says.
     */
    void push(Signal signal, Circuit via, Kind kind) {
        queue.push(signal, via);
        Thread parked = kind == Kind.DRAINED ? null : waiter;
        if (parked != null) {
            // Read after the push: the parked thread applies its queue once it holds its lock again (ProcessCore's
            // receive does, after every park), this signal among it; so does a thread that is leaving its park now,
            // which cleared the waiter after this push and takes the queue after that.
            if (kind != Kind.DEFERRABLE || deferred.incrementAndGet() > MAX_DEFERRED) {
                LockSupport.unpark(parked);
            }
        } else if (kind != Kind.MESSAGE && DRAIN_SCHEDULED.compareAndSet(this, 0, 1)) {
            scheduler.schedule(this);
        }
    }

    /** {@return everything queued, oldest first; null when empty} */
    SignalQueue.Node takeAll() {
        deferred.set(0); // before the take: a signal deferred after it is counted
        return queue.takeAll();
    }

    /** Runs the drain on the scheduler's thread (see {@link DrainScheduler}). */
    @Override
    public void run() {
        scheduler.run(this);
    }

    /** Applies the queued signals now, on this thread. */
    void drainNow() {
        drainScheduled = 0;
        drain.run();
    }

    /** A drain is about to try the process's lock: said before the try, so that a holder letting go sees it. */
    void drainWanted() {
        drainWanted = true;
    }

    /** The drain got the lock and applies the signals itself. */
    void drainTaken() {
        drainWanted = false;
    }

    /** The lock was let go: a drain that could not get it is scheduled again. */
    void afterUnlock() {
        if (drainWanted) {
            drainWanted = false;
            if (DRAIN_SCHEDULED.compareAndSet(this, 0, 1)) {
                scheduler.schedule(this);
            }
        }
    }

    /** The scheduler could not take the drain (the node has shut down: every process has ended already). */
    void drainRejected() {
        drainScheduled = 0;
    }

    /**
     * Waits, with {@code lock} released, until a signal is queued, {@code nanos} passed (negative: no limit), or the
     * thread is woken; {@code lock} is held again on return. Returns at once if a signal is queued already.
     */
    void park(ReentrantLock lock, long nanos) {
        waiter = Thread.currentThread();
        try {
            if (queue.isEmpty()) { // read after publishing the waiter: a later push sees it and wakes us
                lock.unlock();
                afterUnlock(); // a drain refused while the pattern ran goes now, not when a message wakes us
                try {
                    if (nanos < 0) {
                        LockSupport.park(this);
                    } else {
                        LockSupport.parkNanos(this, nanos);
                    }
                } finally {
                    lock.lock();
                }
            }
        } finally {
            waiter = null;
        }
    }

    /** {@return whether a thread is parked in receive} */
    boolean hasWaiter() {
        return waiter != null;
    }

    /** Wakes the thread parked in receive, if any and if it is not the caller. {@return whether one was parked} */
    boolean wake() {
        Thread parked = waiter;
        if (parked != null && parked != Thread.currentThread()) {
            LockSupport.unpark(parked);
        }
        return parked != null;
    }
}
