package dev.beamlink.otp;

import java.util.ArrayList;
import java.util.List;

/**
 * A supervisor's restart intensity, computed as OTP 25's {@code supervisor:add_restart/1,3} does: the times of the
 * restarts are whole seconds of a monotonic clock, newest first; a new restart at {@code Now} keeps those at or after
 * {@code Now - Period}, and the supervisor gives up when more than {@code Intensity} remain.
 */
final class RestartIntensity {

    private RestartIntensity() {
    }

    /** {@return the monotonic time in whole seconds: {@code erlang:monotonic_time(1)}} */
    static long nowSeconds() {
        return Math.floorDiv(System.nanoTime(), 1_000_000_000L);
    }

    /** {@return {@code restarts} (newest first) with a restart at {@code now} added and those older than the period dropped} */
    static List<Long> add(List<Long> restarts, long now, int periodSeconds) {
        long threshold = now - periodSeconds;
        List<Long> kept = new ArrayList<>(restarts.size() + 1);
        kept.add(now);
        for (long restart : restarts) {
            if (restart < threshold) {
                break; // lists:takewhile: the rest is older still
            }
            kept.add(restart);
        }
        return List.copyOf(kept);
    }

    /** {@return whether {@code restarts} are more than the intensity allows} */
    static boolean exceeded(List<Long> restarts, int intensity) {
        return restarts.size() > intensity;
    }
}
