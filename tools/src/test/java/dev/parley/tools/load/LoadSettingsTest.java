package dev.parley.tools.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class LoadSettingsTest
{
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private static LoadSettings settings(
        final double rate, final long rampUpNs, final long calls, final long durationNs)
    {
        return new LoadSettings(LoadScenario.CALL, false, new InetSocketAddress("127.0.0.1", 5060), false, "service",
            rate,
            rampUpNs, 100, calls, durationNs, 0, new InetSocketAddress("127.0.0.1", 0), 1, 0, 3600);
    }

    @Test
    void flatRateStartsRateTimesSeconds()
    {
        final LoadSettings flat = settings(1000, 0, 0, 10 * SECOND);

        assertEquals(0, flat.dueAt(0));
        assertEquals(500, flat.dueAt(SECOND / 2));
        assertEquals(10_000, flat.dueAt(10 * SECOND));
    }

    @Test
    void rampUpRisesLinearlyThenRunsFlat()
    {
        final LoadSettings ramped = settings(1000, 2 * SECOND, 0, 10 * SECOND);

        assertEquals(250, ramped.dueAt(SECOND));
        assertEquals(1000, ramped.dueAt(2 * SECOND));
        assertEquals(2000, ramped.dueAt(3 * SECOND));
    }

    @Test
    void totalCallsCapTheDueCountAndEndTheStarts()
    {
        final LoadSettings bounded = settings(1000, 0, 1500, 0);

        assertEquals(1500, bounded.dueAt(5 * SECOND));
        assertFalse(bounded.allStarted(1499, 5 * SECOND));
        assertTrue(bounded.allStarted(1500, 5 * SECOND));
    }

    @Test
    void durationEndsTheStarts()
    {
        final LoadSettings timed = settings(10, 0, 0, 3 * SECOND);

        assertFalse(timed.allStarted(29, 3 * SECOND - 1));
        assertTrue(timed.allStarted(29, 3 * SECOND));
    }
}
