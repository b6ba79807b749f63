package dev.parley.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RtpClockTest
{
    private final RtpClock clock = RtpClock.forPtime(8000, 20);

    @Test
    void shouldPaceTwentyMillisecondG711Packets()
    {
        assertEquals(160, clock.samplesPerPacket());
        assertEquals(20_000_000L, clock.packetIntervalNs());

        clock.start(1_000L, 65_535, -160);

        assertTrue(clock.isDue(1_000L));
        assertEquals(65_535, clock.sequence());
        assertEquals(-160, clock.timestamp());
        clock.advance();
        assertEquals(0, clock.sequence());
        assertEquals(0, clock.timestamp());
        assertEquals(20_001_000L, clock.nextSendNs());
        assertFalse(clock.isDue(20_000_999L));
        assertTrue(clock.isDue(20_001_000L));
        assertEquals(1, clock.packetsSent());
    }

    @Test
    void shouldKeepAFixedGridWhateverTheWakeUps()
    {
        clock.start(0, 0, 0);
        long nowNs = 0;
        int sent = 0;

        while (nowNs < 1_000_000_000L)
        {
            while (clock.isDue(nowNs))
            {
                clock.advance();
                sent++;
            }
            nowNs += 7_300_000L;
        }

        assertEquals(50, sent);
        assertEquals(50 * 160, clock.timestamp());
        assertEquals(1_000_000_000L, clock.nextSendNs());
    }

    @Test
    void shouldSkipPacketTimesAfterAStallWithoutASequenceGap()
    {
        clock.start(0, 100, 0);
        clock.advance();

        final long skipped = clock.skipLate(200_000_000L, 2);

        assertEquals(7, skipped);
        assertEquals(101, clock.sequence());
        assertEquals(8 * 160, clock.timestamp());
        assertEquals(160_000_000L, clock.nextSendNs());
        assertEquals(0, clock.skipLate(200_000_000L, 2));
    }

    @Test
    void shouldCompareTimesAcrossTheLongWrap()
    {
        clock.start(Long.MAX_VALUE - 5_000_000L, 0, 0);
        clock.advance();

        assertFalse(clock.isDue(Long.MAX_VALUE));
        assertTrue(clock.isDue(Long.MIN_VALUE + 15_000_000L));
    }
}
