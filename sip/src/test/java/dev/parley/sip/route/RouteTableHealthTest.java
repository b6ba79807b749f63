package dev.parley.sip.route;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteTableHealthTest
{
    private static final long INTERVAL_NS = TimeUnit.SECONDS.toNanos(10);
    private static final long START_NS = 123_456_789_000L;

    private final RouteTable table = new RouteTable(8, INTERVAL_NS, 2);
    private final int route = table.set(RouteSpec.parse("gw", "prefix=49 to=sip:192.0.2.1 to=sip:192.0.2.2"));

    @Test
    void shouldGoDownAfterConsecutiveFailuresOnly()
    {
        final int generation = table.generation(route);

        assertFalse(table.onProbeResult(route, 0, generation, false, START_NS));
        assertTrue(table.isUp(route, 0));
        assertFalse(table.onProbeResult(route, 0, generation, true, START_NS));
        assertFalse(table.onProbeResult(route, 0, generation, false, START_NS));
        assertTrue(table.isUp(route, 0));
        assertTrue(table.onFailure(route, 0, generation, START_NS));

        assertFalse(table.isUp(route, 0));
        assertEquals(2, table.failures(route, 0));
        assertTrue(table.isUp(route, 1));
    }

    @Test
    void shouldComeUpAfterOneAnswer()
    {
        final int generation = table.generation(route);
        table.onProbeResult(route, 1, generation, false, START_NS);
        table.onProbeResult(route, 1, generation, false, START_NS);
        assertFalse(table.onProbeResult(route, 1, generation, false, START_NS));
        assertFalse(table.isUp(route, 1));

        assertTrue(table.onProbeResult(route, 1, generation, true, START_NS));

        assertTrue(table.isUp(route, 1));
        assertEquals(0, table.failures(route, 1));
    }

    @Test
    void shouldIgnoreAStaleGeneration()
    {
        final int stale = table.generation(route);
        table.set(RouteSpec.parse("gw", "prefix=49 to=sip:192.0.2.1 to=sip:192.0.2.3"));

        table.onProbeResult(route, 0, stale, false, START_NS);
        table.onFailure(route, 0, stale, START_NS);

        assertTrue(table.isUp(route, 0));
        assertEquals(0, table.failures(route, 0));
        assertFalse(table.onFailure(route, 5, table.generation(route), START_NS));
        assertFalse(table.onFailure(7, 0, 0, START_NS));
    }

    @Test
    void shouldStartReplacedDestinationsUp()
    {
        final int generation = table.generation(route);
        table.onFailure(route, 0, generation, START_NS);
        table.onFailure(route, 0, generation, START_NS);

        table.set(RouteSpec.parse("gw", "prefix=49 to=sip:192.0.2.1 to=sip:192.0.2.2;weight=2"));

        assertTrue(table.isUp(route, 0));
        assertEquals(0, table.failures(route, 0));
    }

    @Test
    void shouldKeepHealthWhenTheSameRouteIsSetAgain()
    {
        final int generation = table.generation(route);
        table.onFailure(route, 0, generation, START_NS);
        table.onFailure(route, 0, generation, START_NS);

        table.set(RouteSpec.parse("gw", "prefix=49 to=sip:192.0.2.1;weight=1 to=sip:192.0.2.2"));

        assertEquals(generation, table.generation(route));
        assertFalse(table.isUp(route, 0));
    }

    @Test
    void shouldNotTrackHealthWhenProbingIsOff()
    {
        final RouteTable off = new RouteTable(8, 0, 1);
        final int gw = off.set(RouteSpec.parse("gw", "prefix=49 to=sip:192.0.2.1"));

        assertFalse(off.onFailure(gw, 0, off.generation(gw), START_NS));

        assertTrue(off.isUp(gw, 0));
        assertEquals(-1, off.nextProbe(START_NS));
        assertEquals(-1, off.nextProbe(START_NS + INTERVAL_NS * 100));
    }
}
