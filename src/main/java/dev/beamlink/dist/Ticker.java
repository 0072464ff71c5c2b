package dev.beamlink.dist;

import java.time.Duration;

/**
 * The node's tick clock: every quarter of net_ticktime, each connection sends a tick if it sent nothing in
 * that time, and is declared lost if nothing at all came from its peer for four such intervals (OTP's
 * {@code net_kernel}: a silent peer is found lost between 3/4 and 5/4 of net_ticktime).
 */
final class Ticker implements Runnable {

    private final ConnectionTable table;
    private final Duration interval;

    Ticker(ConnectionTable table, Duration ticktime) {
        this.table = table;
        this.interval = ticktime.dividedBy(Connection.SILENT_TICKS);
    }

    /** Ticks until interrupted. */
    @Override
    public void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(interval);
                for (Connection connection : table.connections()) {
                    connection.tick();
                }
            }
        } catch (InterruptedException stopped) {
            // The node is closing.
        }
    }
}
