package dev.parley.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TcpConnectionPoolTest
{
    private final TcpConnectionPool pool = new TcpConnectionPool(2);

    @Test
    void shouldNotFindAReusedEntryByTheOldId()
    {
        final TcpConnection first = pool.acquire();
        final long oldId = first.id();
        pool.release(first);

        final TcpConnection second = pool.acquire();

        assertSame(first, second);
        assertNotEquals(oldId, second.id());
        assertNull(pool.get(oldId));
        assertSame(second, pool.get(second.id()));
    }

    @Test
    void shouldBeBoundedAndKeepOpenEntriesDense()
    {
        final TcpConnection a = pool.acquire();
        final TcpConnection b = pool.acquire();

        assertTrue(pool.isFull());
        assertNull(pool.acquire());
        pool.release(a);
        assertEquals(1, pool.openCount());
        assertSame(b, pool.open(0));
    }

    @Test
    void shouldGiveNonNegativeIdsAndRejectForeignOnes()
    {
        final TcpConnection connection = pool.acquire();

        assertTrue(connection.id() > 0);
        assertNull(pool.get(PacketSlot.NO_CONNECTION));
        assertNull(pool.get((connection.id() & 0xFFFF_FFFF_0000_0000L) | 5));
    }
}
