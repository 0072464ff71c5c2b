package dev.beamlink.epmd;

import java.time.Duration;

/** Checks of arguments, with messages in one style: {@code "port: 70000 (expected: 0..65535)"}. */
final class Arguments {

    private Arguments() {
    }

    /** {@return {@code value}} @throws IllegalArgumentException if it is outside {@code min..max} */
    static int inRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: " + min + ".." + max + ")");
        }
        return value;
    }

    /** {@return {@code duration}} @throws IllegalArgumentException if it is zero or negative */
    static Duration positive(String name, Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + ": " + duration + " (expected: > 0)");
        }
        return duration;
    }
}
