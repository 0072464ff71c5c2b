package dev.beamlink.node;

/**
 * A receive pattern: what a selective receive makes of a message it accepts, or {@code null} for a
 * message it leaves in the mailbox, as a clause of Erlang's {@code receive} does.
 *
 * <pre>{@code
 * Down down = self.receive(m -> m instanceof Down d && d.ref().equals(ref) ? d : null);
 * }</pre>
 *
 * <p>It runs while the process's lock is held, so it must be quick and must not call into the runtime
 * (this mailbox, another one, or the node).
 *
 * @param <R> what a match gives
 */
@FunctionalInterface
public interface MessagePattern<R> {

    /** {@return the match for {@code message}, or {@code null} to leave it in the mailbox} */
    R match(Object message);

    /** {@return the pattern that accepts every message of {@code type}, as that type} */
    static <T> MessagePattern<T> ofType(Class<T> type) {
        return message -> type.isInstance(message) ? type.cast(message) : null;
    }
}
