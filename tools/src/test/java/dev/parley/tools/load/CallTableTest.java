package dev.parley.tools.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CallTableTest
{
    @Test
    void aFreedSlotIsTheNextOneTaken()
    {
        final CallTable calls = new CallTable(4);
        final int first = calls.allocate(0);
        final int second = calls.allocate(0);
        calls.release(first);

        assertEquals(first, calls.allocate(0));
        assertTrue(second != first);
        assertEquals(2, calls.active());
    }

    @Test
    void aLingeringSlotIsNoCallAndIsFreedWhenItsTimeIsUp()
    {
        final CallTable calls = new CallTable(2);
        final int slot = calls.allocate(0);
        calls.linger(slot, 100);

        assertEquals(0, calls.active());
        assertFalse(calls.inCall(slot));
        assertEquals(CallTable.LINGERING, calls.state[slot]);
        final int other = calls.allocate(50);
        assertTrue(other != slot, "still lingering at 50");
        calls.release(other);
        assertEquals(slot, calls.allocate(100), "freed at 100, then taken most recent first");
        assertEquals(0, calls.lingeringCount());
    }

    @Test
    void aFullTableFreesItsOldestLingeringSlotForANewCall()
    {
        final CallTable calls = new CallTable(3);
        final int a = calls.allocate(0);
        final int b = calls.allocate(0);
        final int c = calls.allocate(0);
        calls.linger(b, 1_000);
        calls.linger(a, 1_000);

        assertEquals(b, calls.allocate(10), "the oldest lingering slot");
        assertEquals(1, calls.lingeringCount());
        assertEquals(CallTable.LINGERING, calls.state[a]);
        assertEquals(a, calls.allocate(10), "then the next oldest");
        assertEquals(-1, calls.allocate(10), "every slot in a call");
        assertEquals(3, calls.active());
        assertTrue(calls.inCall(c));
    }

    @Test
    void releaseLeavesALingeringSlotAlone()
    {
        final CallTable calls = new CallTable(1);
        final int slot = calls.allocate(0);
        calls.linger(slot, 1_000);
        calls.release(slot);

        assertEquals(1, calls.lingeringCount());
        assertEquals(slot, calls.allocate(5), "evicted once, not freed twice");
        assertEquals(-1, calls.allocate(5));
    }
}
