package dev.beamlink.node;

/**
 * The code of a spawned process. It runs on a virtual thread of its own; returning ends the process
 * with {@code normal}, throwing ends it with a reason that says what was thrown, where and why.
 */
@FunctionalInterface
public interface ProcessBody {

    /** Runs the process; {@code self} is its mailbox, valid until the body ends. */
    void run(Mailbox self) throws Exception;
}
