package dev.parley.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The io agent's TCP path allocates nothing per message once warm: measured on the one thread that drives the
 * client socket, the agent and an echo between the rings.
 * <p>
 * The JDK's epoll selector finds a ready key with {@code fdToKey.get(fd)} on a {@code HashMap<Integer, ...>}, which
 * boxes file descriptors above the {@code Integer} cache (127 by default): 16 bytes per ready connection per
 * select. A server with many sockets needs {@code -XX:AutoBoxCacheMax} above its highest descriptor; the second
 * test proves that and runs only when the JVM has it.
 */
class TcpAllocationTest
{
    private static final int WARM_UP = 30_000;
    private static final int MEASURED = 100_000;
    private static final int WINDOWS = 4;
    private static final long ONE_OFF_LIMIT = 4096;
    private static final int WINDOW = 32;
    private static final int MESSAGE_LENGTH = 64;
    private static final int SEQUENCE_OFFSET = LengthPrefixFramer.HEADER_LENGTH;
    private static final int HIGH_DESCRIPTOR_PADDING = 128;

    @TempDir
    private Path dir;
    private IoHarness harness;
    private final ByteBuffer send = ByteBuffer.allocateDirect(MESSAGE_LENGTH);
    private final ByteBuffer receive = ByteBuffer.allocateDirect(MESSAGE_LENGTH * WINDOW);
    private final PacketHandler echo = this::echo;
    private int sent;
    private int received;

    @BeforeEach
    void before()
    {
        harness = new IoHarness(dir, 1024, 2048);
    }

    @AfterEach
    void after()
    {
        harness.close();
    }

    @Test
    void shouldNotAllocateOnTheIoThreadAfterWarmUp() throws IOException
    {
        measure();
    }

    @Test
    void shouldNotAllocateWithHighDescriptorsWhenTheBoxCacheCoversThem() throws IOException
    {
        assumeTrue(isBoxCacheAtLeast(HIGH_DESCRIPTOR_PADDING * 4),
            "run with -XX:AutoBoxCacheMax=65536: the JDK selector boxes descriptors above 127");
        for (int i = 0; i < HIGH_DESCRIPTOR_PADDING; i++)
        {
            final Pipe pipe = Pipe.open();
            harness.add(pipe.sink());
            harness.add(pipe.source());
        }

        measure();
    }

    private void measure() throws IOException
    {
        final TcpEndpoint listener = harness.tcp("127.0.0.1");
        harness.start();
        final SocketChannel client = harness.connect(listener.localAddress());
        send.put(0, (byte)'M').put(1, (byte)'0').put(2, (byte)'0').put(3, (byte)'5').put(4, (byte)'9');

        roundTrips(client, WARM_UP);
        final long[] allocated = new long[WINDOWS];
        for (int window = 0; window < WINDOWS; window++)
        {
            final long before = allocatedBytes();
            roundTrips(client, WARM_UP + (window + 1) * (MEASURED / WINDOWS));
            allocated[window] = allocatedBytes() - before;
        }

        // Anything allocated per message shows in every window (at least 25 KB each). Each window also carries the
        // few hundred bytes the measurement itself costs; a one-off of the JDK's (a deoptimised path re-creating an
        // object once, seen on busy machines) adds to one window only.
        final String text = Arrays.toString(allocated) + " bytes in windows of " + MEASURED / WINDOWS + " messages";
        assertTrue(Arrays.stream(allocated).anyMatch(bytes -> bytes < 1024), text);
        assertTrue(Arrays.stream(allocated).allMatch(bytes -> bytes < ONE_OFF_LIMIT), text);
        assertEquals(WARM_UP + MEASURED, harness.ioCounters.tcpMessagesIn());
        assertEquals(WARM_UP + MEASURED, harness.ioCounters.tcpMessagesOut());
    }

    /**
     * Keep up to {@link #WINDOW} messages in flight until {@code total} have come back, each checked in order.
     */
    private void roundTrips(final SocketChannel client, final int total) throws IOException
    {
        final long deadlineNs = System.nanoTime() + 6 * IoHarness.DEADLINE_NS;
        while (received < total)
        {
            if (sent < total && sent - received < WINDOW)
            {
                send.clear();
                send.putInt(SEQUENCE_OFFSET, sent);
                while (send.hasRemaining())
                {
                    client.write(send);
                }
                sent++;
            }
            harness.io.doWork();
            harness.sip.poll(echo, WINDOW);
            harness.io.doWork();
            readEchoes(client);
            if (deadlineNs - System.nanoTime() < 0)
            {
                throw new AssertionError("stalled: sent " + sent + ", received " + received);
            }
        }
    }

    private void readEchoes(final SocketChannel client) throws IOException
    {
        client.read(receive);
        final int complete = receive.position() / MESSAGE_LENGTH;
        for (int i = 0; i < complete; i++)
        {
            final int sequence = receive.getInt(i * MESSAGE_LENGTH + SEQUENCE_OFFSET);
            if (sequence != received)
            {
                throw new AssertionError("echo out of order");
            }
            received++;
        }
        receive.limit(receive.position()).position(complete * MESSAGE_LENGTH);
        receive.compact();
    }

    private boolean echo(final PacketSlot packet)
    {
        final long sequence = harness.out.tryClaim();
        if (sequence < 0)
        {
            throw new AssertionError("out ring full");
        }
        final PacketSlot reply = harness.out.slot(sequence);
        reply.buffer().putBytes(0, packet.buffer(), 0, packet.length());
        reply.length(packet.length()).replyTo(packet);
        harness.out.publish(sequence);
        return true;
    }

    private static boolean isBoxCacheAtLeast(final int value)
    {
        return Integer.valueOf(value) == Integer.valueOf(value);
    }

    private static long allocatedBytes()
    {
        return ((com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
