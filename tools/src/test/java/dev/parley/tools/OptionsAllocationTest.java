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
 * from one socket, at most 64 outstanding. After 50,000 of warm-up (so the JIT has compiled every path the measured
 * phase takes), 100,000 more (each a new transaction with its
 * own branch and Call-ID, all answered 200) must leave the {@code parley-sip} thread's per-message allocation under
 * 1 KiB, and {@code parley-io} far under one object per datagram.
 * <p>
 * The timers every transaction schedules come from a pool sized at start from the transaction and dialog bounds, so
 * nothing grows on the sip thread once it runs (a per-message object would show as at least 1.6 MB here).
 * <p>
 * T1 is 1 ms so that Timer J (64*T1) frees each transaction after 64 ms and the table never fills; the timers firing
 * are part of what is measured.
 */
class OptionsAllocationTest
{
    private static final int WARM_UP = 50_000;
    private static final int MEASURED = 100_000;
    private static final int CHUNK = 1_000;
    private static final int WINDOW = 64;
    private static final long ALLOCATION_LIMIT = 1024;
    private static final long IO_ALLOCATION_LIMIT = 64 * 1024;
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
            final long sipBefore = allocatedBytes(sip);
            int answered = 0;
            long elapsedNs = 0;
            for (int chunk = 0; chunk < MEASURED / CHUNK; chunk++)
            {
                final OptionsClient.Result result =
                    client.run(WARM_UP + (long)chunk * CHUNK, CHUNK, WINDOW, deadlineNs);
                assertEquals(CHUNK, result.answered(), "chunk " + chunk + ": " + result.describe());
                assertEquals(0, result.bad(), "chunk " + chunk + ": " + result.describe());
                answered += result.answered();
                elapsedNs += result.elapsedNs();
            }
            final long sipAllocated = allocatedBytes(sip) - sipBefore;
            final long ioAllocated = allocatedBytes(io) - ioBefore;

            System.out.printf("OPTIONS: %d answered 200 in %d ms (%.0f/s); parley-sip allocated %d B, " +
                "parley-io %d B%n", answered, TimeUnit.NANOSECONDS.toMillis(elapsedNs), answered * 1e9 / elapsedNs,
                sipAllocated, ioAllocated);
            assertEquals(MEASURED, answered);
            assertTrue(sipAllocated < ALLOCATION_LIMIT,
                "parley-sip allocated " + sipAllocated + " B over " + MEASURED + " OPTIONS");
            assertTrue(ioAllocated < IO_ALLOCATION_LIMIT,
                "parley-io allocated " + ioAllocated + " B over " + MEASURED + " OPTIONS");
        }
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
        properties.put("parley.sip.mode", "full-uas");
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
