package dev.parley.sip.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NonceCountsTest
{
    private static final long T0 = 1_700_000_000_000L;
    private static final long LIFETIME_MS = 300_000;

    private final NonceCounts counts = new NonceCounts(NonceCounts.WAYS, LIFETIME_MS, T0 - 1);

    @Test
    void shouldAcceptIncreasingCounts()
    {
        assertEquals(NonceCounts.ACCEPTED, counts.record(7, T0, 1, T0));
        assertEquals(NonceCounts.ACCEPTED, counts.record(7, T0, 2, T0));
        assertEquals(NonceCounts.ACCEPTED, counts.record(7, T0, 100, T0));
    }

    @Test
    void shouldRefuseRepeatedCount()
    {
        counts.record(7, T0, 1, T0);

        assertEquals(NonceCounts.REPLAY, counts.record(7, T0, 1, T0));
    }

    @Test
    void shouldAcceptOvertakenCountOnceWithinWindow()
    {
        counts.record(7, T0, 1, T0);
        counts.record(7, T0, 3, T0);

        assertEquals(NonceCounts.ACCEPTED, counts.record(7, T0, 2, T0));
        assertEquals(NonceCounts.REPLAY, counts.record(7, T0, 2, T0));
    }

    @Test
    void shouldRefuseCountFarBelowHighest()
    {
        counts.record(7, T0, 1, T0);
        counts.record(7, T0, 200, T0);

        assertEquals(NonceCounts.REPLAY, counts.record(7, T0, 100, T0));
    }

    @Test
    void shouldKeepNoncesApart()
    {
        counts.record(7, T0, 5, T0);

        assertEquals(NonceCounts.ACCEPTED, counts.record(8, T0, 1, T0));
    }

    @Test
    void shouldAnswerUnknownForEvictedNonceInsteadOfAcceptingItAgain()
    {
        for (int i = 0; i < NonceCounts.WAYS; i++)
        {
            counts.record(100 + i, T0 + i, 1, T0 + i);
        }

        assertEquals(NonceCounts.ACCEPTED, counts.record(999, T0 + 50, 1, T0 + 50));
        assertEquals(NonceCounts.UNKNOWN, counts.record(100, T0, 2, T0 + 50));
        assertEquals(NonceCounts.ACCEPTED, counts.record(101, T0 + 1, 2, T0 + 50));
    }

    @Test
    void shouldAcceptNewNonceAfterEviction()
    {
        for (int i = 0; i <= NonceCounts.WAYS; i++)
        {
            counts.record(100 + i, T0 + i, 1, T0 + i);
        }

        assertEquals(NonceCounts.ACCEPTED, counts.record(500, T0 + 60, 1, T0 + 60));
    }

    @Test
    void shouldAnswerUnknownForNonceIssuedBeforeStart()
    {
        assertEquals(NonceCounts.UNKNOWN, counts.record(7, T0 - 10, 1, T0));
    }

    @Test
    void shouldReuseExpiredEntriesWithoutRaisingWatermark()
    {
        for (int i = 0; i < NonceCounts.WAYS; i++)
        {
            counts.record(100 + i, T0, 1, T0);
        }
        final long later = T0 + LIFETIME_MS;

        assertEquals(NonceCounts.ACCEPTED, counts.record(200, later - 10, 1, later));
        assertEquals(NonceCounts.ACCEPTED, counts.record(201, later - 20, 1, later));
        assertEquals(2, counts.liveCount(later));
    }
}
