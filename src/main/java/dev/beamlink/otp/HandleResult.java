package dev.beamlink.otp;

import dev.beamlink.etf.Term;
import java.util.Objects;

/**
 * What {@link GenServer#handleCast}, {@link GenServer#handleInfo} and {@link GenServer#handleContinue} return, as
 * OTP's callbacks do: {@code {noreply, State}} (with what to do next) or {@code {stop, Reason, State}}.
 *
 * @param <S> the server's state
 */
public sealed interface HandleResult<S> permits HandleResult.NoReply, HandleResult.Stop {

    /** {@return go on with {@code state}} */
    static <S> HandleResult<S> noReply(S state) {
        return new NoReply<>(state, Next.WAIT);
    }

    /** {@return go on with {@code state}, then do {@code next}} */
    static <S> HandleResult<S> noReply(S state, Next next) {
        return new NoReply<>(state, next);
    }

    /** {@return end the server with {@code reason}, after {@code terminate(reason, state)}} */
    static <S> HandleResult<S> stop(Term reason, S state) {
        return new Stop<>(reason, state);
    }

    /** {@code {noreply, State}}: also what a call may return, to reply later ({@link From#reply}). */
    record NoReply<S>(S state, Next next) implements HandleResult<S>, CallResult<S> {
        public NoReply {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(next, "next");
        }
    }

    /** {@code {stop, Reason, State}}. */
    record Stop<S>(Term reason, S state) implements HandleResult<S>, CallResult<S> {
        public Stop {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(state, "state");
        }
    }
}
