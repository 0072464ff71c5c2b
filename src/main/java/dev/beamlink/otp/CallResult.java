package dev.beamlink.otp;

import dev.beamlink.etf.Term;
import java.util.Objects;

/**
 * What {@link GenServer#handleCall} returns, as {@code Module:handle_call/3} does: {@code {reply, Reply, State}},
 * {@code {noreply, State}} (the reply comes later, through {@link From#reply}), {@code {stop, Reason, Reply, State}}
 * or {@code {stop, Reason, State}}.
 *
 * @param <S> the server's state
 */
public sealed interface CallResult<S> permits CallResult.Reply, CallResult.StopReply, HandleResult.NoReply, HandleResult.Stop {

    /** {@return answer {@code reply} and go on with {@code state}} */
    static <S> CallResult<S> reply(Object reply, S state) {
        return new Reply<>(reply, state, Next.WAIT);
    }

    /** {@return answer {@code reply}, go on with {@code state}, then do {@code next}} */
    static <S> CallResult<S> reply(Object reply, S state, Next next) {
        return new Reply<>(reply, state, next);
    }

    /** {@return answer later (through {@link From#reply}) and go on with {@code state}} */
    static <S> CallResult<S> noReply(S state) {
        return new HandleResult.NoReply<>(state, Next.WAIT);
    }

    /** {@return answer later and go on with {@code state}, then do {@code next}} */
    static <S> CallResult<S> noReply(S state, Next next) {
        return new HandleResult.NoReply<>(state, next);
    }

    /** {@return end with {@code reason} without answering (the caller sees the server go down)} */
    static <S> CallResult<S> stop(Term reason, S state) {
        return new HandleResult.Stop<>(reason, state);
    }

    /** {@return end with {@code reason}, answering {@code reply} after {@code terminate}} */
    static <S> CallResult<S> stop(Term reason, Object reply, S state) {
        return new StopReply<>(reason, reply, state);
    }

    /** {@code {reply, Reply, State}}. */
    record Reply<S>(Object reply, S state, Next next) implements CallResult<S> {
        public Reply {
            Objects.requireNonNull(reply, "reply");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(next, "next");
        }
    }

    /** {@code {stop, Reason, Reply, State}}. */
    record StopReply<S>(Term reason, Object reply, S state) implements CallResult<S> {
        public StopReply {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(reply, "reply");
            Objects.requireNonNull(state, "state");
        }
    }
}
