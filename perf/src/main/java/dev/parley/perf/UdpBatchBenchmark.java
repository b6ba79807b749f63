package dev.parley.perf;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;

import org.agrona.CloseHelper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import dev.parley.core.io.EndpointRole;
import dev.parley.core.io.IoAgent;
import dev.parley.core.io.IoConfiguration;
import dev.parley.core.io.IoContext;
import dev.parley.core.io.IoCounters;
import dev.parley.core.io.UdpEndpoint;
import dev.parley.ring.EchoAgent;
import dev.parley.ring.PacketRing;

/**
 * The CPU the io agent spends per datagram and per idle duty cycle, with UDP through {@code recvmmsg}/{@code sendmmsg}
 * ({@code mmsg}) or one NIO call per datagram ({@code channel}). Everything runs on the benchmark thread, so the time
 * is CPU time with no thread hand-off in it:
 * <ul>
 * <li>{@code burstEcho}: a client writes {@value #BURST} 172-byte datagrams (one NIO call each, the same in both
 * modes), then the io and echo agents are driven until all {@value #BURST} echoes are read back. Reported per
 * datagram echoed, i.e. one datagram in and one out of the io agent plus the client's two calls.</li>
 * <li>{@code idleCycle}: one io agent duty cycle with nothing to receive or send.</li>
 * </ul>
 * With {@code endpoints} above the poll threshold (4) readiness comes from a {@code selectNow()}; the datagrams go to
 * the first endpoint. {@code -prof gc} must show about 0 B/op in both modes.
 */
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
@State(Scope.Benchmark)
public class UdpBatchBenchmark
{
    static final int BURST = 32;
    static final int REQUEST_LENGTH = 172;
    static final int SLOT_COUNT = 1024;
    static final int SLOT_CAPACITY = 2048;
    static final int SOCKET_BUFFER_LENGTH = 4 * 1024 * 1024;
    static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(1);

    /**
     * How UDP reaches the kernel, see {@code parley.io.udp.syscalls}.
     */
    @Param({IoConfiguration.UDP_SYSCALLS_MMSG, IoConfiguration.UDP_SYSCALLS_CHANNEL})
    public String syscalls;

    /**
     * UDP endpoints the io agent polls.
     */
    @Param({"1", "6"})
    public int endpoints;

    private final ByteBuffer request = ByteBuffer.allocateDirect(REQUEST_LENGTH);
    private final ByteBuffer reply = ByteBuffer.allocateDirect(SLOT_CAPACITY);
    private ScratchCounters counters;
    private IoAgent io;
    private EchoAgent echo;
    private DatagramChannel client;

    /**
     * Open the endpoints, build the rings and agents, connect the client and check that a burst comes back.
     *
     * @throws IOException if a socket cannot be opened.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        counters = ScratchCounters.create("parley-udp-batch-bench");
        final PacketRing sip = PacketRing.create("sip", false, SLOT_COUNT, SLOT_CAPACITY, false, counters.counters());
        final PacketRing out = PacketRing.create("out", true, SLOT_COUNT, SLOT_CAPACITY, false, counters.counters());
        final InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        final UdpEndpoint[] udp = new UdpEndpoint[endpoints];
        for (int i = 0; i < endpoints; i++)
        {
            udp[i] = UdpEndpoint.open(
                i, EndpointRole.SIP, new InetSocketAddress(loopback, 0), SOCKET_BUFFER_LENGTH, SOCKET_BUFFER_LENGTH);
        }
        io = new IoAgent(new IoContext()
            .endpoints(udp)
            .publisher(EndpointRole.SIP, sip)
            .outPoller(out.poller())
            .counters(new IoCounters(counters.counters()))
            .batch(BURST)
            .udpSyscalls(syscalls)
            .conclude());
        if (io.usesMmsg() != IoConfiguration.UDP_SYSCALLS_MMSG.equals(syscalls))
        {
            throw new IllegalStateException("asked for " + syscalls + " but the io agent fell back");
        }
        echo = new EchoAgent("parley-sip-echo", sip.poller(), out, BURST);
        client = DatagramChannel.open(StandardProtocolFamily.INET);
        client.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_LENGTH);
        client.bind(new InetSocketAddress(loopback, 0));
        client.connect(udp[0].localAddress());
        client.configureBlocking(false);
        burstEcho();
    }

    /**
     * Close the agent (and so the endpoints), the client and the counters.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        if (null != io)
        {
            io.onClose();
        }
        CloseHelper.quietClose(client);
        CloseHelper.quietClose(counters);
    }

    /**
     * {@value #BURST} datagrams out, their echoes back, all on this thread.
     *
     * @return bytes echoed.
     * @throws IOException if a socket fails.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @OperationsPerInvocation(BURST)
    public int burstEcho() throws IOException
    {
        for (int i = 0; i < BURST; i++)
        {
            request.clear();
            client.write(request);
        }
        final long deadlineNs = System.nanoTime() + TIMEOUT_NS;
        int received = 0;
        int bytes = 0;
        while (received < BURST)
        {
            io.doWork();
            echo.doWork();
            io.doWork();
            reply.clear();
            int length = client.read(reply);
            while (length > 0)
            {
                received++;
                bytes += length;
                reply.clear();
                length = client.read(reply);
            }
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("burst stalled: " + received + " of " + BURST + " echoes");
            }
        }
        return bytes;
    }

    /**
     * One io duty cycle with nothing to do.
     *
     * @return the work done, 0.
     * @throws IOException if the selector fails.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int idleCycle() throws IOException
    {
        return io.doWork();
    }
}
