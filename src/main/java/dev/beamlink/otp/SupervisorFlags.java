package dev.beamlink.otp;

import dev.beamlink.etf.Atom;
import java.util.Locale;
import java.util.Objects;

/**
 * How a {@link Supervisor} restarts its children, as OTP's supervisor flags say: its strategy, and its restart
 * intensity: more than {@code intensity} restarts within {@code periodSeconds} seconds end the supervisor, after it has
 * terminated its children. Immutable.
 *
 * @param strategy      which children a restart concerns
 * @param intensity     how many restarts the period allows (0: the first exit ends the supervisor)
 * @param periodSeconds the period, in whole seconds as OTP counts it
 */
public record SupervisorFlags(Strategy strategy, int intensity, int periodSeconds) {

    /** OTP's defaults: {@code one_for_one}, at most 1 restart in 5 seconds. */
    public static final SupervisorFlags DEFAULTS = new SupervisorFlags(Strategy.ONE_FOR_ONE, 1, 5);

    public SupervisorFlags {
        Objects.requireNonNull(strategy, "strategy");
        if (intensity < 0) {
            throw new IllegalArgumentException("intensity: " + intensity + " (expected: >= 0)");
        }
        if (periodSeconds <= 0) {
            throw new IllegalArgumentException("period: " + periodSeconds + " seconds (expected: > 0)");
        }
    }

    /** {@return these flags with {@code other} as the strategy} */
    public SupervisorFlags withStrategy(Strategy other) {
        return new SupervisorFlags(other, intensity, periodSeconds);
    }

    /** {@return these flags allowing {@code restarts} restarts within {@code seconds} seconds} */
    public SupervisorFlags withIntensity(int restarts, int seconds) {
        return new SupervisorFlags(strategy, restarts, seconds);
    }

    /** Which children are restarted when one ends and is to be restarted. */
    public enum Strategy {
        /** That child alone. */
        ONE_FOR_ONE,
        /** All: the others are terminated (in reverse start order), then all are started again. */
        ONE_FOR_ALL,
        /** That child and those started after it. */
        REST_FOR_ONE;

        /** {@return the atom OTP writes} */
        public Atom atom() {
            return Atom.of(name().toLowerCase(Locale.ROOT));
        }
    }
}
