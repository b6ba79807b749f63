package dev.parley.sip.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SipTimersTest
{
    private static final long MS = 1_000_000L;
    private static final long START_NS = 987_654_321_000L;

    private final SipTimers timers = new SipTimers(START_NS, 16);
    private final List<String> fired = new ArrayList<>();
    private final SipTimers.Handler handler =
        (kind, index, code, nowNs) -> fired.add(kind + "/" + index + "/" + code + "@" + (nowNs - START_NS) / MS);

    @Test
    void shouldFireAtTheDeadlineAndNotBefore()
    {
        timers.schedule(START_NS + 500 * MS, SipTimers.OWNER_TRANSACTION, 123_456, 7);

        final int early = timers.poll(START_NS + 500 * MS - 1, handler, 10);
        final int due = timers.poll(START_NS + 500 * MS, handler, 10);

        assertEquals(0, early);
        assertEquals(1, due);
        assertEquals(List.of("1/123456/7@500"), fired);
        assertEquals(0, timers.timerCount());
    }

    @Test
    void shouldNotFireACancelledTimer()
    {
        final long id = timers.schedule(START_NS + 10 * MS, SipTimers.OWNER_DIALOG, 1, 2);

        final boolean cancelled = timers.cancel(id);
        final boolean again = timers.cancel(id);
        final boolean none = timers.cancel(SipTimers.NULL_TIMER);
        timers.poll(START_NS + 20 * MS, handler, 10);

        assertTrue(cancelled);
        assertFalse(again);
        assertFalse(none);
        assertTrue(fired.isEmpty());
    }

    @Test
    void shouldCatchUpOverManyTicksInDeadlineOrderWithinTheLimit()
    {
        timers.schedule(START_NS + 900 * MS, SipTimers.OWNER_TRANSACTION, 3, 1);
        timers.schedule(START_NS + 5 * MS, SipTimers.OWNER_TRANSACTION, 1, 1);
        timers.schedule(START_NS + 300 * MS, SipTimers.OWNER_TRANSACTION, 2, 1);

        final int limited = timers.poll(START_NS + 1000 * MS, handler, 2);
        final int rest = timers.poll(START_NS + 1000 * MS, handler, 2);

        assertEquals(2, limited);
        assertEquals(1, rest);
        assertEquals(List.of("1/1/1@1000", "1/2/1@1000", "1/3/1@1000"), fired);
    }

    @Test
    void shouldFireEverythingDueAfterAGapLongerThanOneRevolution()
    {
        timers.schedule(START_NS + 40_000 * MS, SipTimers.OWNER_TRANSACTION, 3, 1);
        timers.schedule(START_NS + 5 * MS, SipTimers.OWNER_TRANSACTION, 1, 1);
        timers.schedule(START_NS + 1500 * MS, SipTimers.OWNER_TRANSACTION, 2, 1);
        timers.schedule(START_NS + 70_000 * MS, SipTimers.OWNER_TRANSACTION, 4, 1);

        final int expired = timers.poll(START_NS + 60_000 * MS, handler, 100);

        assertEquals(3, expired);
        assertEquals(List.of("1/1/1@60000", "1/2/1@60000", "1/3/1@60000"), fired.stream().sorted().toList());
        assertEquals(1, timers.timerCount());
    }

    @Test
    void shouldLetAHandlerScheduleTheNextTimer()
    {
        final SipTimers.Handler rescheduling = (kind, index, code, nowNs) ->
        {
            handler.onTimer(kind, index, code, nowNs);
            if (index < 3)
            {
                timers.schedule(nowNs + 100 * MS, kind, index + 1, code);
            }
        };
        timers.schedule(START_NS + 100 * MS, SipTimers.OWNER_TRANSACTION, 1, 9);

        for (long t = 0; t <= 1000; t++)
        {
            timers.poll(START_NS + t * MS, rescheduling, 10);
        }

        assertEquals(List.of("1/1/9@100", "1/2/9@200", "1/3/9@300"), fired);
    }

    @Test
    void shouldReportTheDeadlineOfALiveTimerOnly()
    {
        final long id = timers.schedule(START_NS + 3 * MS, SipTimers.OWNER_TRANSACTION, 0, 0);

        final long live = timers.deadlineNs(id);
        timers.cancel(id);

        assertEquals(START_NS + 3 * MS, live);
        assertEquals(Long.MAX_VALUE, timers.deadlineNs(id));
    }

    @Test
    void shouldNotGrowOrAllocateWhileThePoolHoldsEveryLiveTimer()
    {
        final SipTimers sized = new SipTimers(START_NS, 4096);
        final SipTimers.Handler reschedule = (kind, index, code, nowNs) ->
            sized.schedule(nowNs + 32_000 * MS, kind, index, code);
        for (int i = 0; i < 4096; i++)
        {
            sized.schedule(START_NS + (i % 64_000) * MS, SipTimers.OWNER_TRANSACTION, i, 1);
        }
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        long now = START_NS;
        sized.poll(now, reschedule, Integer.MAX_VALUE);
        final long before = threads.getCurrentThreadAllocatedBytes();
        int expired = 0;
        for (int step = 0; step < 200_000; step++)
        {
            now += MS;
            expired += sized.poll(now, reschedule, Integer.MAX_VALUE);
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertTrue(expired > 4096, "expired " + expired);
        assertEquals(4096, sized.timerCount());
        assertEquals(0, sized.growths());
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes");
    }

    @Test
    void shouldGrowThePoolRatherThanLoseATimer()
    {
        final SipTimers small = new SipTimers(START_NS, 16);
        for (int i = 0; i < 100; i++)
        {
            small.schedule(START_NS + (i + 1) * MS, SipTimers.OWNER_TRANSACTION, i, 1);
        }

        final int expired = small.poll(START_NS + 200 * MS, handler, 1000);

        assertEquals(100, expired);
        assertEquals(100, fired.size());
        assertEquals(3, small.growths());
        assertEquals("1/99/1@200", fired.get(99));
    }

    @Test
    void shouldNotFireATimerAHandlerCancelsInTheSameSpoke()
    {
        final long[] ids = new long[2];
        final SipTimers.Handler cancelling = (kind, index, code, nowNs) ->
        {
            fired.add(kind + "/" + index + "/" + code);
            assertTrue(timers.cancel(ids[1 - index]));
        };
        ids[0] = timers.schedule(START_NS + 5 * MS, SipTimers.OWNER_DIALOG, 0, 1);
        ids[1] = timers.schedule(START_NS + 5 * MS, SipTimers.OWNER_DIALOG, 1, 1);

        final int expired = timers.poll(START_NS + 10 * MS, cancelling, 10);

        assertEquals(1, expired);
        assertEquals(1, fired.size());
        assertEquals(0, timers.timerCount());
    }

    @Test
    void shouldKeepATimerBeyondOneRevolutionUntilItsDeadline()
    {
        final long revolutionNs = SipTimers.TICKS_PER_WHEEL * SipTimers.TICK_RESOLUTION_NS;
        timers.schedule(START_NS + 3 * revolutionNs + 7 * MS, SipTimers.OWNER_DIALOG, 9, 4);

        int expired = 0;
        for (long now = START_NS; now < START_NS + 3 * revolutionNs; now += 50 * MS)
        {
            expired += timers.poll(now, handler, 10);
        }
        final int due = timers.poll(START_NS + 3 * revolutionNs + 7 * MS, handler, 10);

        assertEquals(0, expired);
        assertEquals(1, due);
    }

    @Test
    void shouldRefuseAnIdWhoseNodeWasReused()
    {
        final long first = timers.schedule(START_NS + 5 * MS, SipTimers.OWNER_DIALOG, 1, 1);
        timers.cancel(first);
        final long reused = timers.schedule(START_NS + 5 * MS, SipTimers.OWNER_DIALOG, 2, 1);

        assertFalse(timers.cancel(first));
        assertEquals(SipTimers.NULL_DEADLINE, timers.deadlineNs(first));
        assertEquals(START_NS + 5 * MS, timers.deadlineNs(reused));
    }

    /**
     * 200,000 random steps of scheduling (deadlines across the wheel and beyond one revolution), cancelling live and
     * stale ids, and polling forward, checked against a map of what is live: each poll fires exactly the timers due,
     * a cancel succeeds exactly for a live id, and a live timer reports its deadline. From a pool of 8, so it grows.
     */
    @Test
    void shouldAgreeWithAMapOfLiveTimersOverRandomSteps()
    {
        final SipTimers small = new SipTimers(START_NS, 8);
        final java.util.SplittableRandom random = new java.util.SplittableRandom(0x71e5);
        final java.util.Map<Long, String> live = new java.util.HashMap<>();
        final java.util.Map<Long, Long> deadlines = new java.util.HashMap<>();
        final List<Long> ids = new ArrayList<>();
        final java.util.Set<String> firedNow = new java.util.HashSet<>();
        long nowNs = START_NS;
        int owner = 0;
        for (int step = 0; step < 200_000; step++)
        {
            final int action = random.nextInt(10);
            if (action < 5)
            {
                final long span = random.nextInt(4) == 0 ? 100_000 * MS : 300 * MS;
                final long deadline = nowNs + random.nextLong(span);
                owner = (owner + 1) & 0x7FFF_FFFF;
                final long id = small.schedule(deadline, 1 + random.nextInt(2), owner, random.nextInt(256));
                live.put(id, owner + "");
                deadlines.put(id, deadline);
                ids.add(id);
            }
            else if (action < 8 && !ids.isEmpty())
            {
                final long id = ids.get(random.nextInt(ids.size()));
                assertEquals(live.containsKey(id), small.cancel(id), "step " + step);
                assertEquals(SipTimers.NULL_DEADLINE, small.deadlineNs(id));
                live.remove(id);
            }
            else
            {
                nowNs += random.nextLong(random.nextInt(50) == 0 ? 80_000 * MS : 40 * MS);
                firedNow.clear();
                small.poll(nowNs, (kind, index, code, timeNs) -> firedNow.add(index + ""), Integer.MAX_VALUE);
                final java.util.Set<String> due = new java.util.HashSet<>();
                final long pollNs = nowNs;
                live.entrySet().removeIf(e ->
                {
                    final boolean isDue = deadlines.get(e.getKey()) <= pollNs;
                    if (isDue)
                    {
                        due.add(e.getValue());
                    }
                    return isDue;
                });
                assertEquals(due, firedNow, "step " + step);
            }
            if (ids.size() > 4096)
            {
                ids.subList(0, 2048).clear();
            }
            if (!ids.isEmpty())
            {
                final long id = ids.get(random.nextInt(ids.size()));
                assertEquals(live.containsKey(id) ? deadlines.get(id) : SipTimers.NULL_DEADLINE, small.deadlineNs(id));
            }
        }
        assertEquals(live.size(), small.timerCount());
        assertTrue(small.growths() > 0);
    }
}
