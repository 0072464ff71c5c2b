package dev.beamlink.dist;

import java.time.Duration;
import java.util.Collection;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's tick clock: every quarter of net_ticktime, each connection sends a tick if it sent nothing in
 * that time, and is declared lost if nothing at all came from its peer for four such intervals (OTP's
 * {@code net_kernel}: a silent peer is found lost between 3/4 and 5/4 of net_ticktime). A connection whose tick fails
 * (an {@link Error} too) is told so, and the others tick on: no connection stops the clock.
 */
final class Ticker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Ticker.class);

    /** What the clock ticks: a connection. */
    interface Ticked {
        /** One tick interval passed. */
        void tick();

        /** {@link #tick()} threw {@code failure}. */
        void tickFailed(Throwable failure);
    }

    private final Supplier<? extends Collection<? extends Ticked>> ticked;
    private final Duration interval;

    /** @param ticked what to tick, asked anew at each interval */
    Ticker(Supplier<? extends Collection<? extends Ticked>> ticked, Duration ticktime) {
        this.ticked = ticked;
        this.interval = ticktime.dividedBy(Connection.SILENT_TICKS);
    }

    /** Ticks until interrupted. */
    @Override
    public void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(interval);
                for (Ticked each : ticked.get()) {
                    tick(each);
                }
            }
        } catch (InterruptedException stopped) {
            // The node is closing.
        }
    }

    private static void tick(Ticked each) {
        try {
            each.tick();
        } catch (RuntimeException | Error e) {
            LOG.error("the tick of {} failed; the others tick on", each, e);
            try {
                each.tickFailed(e);
            } catch (RuntimeException | Error again) {
                LOG.error("{} could not take its failed tick", each, again);
            }
        }
    }
}
