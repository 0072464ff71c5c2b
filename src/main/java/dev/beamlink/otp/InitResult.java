package dev.beamlink.otp;

import dev.beamlink.etf.Term;
import java.util.Objects;

/**
 * What {@link GenServer#init} returns, as {@code Module:init/1} does: {@code {ok, State}} (with what to do next),
 * {@code ignore}, or {@code {stop, Reason}}.
 *
 * @param <S> the server's state
 */
public sealed interface InitResult<S> {

    /** {@return start with {@code state} and wait for messages} */
    static <S> InitResult<S> ok(S state) {
        return new Ok<>(state, Next.WAIT);
    }

    /** {@return start with {@code state}, then do {@code next}} */
    static <S> InitResult<S> ok(S state, Next next) {
        return new Ok<>(state, next);
    }

    /** {@return do not start: the starter gets {@code ignore}, the process ends with {@code normal}} */
    static <S> InitResult<S> ignore() {
        return new Ignore<>();
    }

    /** {@return do not start: the starter gets {@code {error, Reason}}, the process ends with {@code reason}} */
    static <S> InitResult<S> stop(Term reason) {
        return new Stop<>(reason);
    }

    /** {@code {ok, State}}. */
    record Ok<S>(S state, Next next) implements InitResult<S> {
        public Ok {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(next, "next");
        }
    }

    /** {@code ignore}. */
    record Ignore<S>() implements InitResult<S> {
    }

    /** {@code {stop, Reason}}. */
    record Stop<S>(Term reason) implements InitResult<S> {
        public Stop {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
