package dev.beamlink.dist.frame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The queue between the threads that send and the one that writes: many producers, one consumer, linked through the
 * frames themselves (a producer swaps the tail and links the old one to its frame; the consumer follows the links),
 * so that queuing a frame allocates nothing and takes no lock. Frames queued by one thread come out in the order it
 * queued them.
 */
final class FrameQueue {

    private static final VarHandle TAIL;

    static {
        try {
            TAIL = MethodHandles.lookup().findVarHandle(FrameQueue.class, "tail", OutgoingFrame.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The consumer's position: the frame taken last (or the stub), whose {@code next} is the oldest queued. */
    private volatile OutgoingFrame head;
    @SuppressWarnings("unused") // through TAIL
    private volatile OutgoingFrame tail;

    FrameQueue() {
        OutgoingFrame stub = new OutgoingFrame(null, 0, null, 0, OutgoingFrame.NO_SENDER);
        head = stub;
        tail = stub;
    }

    /** Queues {@code frame}; any thread. */
    void offer(OutgoingFrame frame) {
        frame.next = null;
        OutgoingFrame previous = (OutgoingFrame) TAIL.getAndSet(this, frame);
        previous.next = frame;
    }

    /**
     * {@return the oldest frame, or null when none is linked yet} The consumer only. A frame whose producer swapped the
     * tail but has not linked it yet is seen on a later call.
     */
    OutgoingFrame poll() {
        OutgoingFrame first = head.next;
        if (first != null) {
            head = first;
        }
        return first;
    }

    /** {@return whether no frame is linked} The consumer only (or anyone, as a hint). */
    boolean isEmpty() {
        return head.next == null && tail == head;
    }
}
