package dev.parley.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.parley.core.agent.PollIdleStrategy;
import dev.parley.core.agent.UnsignalledWork;

/**
 * The io agent's descriptors end an idle wait: a datagram on a UDP endpoint, and a TCP connection (accepted
 * through the TCP selector's epoll set, which the wait holds as one descriptor, and which holds the registrations
 * once a duty cycle has selected). The waits are 30 s long, so a
 * thread that is not woken by the traffic fails the test by its 10 s deadline.
 */
class IoReadinessTest
{
    private static final long LONG_WAIT_NS = TimeUnit.SECONDS.toNanos(30);

    @TempDir
    private Path dir;
    private IoHarness harness;

    @BeforeEach
    void before()
    {
        harness = new IoHarness(dir, 64, 2048);
    }

    @AfterEach
    void after()
    {
        harness.close();
    }

    @Test
    void shouldOfferEveryUdpSocketAndTheTcpEpollSet() throws IOException
    {
        harness.udp("127.0.0.1");
        harness.udp("127.0.0.1");
        harness.tcp("127.0.0.1");
        final int[] fds = harness.start().readinessFds();

        assertEquals(3, fds.length, Arrays.toString(fds));
        assertEquals(3, Arrays.stream(fds).filter((fd) -> fd > 2).distinct().count(), Arrays.toString(fds));
    }

    @Test
    void shouldEndAWaitWhenADatagramArrives() throws Exception
    {
        final UdpEndpoint endpoint = harness.udp("127.0.0.1");
        final PollIdleStrategy idle = new PollIdleStrategy(harness.start().readinessFds(),
            new UnsignalledWork[0], 0, 0, LONG_WAIT_NS, LONG_WAIT_NS, LONG_WAIT_NS);
        assertTrue(idle.waitsOnDescriptors());
        final CompletableFuture<Void> waited = CompletableFuture.runAsync(() -> idle.idle(0));

        try (DatagramChannel client = DatagramChannel.open())
        {
            client.send(ByteBuffer.wrap(new byte[] {'x'}), endpoint.localAddress());
            waited.get(10, TimeUnit.SECONDS);
        }
        assertEquals(1, harness.receive(1).size());
    }

    @Test
    void shouldEndAWaitWhenATcpConnectionArrives() throws Exception
    {
        final TcpEndpoint listener = harness.tcp("127.0.0.1");
        final PollIdleStrategy idle = new PollIdleStrategy(harness.start().readinessFds(),
            new UnsignalledWork[0], 0, 0, LONG_WAIT_NS, LONG_WAIT_NS, LONG_WAIT_NS);
        // The JDK selector applies registrations in its select: a duty cycle runs before every idle wait.
        harness.doWork();
        final CompletableFuture<Void> waited = CompletableFuture.runAsync(() -> idle.idle(0));

        try (SocketChannel client = SocketChannel.open(new InetSocketAddress(
            listener.localAddress().getAddress(), listener.localAddress().getPort())))
        {
            waited.get(10, TimeUnit.SECONDS);
            harness.pollUntil(() -> 1 == harness.io.tcpConnectionCount(), "the connection accepted");
            assertTrue(client.isConnected());
        }
    }
}
