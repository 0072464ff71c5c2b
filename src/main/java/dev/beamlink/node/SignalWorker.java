package dev.beamlink.node;

import java.util.ArrayDeque;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * A thread of the node's signal executor. While it applies one process's signals, the processes those
 * signals make runnable (an exit travelling down a chain of links) are queued here and applied in turn
 * by the same thread: a trampoline, so propagation neither recurses on the stack nor pays a task
 * submission and a thread wake-up for every process.
 */
final class SignalWorker extends ForkJoinWorkerThread {

    /** Past this many queued here, further processes go to the pool, where idle threads can take them. */
    private static final int LOCAL_LIMIT = 4096;

    private final ArrayDeque<SignalInbox> local = new ArrayDeque<>();
    private boolean draining;

    SignalWorker(ForkJoinPool pool) {
        super(pool);
    }

    /** {@return whether this thread applies signals for {@code pool}'s node and can take another process now} */
    boolean takes(ForkJoinPool pool) {
        return draining && getPool() == pool && local.size() < LOCAL_LIMIT;
    }

    void queue(SignalInbox inbox) {
        local.addLast(inbox);
    }

    /** Applies {@code first}'s signals, then those of every process queued here meanwhile. */
    void drainFrom(SignalInbox first) {
        draining = true;
        try {
            first.drainNow();
            SignalInbox next;
            while ((next = local.pollFirst()) != null) {
                next.drainNow();
            }
        } finally {
            draining = false;
            SignalInbox left; // only after a failure: hand what is queued to the pool, so nothing is stranded
            while ((left = local.pollFirst()) != null) {
                getPool().execute(left);
            }
        }
    }
}
