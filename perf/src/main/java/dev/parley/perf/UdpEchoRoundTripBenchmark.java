package dev.parley.perf;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;

import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
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
 * The full UDP path over loopback: client socket, io agent, sip ring, {@link EchoAgent}, out ring, io agent, client
 * socket. The io and echo agents share one {@link AgentRunner} thread; the benchmark thread writes 64 bytes on a
 * connected socket and spins on a non-blocking read until the echo arrives (yielding after
 * {@value #SPINS_BEFORE_YIELD} empty reads, so that an oversubscribed machine still makes progress), with a deadline
 * so that a lost datagram fails the run instead of hanging it.
 * <p>
 * {@code -prof gc} counts every thread's allocations, the agent thread's included: it must stay at about 0 B/op.
 */
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
@State(Scope.Benchmark)
public class UdpEchoRoundTripBenchmark
{
    static final int REQUEST_LENGTH = 64;
    static final int SLOT_COUNT = 1024;
    static final int SLOT_CAPACITY = 1500;
    static final int BATCH = 32;
    static final int SOCKET_BUFFER_LENGTH = 1024 * 1024;
    static final int SPINS_BEFORE_YIELD = 100;
    static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(1);
    static final long FIRST_ECHO_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    static final String IDLE_BUSY_SPIN = "busy-spin";
    static final String IDLE_YIELDING = "yielding";

    /**
     * Whether the ring slot bytes are off-heap.
     */
    @Param({"false", "true"})
    public boolean direct;

    /**
     * The agent thread's idle strategy: {@code yielding} (kind to a small, shared machine) or {@code busy-spin}.
     */
    @Param({IDLE_YIELDING})
    public String idle;

    /**
     * How UDP reaches the kernel, see {@code parley.io.udp.syscalls}.
     */
    @Param({IoConfiguration.UDP_SYSCALLS_MMSG, IoConfiguration.UDP_SYSCALLS_CHANNEL})
    public String syscalls;

    private final ByteBuffer request = ByteBuffer.allocateDirect(REQUEST_LENGTH);
    private final ByteBuffer reply = ByteBuffer.allocateDirect(SLOT_CAPACITY);
    private ScratchCounters counters;
    private AgentRunner runner;
    private DatagramChannel client;
    private volatile Throwable agentError;

    /**
     * Open the endpoint, build the rings and agents, start the agent thread, connect the client and check that
     * one echo comes back.
     *
     * @throws IOException if the client socket cannot be opened.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        for (int i = 0; i < REQUEST_LENGTH; i++)
        {
            request.put(i, (byte)i);
        }
        counters = ScratchCounters.create("parley-echo-bench");
        final PacketRing sip = PacketRing.create(
            "sip", false, SLOT_COUNT, SLOT_CAPACITY, direct, counters.counters());
        final PacketRing out = PacketRing.create(
            "out", true, SLOT_COUNT, SLOT_CAPACITY, direct, counters.counters());
        final InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        final UdpEndpoint endpoint = UdpEndpoint.open(
            0, EndpointRole.SIP, new InetSocketAddress(loopback, 0), SOCKET_BUFFER_LENGTH, SOCKET_BUFFER_LENGTH);
        final IoAgent io = new IoAgent(new IoContext()
            .endpoints(endpoint)
            .publisher(EndpointRole.SIP, sip)
            .outPoller(out.poller())
            .counters(new IoCounters(counters.counters()))
            .batch(BATCH)
            .udpSyscalls(syscalls)
            .conclude());
        if (io.usesMmsg() != IoConfiguration.UDP_SYSCALLS_MMSG.equals(syscalls))
        {
            throw new IllegalStateException("asked for " + syscalls + " but the io agent fell back");
        }
        final EchoAgent echo = new EchoAgent("parley-sip-echo", sip.poller(), out, BATCH);
        runner = new AgentRunner(idleStrategy(idle), this::onAgentError, null, new CompositeAgent(io, echo));
        AgentRunner.startOnThread(runner);

        client = DatagramChannel.open(StandardProtocolFamily.INET);
        client.bind(new InetSocketAddress(loopback, 0));
        client.connect(endpoint.localAddress());
        client.configureBlocking(false);
        roundTrip(FIRST_ECHO_TIMEOUT_NS);
    }

    /**
     * Stop the agent thread (which closes the endpoint), close the client and delete the counters.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        CloseHelper.quietClose(runner);
        CloseHelper.quietClose(client);
        CloseHelper.quietClose(counters);
        final Throwable error = agentError;
        if (null != error)
        {
            System.err.println("agent thread error: " + error);
        }
    }

    /**
     * One datagram out, its echo back: round trips per second.
     *
     * @return the echo's length.
     * @throws IOException if the socket fails, e.g. ICMP port unreachable after the agent stopped.
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int echoThroughput() throws IOException
    {
        return roundTrip(TIMEOUT_NS);
    }

    /**
     * One datagram out, its echo back: mean round-trip time.
     *
     * @return the echo's length.
     * @throws IOException if the socket fails, e.g. ICMP port unreachable after the agent stopped.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int echoAverageTime() throws IOException
    {
        return roundTrip(TIMEOUT_NS);
    }

    private int roundTrip(final long timeoutNs) throws IOException
    {
        request.clear();
        client.write(request);
        reply.clear();
        final long deadlineNs = System.nanoTime() + timeoutNs;
        int length = client.read(reply);
        int spins = 0;
        while (0 == length)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException(
                    "no echo within " + TimeUnit.NANOSECONDS.toMillis(timeoutNs) + " ms, agent error: " + agentError);
            }
            // Past a normal round trip, give the core away: on a small machine the agent thread may be waiting for it.
            if (++spins < SPINS_BEFORE_YIELD)
            {
                Thread.onSpinWait();
            }
            else
            {
                Thread.yield();
            }
            length = client.read(reply);
        }
        if (REQUEST_LENGTH != length)
        {
            throw new IllegalStateException("echo of " + length + " bytes, sent " + REQUEST_LENGTH);
        }
        return length;
    }

    private void onAgentError(final Throwable error)
    {
        agentError = error;
    }

    private static IdleStrategy idleStrategy(final String name)
    {
        if (IDLE_BUSY_SPIN.equals(name))
        {
            return new BusySpinIdleStrategy();
        }
        if (IDLE_YIELDING.equals(name))
        {
            return new YieldingIdleStrategy();
        }
        throw new IllegalArgumentException("idle must be " + IDLE_BUSY_SPIN + " or " + IDLE_YIELDING + ": " + name);
    }
}
