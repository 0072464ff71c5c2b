package dev.beamlink.node.spi;

import java.util.Objects;

/**
 * What became of a signal handed to the {@link Distribution}: queued, queued with a wait for its sender, or not
 * deliverable because the node cannot be reached. The routing point passes it back to the sending process, which
 * waits, if it must, only once it has let go of its lock: signals to it are applied meanwhile, an exit signal ends
 * the wait, and nothing else ever waits on it.
 */
public sealed interface Delivery {

    /** Queued for the node; the sender goes on. */
    Delivery QUEUED = new Queued();
    /** The node cannot be reached now: the signal was not queued. */
    Delivery UNREACHABLE = new Unreachable();

    /** {@return whether the signal was queued} */
    default boolean queued() {
        return !(this instanceof Unreachable);
    }

    /** Queued. */
    record Queued() implements Delivery {
    }

    /** Not queued: the node cannot be reached. */
    record Unreachable() implements Delivery {
    }

    /**
     * Queued, on a connection now past its high-water mark (or for a peer whose handshake holds too many signals):
     * the sender waits with {@link Backpressure#await()} once it holds no lock.
     *
     * @param backpressure what the sender waits for
     */
    record Throttled(Backpressure backpressure) implements Delivery {
        public Throttled {
            Objects.requireNonNull(backpressure, "backpressure");
        }
    }

    /** Something a sender waits for after its signal was queued, outside any lock. */
    @FunctionalInterface
    interface Backpressure {

        /**
         * Waits until there is room again, or there never will be (the connection or the attempt ended). Returns
         * early, with the thread's interrupt status set, when interrupted.
         */
        void await();
    }
}
