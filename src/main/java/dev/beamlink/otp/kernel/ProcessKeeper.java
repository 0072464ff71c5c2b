package dev.beamlink.otp.kernel;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.node.Down;
import dev.beamlink.node.Exit;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.Node;
import dev.beamlink.node.ProcessEnded;
import dev.beamlink.node.Reasons;
import dev.beamlink.otp.internal.Printed;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one system process of a node running: it starts the process, and starts it again whenever it ends, whatever
 * the reason, logging the end at level error. The keeper is a thread of its own that watches through a passive
 * mailbox, not a process a peer could end for good: when a peer kills that mailbox ({@code exit(Pid, kill)}), the
 * keeper logs it, opens another and watches the process again (a process linked to the old mailbox, as a supervisor is
 * to its parent, ends with it and is started again). A process that ends within {@link #RESTART_PAUSE} of its start
 * is started again only after that pause, so that one that cannot run does not spin.
 *
 * <pre>{@code
 * ProcessKeeper rex = ProcessKeeper.start(node, "rex",
 *         keeper -> GenServer.startLink(keeper, new Rex(), StartOptions.DEFAULTS.local(Rex.NAME)).pid());
 * }</pre>
 */
public final class ProcessKeeper implements AutoCloseable {

    /** How long the keeper waits before it starts again a process that ended so soon after its start. */
    public static final Duration RESTART_PAUSE = Duration.ofSeconds(1);
    /** How long {@link #close()} waits for the process to end on {@code shutdown} before it kills it. */
    public static final Duration SHUTDOWN_TIME = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(ProcessKeeper.class);
    private static final Atom STOP = Atom.of("stop");

    /** How the kept process starts, from the keeper's mailbox (it may link to it). */
    @FunctionalInterface
    public interface Start {
        /**
         * {@return the pid of the process started}
         *
         * @throws RuntimeException if it could not start
         */
        Pid start(Mailbox keeper);
    }

    private final Node node;
    private final String what;
    private final Start start;
    private final CompletableFuture<Pid> first = new CompletableFuture<>();
    private final Thread thread;
    private volatile Pid watcher;
    private volatile boolean closed;

    private ProcessKeeper(Node node, String what, Start start) {
        this.node = node;
        this.what = what;
        this.start = start;
        this.thread = Thread.ofVirtual().name("keeper of " + what + " on " + node.name().text()).unstarted(this::keep);
    }

    /**
     * Starts {@code what}'s process on {@code node} with {@code start}, and keeps it running. {@return once it has
     * started}
     *
     * @throws RuntimeException what {@code start} threw the first time
     */
    public static ProcessKeeper start(Node node, String what, Start start) {
        ProcessKeeper keeper = new ProcessKeeper(Objects.requireNonNull(node, "node"), what, start);
        keeper.thread.start();
        try {
            keeper.first.join();
        } catch (CompletionException e) {
            switch (e.getCause()) {
                case RuntimeException cause -> throw cause;
                case Error cause -> throw cause;
                default -> throw e;
            }
        }
        return keeper;
    }

    private void keep() {
        Mailbox box = null;
        Pid kept = null;
        Ref watch = null;
        long startedAt = 0;
        Term keeperEnded = null;
        while (true) {
            if (box == null) {
                try {
                    box = node.mailbox();
                } catch (IllegalStateException nodeClosed) {
                    first.completeExceptionally(nodeClosed);
                    return; // its processes have ended with it
                }
                watcher = box.self();
                if (keeperEnded != null && !closed) {
                    LOG.error("the keeper of {} on {} was ended with {}: another keeps it", what, node.name(),
                            Printed.of(keeperEnded));
                }
            }
            try {
                box.trapExit(true);
                if (kept != null && watch == null) {
                    watch = box.monitor(kept); // watched again from a new mailbox: it may live on, or end now
                }
                if (kept == null) {
                    if (first.isDone() && System.nanoTime() - startedAt < RESTART_PAUSE.toNanos()
                            && box.receiveIf(STOP::equals, RESTART_PAUSE).isPresent()) {
                        break;
                    }
                    startedAt = System.nanoTime();
                    kept = start.start(box);
                    watch = box.monitor(kept);
                    first.complete(kept);
                }
                Ref watching = watch;
                Object event = box.receiveIf(m -> m instanceof Down down && down.ref().equals(watching)
                        || m instanceof Exit || STOP.equals(m));
                if (STOP.equals(event)) {
                    stop(box, kept, watching);
                    break;
                }
                if (event instanceof Down down) {
                    if (nodeClosed()) {
                        break; // it ended with the node
                    }
                    LOG.error("{} on {} ended with {}: started again", what, node.name(),
                            Printed.of(down.reason()));
                    kept = null;
                    watch = null;
                }
            } catch (ProcessEnded ended) {
                keeperEnded = ended.reason();
                box = null;
                watch = null;
            } catch (RuntimeException | Error e) { // an Error too: nothing a start throws ends the keeping
                if (!first.isDone()) {
                    first.completeExceptionally(e);
                    break;
                }
                if (nodeClosed()) {
                    break;
                }
                LOG.error("{} on {} did not start again: {}; trying again in {} ms", what, node.name(), e.toString(),
                        RESTART_PAUSE.toMillis());
            }
        }
        box.close();
    }

    /** {@return whether the node is closed} (it then makes no more mailboxes) */
    private boolean nodeClosed() {
        try {
            node.mailbox().close();
            return false;
        } catch (IllegalStateException closedNode) {
            return true;
        }
    }

    /** Ends the kept process: {@code shutdown}, and {@code kill} if it has not ended within {@link #SHUTDOWN_TIME}. */
    private static void stop(Mailbox box, Pid kept, Ref watch) {
        box.exit(kept, Atom.of("shutdown"));
        if (box.receiveIf(m -> m instanceof Down down && down.ref().equals(watch), SHUTDOWN_TIME).isEmpty()) {
            box.exit(kept, Reasons.KILL);
        }
    }

    /** Stops keeping the process and ends it ({@code shutdown}), waiting until it has ended. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (Mailbox closer = node.mailbox()) {
            while (thread.isAlive()) {
                Pid to = watcher;
                if (to != null) {
                    closer.send(to, STOP);
                }
                thread.join(Duration.ofMillis(100));
            }
        } catch (IllegalStateException nodeClosed) {
            // The node is closed: its processes have ended already, and the keeper with them.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
