package dev.parley.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.parley.core.config.Config;

/**
 * The allocated-bytes load test of the SIP path: a server in this JVM (full-uas, dedicated threads) answers OPTIONS
 * from one socket, at most 64 outstanding. After 20,000 of warm-up, 100,000 more (each a new transaction with its
 * own branch and Call-ID, all answered 200) must leave the {@code parley-sip} thread's per-message allocation under
 * 1 KiB, and {@code parley-io} far under one object per datagram.
 * <p>
 * The sip thread's timer wheel (Agrona {@code DeadlineTimerWheel}) and its timer id map ({@code Long2LongHashMap})
 * grow by allocating one larger {@code long[]} whenever the timers in one wheel slot, or live at once, reach a new
 * high; under this load that still happens after warm-up (see docs/PERFORMANCE.md). The measured phase is therefore
 * read in chunks of 1,000 requests: in each, one or two such arrays (a power-of-two number of bytes of at least
 * 64 KiB, plus the 16-byte header) count as capacity growth and are reported; everything else is the per-message
 * allocation the test bounds (a per-message object would show as at least 16 KB per chunk).
 * <p>
 * T1 is 1 ms so that Timer J (64*T1) frees each transaction after 64 ms and the table never fills; the timers firing
 * are part of what is measured.
 */
class OptionsAllocationTest
{
    private static final int WARM_UP = 20_000;
    private static final int MEASURED = 100_000;
    private static final int CHUNK = 1_000;
    private static final int WINDOW = 64;
    private static final long ALLOCATION_LIMIT = 1024;
    private static final long IO_ALLOCATION_LIMIT = 64 * 1024;
    private static final long ARRAY_HEADER = 16;
    private static final long GROWTH_MIN = 64 * 1024;
    private static final long TIME_LIMIT_NS = TimeUnit.SECONDS.toNanos(60);
    private static final long THREAD_WAIT_NS = TimeUnit.SECONDS.toNanos(10);

    @TempDir
    private Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldAnswerOptionsWithoutAllocatingPerMessageOnSipThreadAfterWarmUp() throws Exception
    {
        final int port = freeUdpPort();
        try (ParleyServer server = ParleyServer.start(config(port));
            OptionsClient client = new OptionsClient(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)))
        {
            final Thread sip = awaitThread("parley-sip");
            final Thread io = awaitThread("parley-io");
            final long deadlineNs = System.nanoTime() + TIME_LIMIT_NS;
            final OptionsClient.Result warmUp = client.run(0, WARM_UP, WINDOW, deadlineNs);
            assertEquals(WARM_UP, warmUp.answered(), "warm-up: " + warmUp.describe());

            final long ioBefore = allocatedBytes(io);
            long growth = 0;
            int growthChunks = 0;
            long perMessage = 0;
            int answered = 0;
            long elapsedNs = 0;
            for (int chunk = 0; chunk < MEASURED / CHUNK; chunk++)
            {
                final long before = allocatedBytes(sip);
                final OptionsClient.Result result =
                    client.run(WARM_UP + (long)chunk * CHUNK, CHUNK, WINDOW, deadlineNs);
                final long allocated = allocatedBytes(sip) - before;
                assertEquals(CHUNK, result.answered(), "chunk " + chunk + ": " + result.describe());
                assertEquals(0, result.bad(), "chunk " + chunk + ": " + result.describe());
                answered += result.answered();
                elapsedNs += result.elapsedNs();
                final long chunkGrowth = capacityGrowth(allocated);
                growth += chunkGrowth;
                growthChunks += chunkGrowth > 0 ? 1 : 0;
                perMessage += allocated - chunkGrowth;
            }
            final long ioAllocated = allocatedBytes(io) - ioBefore;

            System.out.printf("OPTIONS: %d answered 200 in %d ms (%.0f/s); parley-sip allocated %d B per-message " +
                "and %d B of timer capacity growth (%d chunks); parley-io allocated %d B%n", answered,
                TimeUnit.NANOSECONDS.toMillis(elapsedNs), answered * 1e9 / elapsedNs, perMessage, growth,
                growthChunks, ioAllocated);
            assertEquals(MEASURED, answered);
            assertTrue(perMessage < ALLOCATION_LIMIT,
                "parley-sip allocated " + perMessage + " B (besides capacity growth) over " + MEASURED + " OPTIONS");
            assertTrue(ioAllocated < IO_ALLOCATION_LIMIT,
                "parley-io allocated " + ioAllocated + " B over " + MEASURED + " OPTIONS");
        }
    }

    /**
     * @return the part of a chunk's allocation that is one or two freshly allocated {@code long[]} of a power-of-two
     * length of at least 64 KiB each (what a timer wheel or timer map growth allocates), 0 when there is none; the
     * rest, under 64 KiB, is other allocation.
     */
    static long capacityGrowth(final long bytes)
    {
        final long arrays = bytes & -GROWTH_MIN;
        final int count = Long.bitCount(arrays);
        if (count < 1 || count > 2 || bytes - arrays < count * ARRAY_HEADER)
        {
            return 0;
        }
        return arrays + count * ARRAY_HEADER;
    }

    @Test
    void shouldTellCapacityGrowthFromOtherAllocation()
    {
        assertEquals(262_160, capacityGrowth(262_144 + ARRAY_HEADER));
        assertEquals(2_097_168, capacityGrowth(2_097_152 + ARRAY_HEADER + 192));
        assertEquals(4_718_624, capacityGrowth(4_194_304 + 524_288 + 2 * ARRAY_HEADER));
        assertEquals(0, capacityGrowth(0));
        assertEquals(0, capacityGrowth(48_000));
        assertEquals(0, capacityGrowth(7 * 65_536 + 3 * ARRAY_HEADER));
        assertEquals(65_552, capacityGrowth(100_000));
    }

    private Config config(final int port)
    {
        final Properties properties = new Properties();
        properties.putAll(Map.of(
            "parley.data.dir", dir.resolve("data").toString(),
            "parley.http.enabled", "false",
            "parley.sip.udp.address", "127.0.0.1",
            "parley.sip.udp.port", Integer.toString(port),
            "parley.sip.tcp.enabled", "false",
            "parley.threads", "dedicated",
            "parley.idle.io", "yield",
            "parley.idle.sip", "yield",
            "parley.sip.timer.t1", "1ms",
            "parley.sip.transactions.max", "32768"));
        properties.put("parley.sip.transaction.buffer", "1k");
        return ParleyConfiguration.loader().load(null, Map.of(), properties);
    }

    private static int freeUdpPort() throws IOException
    {
        try (DatagramChannel probe = DatagramChannel.open())
        {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return ((InetSocketAddress)probe.getLocalAddress()).getPort();
        }
    }

    private static Thread awaitThread(final String name)
    {
        final long deadlineNs = System.nanoTime() + THREAD_WAIT_NS;
        while (deadlineNs - System.nanoTime() > 0)
        {
            for (final Thread thread : Thread.getAllStackTraces().keySet())
            {
                if (name.equals(thread.getName()) && thread.isAlive())
                {
                    return thread;
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no thread named " + name + " within 10 s");
    }

    private static long allocatedBytes(final Thread thread)
    {
        return ((com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean())
            .getThreadAllocatedBytes(thread.threadId());
    }
}
