package dev.parley.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RtpReceiveStatsTest
{
    private static final int SSRC = 0x5EED;
    private static final long PACKET_NS = 20_000_000L;

    private final RtpReceiveStats stats = new RtpReceiveStats(8000);

    @Test
    void shouldCountAnInOrderStreamAfterProbation()
    {
        assertEquals(0, stats.onPacket(SSRC, 100, 0, 0));
        assertTrue(stats.isOnProbation());
        for (int i = 1; i < 1000; i++)
        {
            assertEquals(1, stats.onPacket(SSRC, 100 + i, i * 160, i * PACKET_NS));
        }

        assertFalse(stats.isOnProbation());
        assertEquals(1099, stats.extendedHighestSequence());
        assertEquals(999, stats.expected());
        assertEquals(999, stats.received());
        assertEquals(0, stats.lost());
        assertEquals(0, stats.closeInterval());
        assertEquals(0, stats.jitter());
    }

    @Test
    void shouldCountLossCumulativeAndPerInterval()
    {
        feed(0, 1);
        for (int seq = 1; seq <= 101; seq++)
        {
            if (0 != seq % 10)
            {
                stats.onPacket(SSRC, seq, seq * 160, seq * PACKET_NS);
            }
        }

        assertEquals(101, stats.expected());
        assertEquals(10, stats.lost());
        assertEquals(25, stats.closeInterval());
        assertEquals(25, stats.fractionLost());

        for (int seq = 102; seq <= 201; seq++)
        {
            if (seq > 151)
            {
                stats.onPacket(SSRC, seq, seq * 160, seq * PACKET_NS);
            }
        }
        assertEquals(60, stats.lost());
        assertEquals(128, stats.closeInterval());
        assertEquals(0, stats.closeInterval());
    }

    @Test
    void shouldNotCountReorderedPacketsAsLost()
    {
        feed(10, 3);

        stats.onPacket(SSRC, 14, 4 * 160, 4 * PACKET_NS);
        stats.onPacket(SSRC, 13, 3 * 160, 5 * PACKET_NS);
        stats.onPacket(SSRC, 15, 5 * 160, 6 * PACKET_NS);

        assertEquals(15, stats.extendedHighestSequence());
        assertEquals(5, stats.expected());
        assertEquals(0, stats.lost());
        assertEquals(1, stats.misordered());
    }

    @Test
    void shouldCountDuplicatesAsReceived()
    {
        feed(10, 4);

        stats.onPacket(SSRC, 13, 3 * 160, 4 * PACKET_NS);

        assertEquals(4, stats.received());
        assertEquals(3, stats.expected());
        assertEquals(-1, stats.lost());
        assertEquals(0, stats.closeInterval());
    }

    @Test
    void shouldExtendTheSequenceAcrossTheWrap()
    {
        feed(65_530, 20);

        assertEquals(65_536 + 13, stats.extendedHighestSequence());
        assertEquals(19, stats.expected());
        assertEquals(0, stats.lost());
    }

    @Test
    void shouldStartASourceWhoseProbationCrossesTheWrap()
    {
        assertEquals(0, stats.onPacket(SSRC, 65_535, 0, 0));
        assertEquals(1, stats.onPacket(SSRC, 0, 160, PACKET_NS));

        assertEquals(1, stats.onPacket(SSRC, 1, 320, 2 * PACKET_NS));
        assertEquals(1, stats.extendedHighestSequence());
        assertEquals(2, stats.expected());
        assertEquals(0, stats.lost());
    }

    @Test
    void shouldRestartProbationOnAGap()
    {
        assertEquals(0, stats.onPacket(SSRC, 5, 0, 0));
        assertEquals(0, stats.onPacket(SSRC, 7, 320, 2 * PACKET_NS));
        assertEquals(1, stats.onPacket(SSRC, 8, 480, 3 * PACKET_NS));

        assertEquals(1, stats.received());
        assertEquals(1, stats.expected());
    }

    @Test
    void shouldTreatAConfirmedLargeJumpAsARestart()
    {
        feed(1000, 10);

        assertEquals(0, stats.onPacket(SSRC, 20_000, 0, 20 * PACKET_NS));
        assertEquals(1, stats.onPacket(SSRC, 20_001, 160, 21 * PACKET_NS));

        assertEquals(20_001, stats.extendedHighestSequence());
        assertEquals(1, stats.received());
        assertEquals(1, stats.expected());
        assertEquals(0, stats.lost());
    }

    @Test
    void shouldIgnoreAStrayLargeJump()
    {
        feed(1000, 10);

        assertEquals(0, stats.onPacket(SSRC, 20_000, 0, 20 * PACKET_NS));
        assertEquals(1, stats.onPacket(SSRC, 1010, 10 * 160, 21 * PACKET_NS));

        assertEquals(1010, stats.extendedHighestSequence());
        assertEquals(10, stats.received());
        assertEquals(0, stats.lost());
    }

    @Test
    void shouldTakeAGapUpToTheDropoutLimitAsLoss()
    {
        feed(0, 2);

        assertEquals(1, stats.onPacket(SSRC, 1 + RtpReceiveStats.MAX_DROPOUT - 1, 0, 3 * PACKET_NS));

        assertEquals(RtpReceiveStats.MAX_DROPOUT - 2, stats.lost());
    }

    @Test
    void shouldRefuseAnotherSsrcUntilReset()
    {
        feed(0, 3);

        assertEquals(RtpError.OTHER_SSRC, stats.onPacket(SSRC + 1, 3, 480, 3 * PACKET_NS));
        assertEquals(2, stats.received());

        stats.reset();
        assertFalse(stats.hasSource());
        assertEquals(0, stats.onPacket(SSRC + 1, 500, 0, 4 * PACKET_NS));
        assertEquals(SSRC + 1, stats.ssrc());
        assertEquals(0, stats.received());
    }

    @Test
    void shouldReportNoJitterForConstantTransit()
    {
        for (int i = 0; i < 500; i++)
        {
            stats.onPacket(SSRC, i, 0xFFFF_0000 + i * 160, 5_000_000_000L + i * PACKET_NS + 3_000_000L);
        }

        assertEquals(0, stats.jitter());
        assertEquals(0.0, stats.jitterMs(), 1e-9);
    }

    @Test
    void shouldFollowRfc3550JitterForVaryingTransit()
    {
        feed(0, 2);

        stats.onPacket(SSRC, 2, 2 * 160, 2 * PACKET_NS + 10_000_000L);

        assertEquals(5, stats.jitter());
        assertEquals(0.625, stats.jitterMs(), 1e-9);
    }

    @Test
    void shouldConvergeOnTheMeanTransitChange()
    {
        for (int i = 0; i < 2000; i++)
        {
            final long delayNs = 0 == (i & 1) ? 0 : 10_000_000L;
            stats.onPacket(SSRC, i, i * 160, i * PACKET_NS + delayNs);
        }

        assertEquals(80, stats.jitter());
        assertEquals(10.0, stats.jitterMs(), 1e-6);
    }

    @Test
    void shouldMeasureJitterInFractionsOfATimestampUnit()
    {
        for (int i = 0; i < 2000; i++)
        {
            final long delayNs = 0 == (i & 1) ? 0 : 50_000L;
            stats.onPacket(SSRC, i, i * 160, i * PACKET_NS + delayNs);
        }

        assertEquals(0.05, stats.jitterMs(), 1e-6);
    }

    private void feed(final int firstSequence, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            stats.onPacket(SSRC, firstSequence + i, i * 160, i * PACKET_NS);
        }
    }
}
