package dev.parley.sip.route;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteTableProbeScheduleTest
{
    private static final long INTERVAL_NS = TimeUnit.SECONDS.toNanos(10);
    private static final long STEP_NS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long START_NS = 987_654_321_000L;

    private final RouteTable table = new RouteTable(64, INTERVAL_NS, 2);

    @Test
    void shouldProbeEachDestinationOncePerInterval()
    {
        setRoutes(20);
        final int[] counts = new int[64 * RouteTable.TARGETS_PER_ROUTE];

        final int probes = run(START_NS, START_NS + 3 * INTERVAL_NS, counts);

        assertEquals(20 * 3 * 3, probes);
        for (int r = 0; r < 20; r++)
        {
            for (int t = 0; t < 3; t++)
            {
                assertEquals(3, counts[r * RouteTable.TARGETS_PER_ROUTE + t], "route " + r + " target " + t);
            }
        }
    }

    @Test
    void shouldSpreadProbesOverTheInterval()
    {
        setRoutes(20);
        final int[] perTenth = new int[10];

        for (long now = START_NS; now - (START_NS + INTERVAL_NS) < 0; now += STEP_NS)
        {
            while (table.nextProbe(now) >= 0)
            {
                perTenth[(int)((now - START_NS) * 10 / INTERVAL_NS)]++;
            }
        }

        for (final int count : perTenth)
        {
            assertTrue(count >= 5 && count <= 7, java.util.Arrays.toString(perTenth));
        }
    }

    @Test
    void shouldStopProbingARemovedRouteAndProbeANewOneWithinAnInterval()
    {
        setRoutes(2);
        table.nextProbe(START_NS);
        table.remove("r0");
        final int added = table.set(RouteSpec.parse("late", "domain=example.com to=sip:192.0.2.9"));
        final int[] counts = new int[64 * RouteTable.TARGETS_PER_ROUTE];

        run(START_NS, START_NS + INTERVAL_NS, counts);

        assertEquals(0, added);
        assertEquals(1, counts[0]);
        assertEquals(0, counts[1]);
        assertEquals(0, counts[2]);
        assertEquals(1, counts[RouteTable.TARGETS_PER_ROUTE + 2]);
    }

    @Test
    void shouldNotBurstAfterAStall()
    {
        setRoutes(1);
        run(START_NS, START_NS + INTERVAL_NS, new int[64 * RouteTable.TARGETS_PER_ROUTE]);
        final long stalledNs = START_NS + 10 * INTERVAL_NS;

        int burst = 0;
        while (table.nextProbe(stalledNs) >= 0)
        {
            burst++;
        }

        assertTrue(burst <= 3, "burst " + burst);
    }

    @Test
    void shouldEncodeRouteAndTarget()
    {
        final int probe = 37 * RouteTable.TARGETS_PER_ROUTE + 11;

        assertEquals(37, RouteTable.probeRoute(probe));
        assertEquals(11, RouteTable.probeTarget(probe));
    }

    private void setRoutes(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            table.set(RouteSpec.parse("r" + i, "prefix=" + (100 + i) + " to=sip:192.0.2.1 to=sip:192.0.2.2;weight=3 " +
                "to=sip:192.0.2.3;weight=0"));
        }
    }

    private int run(final long fromNs, final long toNs, final int[] counts)
    {
        int probes = 0;
        for (long now = fromNs; now - toNs < 0; now += STEP_NS)
        {
            for (int probe = table.nextProbe(now); probe >= 0; probe = table.nextProbe(now))
            {
                counts[probe]++;
                probes++;
            }
        }
        return probes;
    }
}
