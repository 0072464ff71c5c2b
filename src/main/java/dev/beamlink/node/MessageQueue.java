package dev.beamlink.node;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.Predicate;

/** A process's mailbox: the messages delivered and not yet received, in order of arrival. */
final class MessageQueue {

    private final ArrayDeque<Object> messages = new ArrayDeque<>(4);

    void add(Object message) {
        messages.addLast(message);
    }

    int size() {
        return messages.size();
    }

    /**
     * Removes and returns what {@code selector} makes of the first message it accepts, leaving the
     * others queued in their order; {@code null} when it accepts none.
     */
    <R> R takeFirst(MessagePattern<R> selector) {
        for (Iterator<Object> it = messages.iterator(); it.hasNext(); ) {
            R selected = selector.match(it.next());
            if (selected != null) {
                it.remove();
                return selected;
            }
        }
        return null;
    }

    /** Removes every message {@code filter} accepts. */
    void removeIf(Predicate<Object> filter) {
        messages.removeIf(filter);
    }
}
