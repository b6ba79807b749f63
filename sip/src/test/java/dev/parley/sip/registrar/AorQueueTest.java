package dev.parley.sip.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The per-address queue against a model (a map of deques), with hashes that collide in the table so that removal
 * has to shift entries back.
 */
class AorQueueTest
{
    @Test
    void waitersGoInArrivalOrderAndTheAddressIsFreeAfterTheLast()
    {
        final AorQueue queue = new AorQueue(8);
        assertFalse(queue.busy(42));
        queue.hold(42, 3);
        assertTrue(queue.busy(42));
        queue.await(42, 5);
        queue.await(42, 1);
        assertEquals(2, queue.waiting());

        assertEquals(5, queue.leave(3));
        assertTrue(queue.isHead(5));
        assertEquals(1, queue.leave(5));
        assertEquals(AorQueue.NONE, queue.leave(1));
        assertFalse(queue.busy(42));
        assertEquals(0, queue.waiting());
        assertEquals(AorQueue.NONE, queue.leave(1));
    }

    @Test
    void aWaiterTakenOutOfTheMiddleIsSkipped()
    {
        final AorQueue queue = new AorQueue(8);
        queue.hold(7, 0);
        queue.await(7, 1);
        queue.await(7, 2);
        queue.await(7, 3);

        queue.remove(2);
        queue.remove(3);
        queue.await(7, 4);

        assertFalse(queue.contains(2));
        assertEquals(1, queue.leave(0));
        assertEquals(4, queue.leave(1));
        assertEquals(AorQueue.NONE, queue.leave(4));
        assertFalse(queue.busy(7));
    }

    @Test
    void matchesAModelOverRandomOperationsWithFewDistinctHashes()
    {
        final int transactions = 64;
        final AorQueue queue = new AorQueue(transactions);
        final Map<Long, ArrayDeque<Integer>> model = new HashMap<>();
        final ArrayDeque<Integer> free = new ArrayDeque<>();
        for (int t = 0; t < transactions; t++)
        {
            free.add(t);
        }
        final Random random = new Random(7);
        for (int step = 0; step < 200_000; step++)
        {
            // Multiples of the table size share a home slot: probing and backward shifts are exercised.
            final long hash = (random.nextInt(12) + 1) * 256L;
            if (!free.isEmpty() && random.nextInt(3) != 0)
            {
                final int transaction = free.poll();
                final ArrayDeque<Integer> expected = model.computeIfAbsent(hash, h -> new ArrayDeque<>());
                assertEquals(!expected.isEmpty(), queue.busy(hash));
                if (expected.isEmpty())
                {
                    queue.hold(hash, transaction);
                }
                else
                {
                    queue.await(hash, transaction);
                }
                expected.add(transaction);
            }
            else
            {
                final ArrayDeque<Integer> expected = model.get(hash);
                if (null == expected || expected.isEmpty())
                {
                    assertFalse(queue.busy(hash));
                    continue;
                }
                final int head = expected.poll();
                assertTrue(queue.isHead(head));
                final Integer after = expected.peek();
                assertEquals(null == after ? AorQueue.NONE : after, queue.leave(head));
                free.add(head);
            }
            int waiting = 0;
            for (final ArrayDeque<Integer> each : model.values())
            {
                waiting += Math.max(0, each.size() - 1);
            }
            assertEquals(waiting, queue.waiting());
        }
    }
}
