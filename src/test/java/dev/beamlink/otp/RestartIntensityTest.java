package dev.beamlink.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The restart intensity as supervisor:add_restart/3 computes it: whole seconds, newest first, {@code >= Now - Period}. */
class RestartIntensityTest {

    @Test
    void restartsWithinThePeriodAddUp() {
        List<Long> first = RestartIntensity.add(List.of(), 100, 5);
        assertEquals(List.of(100L), first);
        assertFalse(RestartIntensity.exceeded(first, 1));
        List<Long> second = RestartIntensity.add(first, 104, 5);
        assertEquals(List.of(104L, 100L), second);
        assertTrue(RestartIntensity.exceeded(second, 1), "2 restarts in 5 s are more than 1");
        assertFalse(RestartIntensity.exceeded(second, 2));
    }

    @Test
    void aRestartExactlyOnePeriodAgoStillCounts() {
        assertEquals(List.of(105L, 100L), RestartIntensity.add(List.of(100L), 105, 5));
        assertEquals(List.of(106L), RestartIntensity.add(List.of(100L), 106, 5));
    }

    @Test
    void olderRestartsAreDroppedFromTheFirstOneOutsideThePeriod() {
        assertEquals(List.of(110L, 108L, 106L), RestartIntensity.add(List.of(108L, 106L, 104L, 102L), 110, 5));
    }

    @Test
    void intensityZeroGivesUpAtTheFirstRestart() {
        assertTrue(RestartIntensity.exceeded(RestartIntensity.add(List.of(), 7, 1), 0));
    }

    @Test
    void theClockIsWholeMonotonicSeconds() {
        long before = System.nanoTime() / 1_000_000_000L;
        long now = RestartIntensity.nowSeconds();
        assertTrue(now >= before - 1 && now <= System.nanoTime() / 1_000_000_000L + 1, () -> now + " vs " + before);
    }
}
