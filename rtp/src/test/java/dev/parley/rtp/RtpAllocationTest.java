package dev.parley.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.management.ThreadMXBean;

/**
 * After warm-up, one call's per-packet work allocates nothing on the calling thread: pacing, G.711 encoding into an
 * RTP packet, wrapping it, reception statistics, decoding, a DTMF tone now and then, and recording every 64th packet.
 * As in the SRTP allocation test, three windows are measured so that a one-off JIT event cannot fail the test while
 * per-packet garbage, which shows in every window, does.
 */
class RtpAllocationTest
{
    private static final int WARM_UP_CYCLES = 100_000;
    private static final int MEASURED_CYCLES = 100_000;
    private static final int WINDOWS = 3;

    @TempDir
    Path directory;

    private final RtpClock clock = RtpClock.forPtime(8000, 20);
    private final RtpWriter writer = new RtpWriter();
    private final RtpPacket packet = new RtpPacket();
    private final RtpReceiveStats stats = new RtpReceiveStats(8000);
    private final DtmfSender dtmf = new DtmfSender(101, 42, 8000, 160, DtmfSender.VOLUME_DEFAULT);
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1500]);
    private final short[] source = new short[8000];
    private final short[] decoded = new short[160];

    @Test
    void shouldSendAndReceiveWithoutAllocating() throws IOException
    {
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        for (int i = 0; i < source.length; i++)
        {
            source[i] = (short)(i * 97);
        }
        try (WavWriter recording = WavWriter.create(directory.resolve("rx.wav")))
        {
            clock.start(0, 1, 1);
            cycles(recording, 0, WARM_UP_CYCLES);
            final long[] allocated = new long[WINDOWS];
            int failures = 0;

            for (int window = 0; window < WINDOWS; window++)
            {
                final long before = threads.getCurrentThreadAllocatedBytes();
                failures += cycles(recording, WARM_UP_CYCLES + window * MEASURED_CYCLES, MEASURED_CYCLES);
                allocated[window] = threads.getCurrentThreadAllocatedBytes() - before;
            }

            assertEquals(0, failures);
            assertEquals(0, Arrays.stream(allocated).min().orElseThrow(), "bytes per window " +
                Arrays.toString(allocated));
            assertTrue(Arrays.stream(allocated).max().orElseThrow() < 1024, "bytes per window " +
                Arrays.toString(allocated));
        }
    }

    private int cycles(final WavWriter recording, final int first, final int count) throws IOException
    {
        int failures = 0;
        for (int i = first; i < first + count; i++)
        {
            final long nowNs = i * 20_000_000L;
            if (!clock.isDue(nowNs))
            {
                failures++;
            }
            if (0 == (i & 1023))
            {
                dtmf.start('5', 100, clock.timestamp());
            }
            final int length = dtmf.isActive() ?
                dtmf.poll(clock.sequence(), buffer, 0, buffer.capacity()) : audio(i);
            clock.advance();

            failures += packet.wrap(buffer, 0, length) >= 0 ? 0 : 1;
            failures += stats.onPacket(packet, nowNs + (i & 3) * 1_000_000L) >= 0 ? 0 : 1;
            if (G711.PCMU == packet.payloadType())
            {
                G711.decode(G711.PCMU, buffer, packet.payloadOffset(), packet.payloadLength(), decoded, 0);
                if (0 == (i & 63))
                {
                    recording.writeG711(G711.PCMU, buffer, packet.payloadOffset(), packet.payloadLength());
                }
            }
        }
        stats.closeInterval();
        return failures + (stats.lost() == 0 ? 0 : 1);
    }

    private int audio(final int i)
    {
        writer.wrap(buffer, 0, buffer.capacity());
        writer.header(G711.PCMU, false, clock.sequence(), clock.timestamp(), 42);
        G711.encode(G711.PCMU, source, (i % 50) * 160, 160, buffer, writer.payloadOffset());
        return writer.payloadLength(160);
    }
}
