package dev.beamlink.dist;

/**
 * Something a sender may have to wait for after its signal was queued: a connection whose writer holds more than its
 * high-water mark, or a peer whose handshake holds too many signals. The wait happens outside any process lock
 * ({@link ConnectionTable#throttle()}).
 */
@FunctionalInterface
interface Backpressure {

    /**
     * Waits until there is room again, or there never will be (the connection or the attempt ended). Returns early,
     * with the thread's interrupt status set, when interrupted.
     */
    void await();
}
