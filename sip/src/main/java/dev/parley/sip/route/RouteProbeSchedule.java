package dev.parley.sip.route;

import java.util.Arrays;

/**
 * When each destination of {@link RouteTable} is next probed: a binary min-heap of destination slots by deadline,
 * so finding the next due probe costs O(1) and taking it O(log n), however many routes there are. A destination
 * joining the schedule gets a phase inside the interval from the van der Corput sequence (bit-reversed counter),
 * which spreads any number of destinations evenly, and keeps that phase: after a probe its deadline moves on by whole
 * intervals. Deadlines compare overflow-safe ({@code a - b < 0}). Sip thread only; no allocation after construction.
 */
final class RouteProbeSchedule
{
    private static final double TWO_TO_32 = 4294967296.0;

    private final long intervalNs;
    private final int[] heap;
    private final int[] position;
    private final long[] deadlineNs;
    private int size;
    private int sequence;
    private long nowNs;
    private boolean started;

    /**
     * @param slots      how many destination slots there are.
     * @param intervalNs the time between two probes of a destination; 0 for none.
     */
    RouteProbeSchedule(final int slots, final long intervalNs)
    {
        this.intervalNs = intervalNs;
        this.heap = new int[slots];
        this.position = new int[slots];
        this.deadlineNs = new long[slots];
        Arrays.fill(position, -1);
    }

    /**
     * Schedules a destination's first probe within one interval from the latest time seen.
     *
     * @param slot a destination not scheduled.
     */
    void add(final int slot)
    {
        if (0 == intervalNs)
        {
            return;
        }
        final long fraction = Integer.toUnsignedLong(Integer.reverse(sequence++));
        deadlineNs[slot] = nowNs + (long)(intervalNs * (fraction / TWO_TO_32));
        heap[size] = slot;
        position[slot] = size;
        siftUp(size++);
    }

    /**
     * @param slot a destination, scheduled or not.
     */
    void remove(final int slot)
    {
        final int at = position[slot];
        if (at < 0)
        {
            return;
        }
        position[slot] = -1;
        final int last = heap[--size];
        if (at != size)
        {
            heap[at] = last;
            position[last] = at;
            siftDown(at);
            siftUp(position[last]);
        }
    }

    /**
     * @param nowNs the time now.
     * @return the slot of the destination most overdue, its deadline moved to its next phase; or -1 when none is due.
     */
    int next(final long nowNs)
    {
        advance(nowNs);
        if (0 == size || deadlineNs[heap[0]] - nowNs > 0)
        {
            return -1;
        }
        final int slot = heap[0];
        final long late = nowNs - deadlineNs[slot];
        // Skip intervals missed while the thread stalled rather than firing them all at once.
        deadlineNs[slot] += (late / intervalNs + 1) * intervalNs;
        siftDown(0);
        return slot;
    }

    /**
     * Moves the clock new destinations are scheduled from. The first time seen rebases what was scheduled before
     * any clock reading (routes loaded at start-up), so their phases count from it.
     *
     * @param nowNs the time now.
     */
    void advance(final long nowNs)
    {
        if (!started)
        {
            started = true;
            for (int i = 0; i < size; i++)
            {
                deadlineNs[heap[i]] += nowNs;
            }
        }
        this.nowNs = nowNs;
    }

    /**
     * @param slot a destination.
     * @return its next probe time, or {@link Long#MIN_VALUE} when it is not scheduled.
     */
    long deadlineNs(final int slot)
    {
        return position[slot] < 0 ? Long.MIN_VALUE : deadlineNs[slot];
    }

    private void siftUp(final int from)
    {
        int at = from;
        final int slot = heap[at];
        while (at > 0)
        {
            final int parent = (at - 1) >>> 1;
            if (deadlineNs[heap[parent]] - deadlineNs[slot] <= 0)
            {
                break;
            }
            place(heap[parent], at);
            at = parent;
        }
        place(slot, at);
    }

    private void siftDown(final int from)
    {
        int at = from;
        final int slot = heap[at];
        while (true)
        {
            int child = 2 * at + 1;
            if (child >= size)
            {
                break;
            }
            if (child + 1 < size && deadlineNs[heap[child + 1]] - deadlineNs[heap[child]] < 0)
            {
                child++;
            }
            if (deadlineNs[slot] - deadlineNs[heap[child]] <= 0)
            {
                break;
            }
            place(heap[child], at);
            at = child;
        }
        place(slot, at);
    }

    private void place(final int slot, final int at)
    {
        heap[at] = slot;
        position[slot] = at;
    }
}
