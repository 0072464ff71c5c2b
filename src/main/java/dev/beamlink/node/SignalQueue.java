package dev.beamlink.node;

import dev.beamlink.node.spi.Circuit;
import dev.beamlink.node.spi.Signal;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A process's one signal queue: many senders push without locks, the one process-side consumer
 * (whoever holds the process's lock) takes everything pushed so far, oldest first. Pushes from one
 * thread are taken in the order they were made, which gives the per-pair signal ordering of
 * docs/semantics.md ("Ordering").
 *
 * <p>A Treiber stack whose batches are reversed when taken: one object per queued signal, none when empty.
 */
final class SignalQueue {

    private static final VarHandle HEAD;

    static {
        try {
            HEAD = MethodHandles.lookup().findVarHandle(SignalQueue.class, "head", Node.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * One queued signal, with the circuit it came on from another node ({@code via}, null for a local one); or, with no
     * signal, the news that the circuit {@code via} was lost. {@code next} is the one pushed before it until the batch
     * is reversed.
     */
    static final class Node {
        final Signal signal;
        final Circuit via;
        Node next;

        Node(Signal signal, Circuit via) {
            this.signal = signal;
            this.via = via;
        }
    }

    @SuppressWarnings("unused") // accessed through HEAD
    private volatile Node head;

    /** Appends a signal (or, with none, the loss of {@code via}); safe from any thread. */
    void push(Signal signal, Circuit via) {
        Node node = new Node(signal, via);
        Node current;
        do {
            current = head;
            node.next = current;
        } while (!HEAD.compareAndSet(this, current, node));
    }

    /** {@return whether nothing is queued} */
    boolean isEmpty() {
        return head == null;
    }

    /** {@return everything queued, oldest first, as a chain through {@link Node#next}; null when empty} */
    Node takeAll() {
        if (head == null) {
            return null;
        }
        Node newestFirst = (Node) HEAD.getAndSet(this, null);
        Node oldestFirst = null;
        while (newestFirst != null) {
            Node next = newestFirst.next;
            newestFirst.next = oldestFirst;
            oldestFirst = newestFirst;
            newestFirst = next;
        }
        return oldestFirst;
    }
}
