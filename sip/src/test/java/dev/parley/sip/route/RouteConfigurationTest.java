package dev.parley.sip.route;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RouteConfigurationTest
{
    @Test
    void shouldDefaultToATenSecondProbeEveryTwoFailures()
    {
        assertEquals(1024L, RouteConfiguration.ROUTES_MAX.parse(RouteConfiguration.ROUTES_MAX.defaultValue()));
        assertEquals(TimeUnit.SECONDS.toNanos(10),
            RouteConfiguration.PROBE_INTERVAL.parse(RouteConfiguration.PROBE_INTERVAL.defaultValue()));
        assertEquals(2L, RouteConfiguration.PROBE_FAILURES.parse(RouteConfiguration.PROBE_FAILURES.defaultValue()));
        assertEquals(3, RouteConfiguration.keys().size());
    }

    @Test
    void shouldAcceptZeroToTurnProbingOff()
    {
        assertEquals(0L, RouteConfiguration.PROBE_INTERVAL.parse("0s"));
        assertThrows(IllegalArgumentException.class, () -> RouteConfiguration.PROBE_FAILURES.parse("0"));
        assertThrows(IllegalArgumentException.class, () -> RouteConfiguration.ROUTES_MAX.parse("0"));
    }
}
