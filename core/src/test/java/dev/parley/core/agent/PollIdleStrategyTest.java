package dev.parley.core.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * {@code ppoll} sees a datagram waiting on a socket and times out on an empty one; the strategy spins and yields
 * its configured number of idle cycles before it waits, and parks when it has no descriptors.
 */
class PollIdleStrategyTest
{
    @Test
    void shouldReportAWaitingDatagramAndTimeOutWithout() throws Throwable
    {
        try (DatagramChannel server = bound();
            DatagramChannel client = DatagramChannel.open())
        {
            final Ppoll ppoll = new Ppoll(new int[] {fd(server)});

            assertEquals(0, ppoll.await(TimeUnit.MILLISECONDS.toNanos(5)));
            assertFalse(ppoll.isReady(0));

            client.send(ByteBuffer.wrap(new byte[] {'x'}), server.getLocalAddress());

            assertEquals(1, ppoll.await(TimeUnit.SECONDS.toNanos(30)));
            assertTrue(ppoll.isReady(0));
        }
    }

    @Test
    void shouldSpinAndYieldBeforeItWaits() throws Throwable
    {
        try (DatagramChannel server = bound())
        {
            // A wait of an hour would hang the test: the first three idle cycles must not wait.
            final long hour = TimeUnit.HOURS.toNanos(1);
            final PollIdleStrategy idle = new PollIdleStrategy(
                new int[] {fd(server)}, new UnsignalledWork[0], 2, 1, hour, hour, hour);
            idle.idle(0);
            idle.idle(0);
            idle.idle(0);
            idle.idle(1);
            idle.idle(0);
            idle.idle(0);
            idle.idle(0);
            assertTrue(idle.waitsOnDescriptors());
        }
    }

    @Test
    void shouldParkWithoutDescriptors()
    {
        final PollIdleStrategy idle =
            new PollIdleStrategy(new int[0], new UnsignalledWork[0], 0, 0, 1_000, 1_000, 1_000);

        idle.idle(0);

        assertFalse(idle.waitsOnDescriptors());
        assertEquals("poll", idle.alias());
    }

    /**
     * With nothing expected but packets and timers one wait lasts the quiet maximum; while an agent expects work that
     * no socket signals the waits start short and double to the maximum, and start short again after work.
     */
    @Test
    void shouldWaitLongOnlyWhileNoAgentExpectsUnsignalledWork()
    {
        final boolean[] expecting = {false};
        final PollIdleStrategy idle = new PollIdleStrategy(
            new int[0], new UnsignalledWork[] {() -> false, () -> expecting[0]}, 0, 0, 1_000, 4_000, 50_000);

        assertEquals(50_000, idle.nextWaitNs());
        expecting[0] = true;
        assertEquals(1_000, idle.nextWaitNs());
        idle.idle(0);
        assertEquals(2_000, idle.nextWaitNs());
        idle.idle(0);
        idle.idle(0);
        assertEquals(4_000, idle.nextWaitNs());
        idle.idle(1);
        assertEquals(1_000, idle.nextWaitNs());
        expecting[0] = false;
        assertEquals(50_000, idle.nextWaitNs());
    }

    @Test
    void shouldAlwaysBackOffForAThreadFedByOtherThreads()
    {
        final PollIdleStrategy idle = new PollIdleStrategy(
            new int[0], new UnsignalledWork[] {UnsignalledWork.ALWAYS}, 0, 0, 1_000, 4_000, 50_000);

        assertEquals(1_000, idle.nextWaitNs());
    }

    private static DatagramChannel bound() throws IOException
    {
        return DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    private static int fd(final DatagramChannel channel) throws Throwable
    {
        return (int)MethodHandles.lookup().findVirtual(
            Class.forName("sun.nio.ch.SelChImpl"), "getFDVal", MethodType.methodType(int.class)).invoke(channel);
    }
}
