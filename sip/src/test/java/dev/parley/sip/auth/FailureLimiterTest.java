package dev.parley.sip.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FailureLimiterTest
{
    private static final int V4 = 4;
    private static final int V6 = 6;
    private static final long ADDRESS = 0xC0A80001L;
    private static final long T0 = 1_000_000;

    private final FailureLimiter limiter = new FailureLimiter(64, 3, FailureLimiter.WINDOW_MS_DEFAULT);

    @Test
    void shouldBlockSourceWhenCapReached()
    {
        assertFalse(limiter.recordFailure(V4, 0, ADDRESS, T0));
        assertFalse(limiter.recordFailure(V4, 0, ADDRESS, T0 + 1));
        assertFalse(limiter.isBlocked(V4, 0, ADDRESS, T0 + 2));

        assertTrue(limiter.recordFailure(V4, 0, ADDRESS, T0 + 2));
        assertTrue(limiter.isBlocked(V4, 0, ADDRESS, T0 + 3));
    }

    @Test
    void shouldUnblockWhenWindowRollsOver()
    {
        for (int i = 0; i < 3; i++)
        {
            limiter.recordFailure(V4, 0, ADDRESS, T0 + i);
        }

        assertTrue(limiter.isBlocked(V4, 0, ADDRESS, T0 + FailureLimiter.WINDOW_MS_DEFAULT - 1));
        assertFalse(limiter.isBlocked(V4, 0, ADDRESS, T0 + FailureLimiter.WINDOW_MS_DEFAULT));
        assertFalse(limiter.recordFailure(V4, 0, ADDRESS, T0 + FailureLimiter.WINDOW_MS_DEFAULT));
    }

    @Test
    void shouldCountSourcesSeparately()
    {
        for (int i = 0; i < 3; i++)
        {
            limiter.recordFailure(V4, 0, ADDRESS, T0);
        }

        assertFalse(limiter.isBlocked(V4, 0, ADDRESS + 1, T0));
        assertFalse(limiter.isBlocked(V6, 0, ADDRESS, T0));
        assertFalse(limiter.isBlocked(V6, 0x20010DB8L << 32, ADDRESS, T0));
    }

    @Test
    void shouldStayBoundedUnderManySources()
    {
        for (int i = 0; i < 10_000; i++)
        {
            limiter.recordFailure(V4, 0, i, T0);
        }
        for (int i = 0; i < 3; i++)
        {
            limiter.recordFailure(V4, 0, ADDRESS, T0 + 1);
        }

        assertTrue(limiter.isBlocked(V4, 0, ADDRESS, T0 + 1));
    }
}
