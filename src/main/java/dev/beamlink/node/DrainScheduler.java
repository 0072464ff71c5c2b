package dev.beamlink.node;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Where processes' signals are applied when their own threads do not apply them: a small fork-join pool of
 * {@link SignalWorker}s. A drain scheduled from a worker that is applying signals already is queued on that worker (a
 * trampoline: an exit travelling down a chain of links neither recurses on the stack nor pays a task submission and a
 * thread wake-up for every process).
 */
final class DrainScheduler {

    private final ForkJoinPool pool;

    DrainScheduler(String nodeName) {
        this.pool = new ForkJoinPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                p -> {
                    ForkJoinWorkerThread thread = new SignalWorker(p);
                    thread.setName("beamlink-signals-" + nodeName + "-" + thread.getPoolIndex());
                    thread.setDaemon(true);
                    return thread;
                }, null, true);
    }

    /** Makes sure {@code inbox}'s signals are applied soon, on a worker. */
    void schedule(SignalInbox inbox) {
        if (Thread.currentThread() instanceof SignalWorker worker && worker.takes(pool)) {
            worker.queue(inbox); // applied by this thread right after the current process: no recursion
            return;
        }
        try {
            pool.execute(inbox);
        } catch (RejectedExecutionException closed) {
            inbox.drainRejected();
        }
    }

    /** Applies {@code inbox}'s signals on the current thread, trampolining on a worker. */
    void run(SignalInbox inbox) {
        if (Thread.currentThread() instanceof SignalWorker worker) {
            worker.drainFrom(inbox);
        } else {
            inbox.drainNow();
        }
    }

    /** {@return how many worker threads the pool has now: more than its parallelism only when some were blocked} */
    int workers() {
        return pool.getPoolSize();
    }

    /** {@return how many workers it keeps busy at most} */
    int parallelism() {
        return pool.getParallelism();
    }

    /** Stops taking drains and waits up to {@code timeout} for those running. {@return whether all finished} */
    boolean shutdown(long timeout, TimeUnit unit) throws InterruptedException {
        pool.shutdown();
        return pool.awaitTermination(timeout, unit);
    }
}
