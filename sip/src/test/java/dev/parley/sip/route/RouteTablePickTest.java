package dev.parley.sip.route;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RouteTablePickTest
{
    private static final long INTERVAL_NS = TimeUnit.SECONDS.toNanos(10);
    private static final long NOW_NS = 1_000_000_000L;

    private final RouteTable table = new RouteTable(8, INTERVAL_NS, 1);

    @Test
    void shouldSplitTwoToOneExactlyOverThreePicks()
    {
        final int route = table.set(RouteSpec.parse("gw", "prefix=49 to=sip:192.0.2.1;weight=2 to=sip:192.0.2.2"));

        final int[] picks = {table.pick(route, 0), table.pick(route, 0), table.pick(route, 0)};

        assertArrayEquals(new int[]{0, 1, 0}, picks);
    }

    @Test
    void shouldSplitByWeightOverThreeHundredPicks()
    {
        final int route = table.set(RouteSpec.parse("gw",
            "prefix=49 to=sip:192.0.2.1;weight=2 to=sip:192.0.2.2 to=sip:192.0.2.3;weight=0"));
        final int[] counts = new int[3];

        for (int i = 0; i < 300; i++)
        {
            counts[table.pick(route, 0)]++;
        }

        assertArrayEquals(new int[]{200, 100, 0}, counts);
    }

    @Test
    void shouldSpreadSmoothly()
    {
        final int route = table.set(RouteSpec.parse("gw", "prefix=49 to=sip:192.0.2.1;weight=5 " +
            "to=sip:192.0.2.2 to=sip:192.0.2.3"));
        final int[] picks = new int[7];

        for (int i = 0; i < picks.length; i++)
        {
            picks[i] = table.pick(route, 0);
        }

        assertArrayEquals(new int[]{0, 0, 1, 0, 2, 0, 0}, picks);
    }

    @Test
    void shouldFailOverToUntriedDestinationsThenStandbysInOrder()
    {
        final int route = table.set(RouteSpec.parse("gw", "prefix=49 to=sip:192.0.2.1;weight=0 " +
            "to=sip:192.0.2.2;weight=3 to=sip:192.0.2.3;weight=0 to=sip:192.0.2.4;weight=1"));

        final int first = table.pick(route, 0);
        final int second = table.pick(route, 1 << first);
        final int third = table.pick(route, (1 << first) | (1 << second));
        final int fourth = table.pick(route, (1 << first) | (1 << second) | (1 << third));
        final int none = table.pick(route, 0b1111);

        assertArrayEquals(new int[]{1, 3, 0, 2, -1}, new int[]{first, second, third, fourth, none});
    }

    @Test
    void shouldSkipDownDestinations()
    {
        final int route = table.set(RouteSpec.parse("gw", "prefix=49 to=sip:192.0.2.1;weight=2 " +
            "to=sip:192.0.2.2 to=sip:192.0.2.3;weight=0"));

        table.onFailure(route, 0, table.generation(route), NOW_NS);

        assertArrayEquals(new int[]{1, 1, 1}, new int[]{table.pick(route, 0), table.pick(route, 0),
            table.pick(route, 0)});
        assertEquals(2, table.pick(route, 0b010));
    }

    @Test
    void shouldUseStandbysWhenEveryWeightedDestinationIsDown()
    {
        final int route = table.set(RouteSpec.parse("gw", "prefix=49 to=sip:192.0.2.1 " +
            "to=sip:192.0.2.2;weight=0 to=sip:192.0.2.3;weight=0"));
        table.onFailure(route, 0, table.generation(route), NOW_NS);

        final int first = table.pick(route, 0);
        final int second = table.pick(route, 1 << first);
        final int none = table.pick(route, (1 << first) | (1 << second));

        assertArrayEquals(new int[]{1, 2, -1}, new int[]{first, second, none});
    }

    @Test
    void shouldNotTryDownDestinationsWhileAnotherIsUp()
    {
        final int route = table.set(RouteSpec.parse("gw", "prefix=49 to=sip:192.0.2.1 to=sip:192.0.2.2"));
        table.onFailure(route, 1, table.generation(route), NOW_NS);

        assertEquals(0, table.pick(route, 0));
        assertEquals(-1, table.pick(route, 0b01));
    }

    @Test
    void shouldTryDownDestinationsInOrderWhenAllAreDown()
    {
        final int route = table.set(RouteSpec.parse("gw", "prefix=49 to=sip:192.0.2.1;weight=0 " +
            "to=sip:192.0.2.2;weight=5 to=sip:192.0.2.3"));
        final int generation = table.generation(route);
        for (int t = 0; t < 3; t++)
        {
            table.onFailure(route, t, generation, NOW_NS);
        }

        final int first = table.pick(route, 0);
        final int second = table.pick(route, 1 << first);
        final int third = table.pick(route, (1 << first) | (1 << second));
        final int none = table.pick(route, 0b111);

        assertArrayEquals(new int[]{0, 1, 2, -1}, new int[]{first, second, third, none});
    }

    @Test
    void shouldPickNothingForAnUnusedRoute()
    {
        assertEquals(-1, table.pick(3, 0));
        assertEquals(-1, table.pick(-1, 0));
        assertEquals(-1, table.pick(8, 0));
    }
}
