package dev.parley.core.io;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

/**
 * What the io agent is built from: UDP endpoints and TCP listeners, one ring publisher per endpoint role, the out
 * ring poller, counters, the stream framer for TCP and limits. Filled on the main thread, then {@link #conclude()}d
 * once.
 * <p>
 * Endpoint ids: the UDP endpoints are {@code 0..u-1} and the TCP listeners {@code u..u+t-1}, in order;
 * {@link #localEndpoints()} says which id is which.
 */
public final class IoContext
{
    /**
     * Up to this many endpoints are polled by trying each; past it a selector is used.
     */
    public static final int ITERATION_THRESHOLD_DEFAULT = 4;

    private UdpEndpoint[] endpoints = new UdpEndpoint[0];
    private TcpEndpoint[] tcpEndpoints = new TcpEndpoint[0];
    private StreamFramer streamFramer;
    private int tcpConnectionsMax = 1024;
    private long tcpIdleTimeoutNs = TimeUnit.SECONDS.toNanos(120);
    private int tcpBufferLength = 64 * 1024;
    private final PacketPublisher[] publishers = new PacketPublisher[EndpointRole.values().length];
    private PacketPoller outPoller;
    private IoCounters counters;
    private NanoClock clock = new SystemNanoClock();
    private int batch = 32;
    private long udpReceiveIntervalNs;
    private String udpSyscalls = IoConfiguration.UDP_SYSCALLS_MMSG;
    private boolean udpTimestamps;
    private boolean udpSegmentation = true;
    private int addressCacheCapacity = 4096;
    private int iterationThreshold = ITERATION_THRESHOLD_DEFAULT;
    private boolean isConcluded;

    /**
     * Check the wiring is complete.
     *
     * @return this.
     * @throws IllegalStateException if concluded twice or incomplete.
     */
    public IoContext conclude()
    {
        if (isConcluded)
        {
            throw new IllegalStateException("IoContext already concluded");
        }
        isConcluded = true;
        if (0 == endpoints.length + tcpEndpoints.length)
        {
            throw new IllegalStateException("io needs at least one endpoint");
        }
        for (int i = 0; i < endpoints.length; i++)
        {
            if (endpoints[i].id() != i)
            {
                throw new IllegalStateException("endpoint ids must be 0..n-1 in order, got " + endpoints[i].id());
            }
        }
        for (int i = 0; i < tcpEndpoints.length; i++)
        {
            if (tcpEndpoints[i].id() != endpoints.length + i)
            {
                throw new IllegalStateException("tcp endpoint ids must follow the udp ones in order: expected " +
                    (endpoints.length + i) + ", got " + tcpEndpoints[i].id());
            }
        }
        if (tcpEndpoints.length > 0 && null == streamFramer)
        {
            throw new IllegalStateException("tcp endpoints need a stream framer");
        }
        if (tcpConnectionsMax < 1 || tcpBufferLength < 1 || tcpIdleTimeoutNs <= 0)
        {
            throw new IllegalStateException("tcp limits must be positive: connections " + tcpConnectionsMax +
                ", buffer " + tcpBufferLength + ", idle timeout ns " + tcpIdleTimeoutNs);
        }
        if (!IoConfiguration.UDP_SYSCALLS_MMSG.equals(udpSyscalls) &&
            !IoConfiguration.UDP_SYSCALLS_CHANNEL.equals(udpSyscalls))
        {
            throw new IllegalStateException("udp syscalls must be " + IoConfiguration.UDP_SYSCALLS_MMSG + " or " +
                IoConfiguration.UDP_SYSCALLS_CHANNEL + ", got " + udpSyscalls);
        }
        if (null == counters)
        {
            throw new IllegalStateException("io needs counters");
        }
        return this;
    }

    /**
     * @return the UDP endpoints, index = id.
     */
    public UdpEndpoint[] endpoints()
    {
        return endpoints.clone();
    }

    /**
     * @param endpoints the UDP endpoints, index = id.
     * @return this.
     */
    public IoContext endpoints(final UdpEndpoint... endpoints)
    {
        this.endpoints = endpoints.clone();
        return this;
    }

    /**
     * @return the TCP listeners, ids following the UDP endpoints'.
     */
    public TcpEndpoint[] tcpEndpoints()
    {
        return tcpEndpoints.clone();
    }

    /**
     * @param tcpEndpoints the TCP listeners ({@code parley.sip.tcp.address}), ids following the UDP endpoints'.
     * @return this.
     */
    public IoContext tcpEndpoints(final TcpEndpoint... tcpEndpoints)
    {
        this.tcpEndpoints = tcpEndpoints.clone();
        return this;
    }

    /**
     * @return every endpoint, UDP then TCP, index = id: what the sip agent needs for Via and Contact headers.
     */
    public List<LocalEndpoint> localEndpoints()
    {
        final List<LocalEndpoint> list = new ArrayList<>(endpoints.length + tcpEndpoints.length);
        for (final UdpEndpoint endpoint : endpoints)
        {
            list.add(endpoint.describe());
        }
        for (final TcpEndpoint endpoint : tcpEndpoints)
        {
            list.add(endpoint.describe());
        }
        return List.copyOf(list);
    }

    /**
     * @return cuts TCP streams into messages.
     */
    public StreamFramer streamFramer()
    {
        return streamFramer;
    }

    /**
     * @param streamFramer cuts TCP streams into messages (for SIP: the sip module's {@code SipFraming}); required
     *                     when there are TCP endpoints.
     * @return this.
     */
    public IoContext streamFramer(final StreamFramer streamFramer)
    {
        this.streamFramer = streamFramer;
        return this;
    }

    /**
     * @return see {@code parley.io.tcp.connections.max}.
     */
    public int tcpConnectionsMax()
    {
        return tcpConnectionsMax;
    }

    /**
     * @param tcpConnectionsMax see {@code parley.io.tcp.connections.max}.
     * @return this.
     */
    public IoContext tcpConnectionsMax(final int tcpConnectionsMax)
    {
        this.tcpConnectionsMax = tcpConnectionsMax;
        return this;
    }

    /**
     * @return see {@code parley.io.tcp.idle.timeout}, ns.
     */
    public long tcpIdleTimeoutNs()
    {
        return tcpIdleTimeoutNs;
    }

    /**
     * @param tcpIdleTimeoutNs see {@code parley.io.tcp.idle.timeout}, ns.
     * @return this.
     */
    public IoContext tcpIdleTimeoutNs(final long tcpIdleTimeoutNs)
    {
        this.tcpIdleTimeoutNs = tcpIdleTimeoutNs;
        return this;
    }

    /**
     * @return see {@code parley.io.tcp.buffer}, bytes.
     */
    public int tcpBufferLength()
    {
        return tcpBufferLength;
    }

    /**
     * @param tcpBufferLength see {@code parley.io.tcp.buffer}, bytes.
     * @return this.
     */
    public IoContext tcpBufferLength(final int tcpBufferLength)
    {
        this.tcpBufferLength = tcpBufferLength;
        return this;
    }

    /**
     * @return the publishers, indexed by role ordinal; a role without a ring is {@code null}.
     */
    PacketPublisher[] publishers()
    {
        return publishers.clone();
    }

    /**
     * @param role      the endpoint role.
     * @param publisher the ring its datagrams go to.
     * @return this.
     */
    public IoContext publisher(final EndpointRole role, final PacketPublisher publisher)
    {
        publishers[role.ordinal()] = publisher;
        return this;
    }

    /**
     * @return the out ring poller.
     */
    public PacketPoller outPoller()
    {
        return outPoller;
    }

    /**
     * @param outPoller the out ring poller (multi-producer ring), or {@code null} for receive-only.
     * @return this.
     */
    public IoContext outPoller(final PacketPoller outPoller)
    {
        this.outPoller = outPoller;
        return this;
    }

    /**
     * @return the counters.
     */
    public IoCounters counters()
    {
        return counters;
    }

    /**
     * @param counters the io counters.
     * @return this.
     */
    public IoContext counters(final IoCounters counters)
    {
        this.counters = counters;
        return this;
    }

    /**
     * @return the clock for receive time stamps.
     */
    public NanoClock clock()
    {
        return clock;
    }

    /**
     * @param clock the clock.
     * @return this.
     */
    public IoContext clock(final NanoClock clock)
    {
        this.clock = clock;
        return this;
    }

    /**
     * @return datagrams per endpoint and sends per duty cycle, see {@code parley.io.batch}.
     */
    public int batch()
    {
        return batch;
    }

    /**
     * @param batch see {@code parley.io.batch}.
     * @return this.
     */
    public IoContext batch(final int batch)
    {
        this.batch = batch;
        return this;
    }

    /**
     * @return see {@code parley.io.udp.receive.interval}, in nanoseconds.
     */
    public long udpReceiveIntervalNs()
    {
        return udpReceiveIntervalNs;
    }

    /**
     * @param udpReceiveIntervalNs see {@code parley.io.udp.receive.interval}, in nanoseconds; 0 for none.
     * @return this.
     */
    public IoContext udpReceiveIntervalNs(final long udpReceiveIntervalNs)
    {
        this.udpReceiveIntervalNs = udpReceiveIntervalNs;
        return this;
    }

    /**
     * @return how UDP reaches the kernel, see {@code parley.io.udp.syscalls}.
     */
    public String udpSyscalls()
    {
        return udpSyscalls;
    }

    /**
     * @param udpSyscalls {@link IoConfiguration#UDP_SYSCALLS_MMSG} (the default; falls back to channel where not
     *                    available) or {@link IoConfiguration#UDP_SYSCALLS_CHANNEL}, see
     *                    {@code parley.io.udp.syscalls}.
     * @return this.
     */
    public IoContext udpSyscalls(final String udpSyscalls)
    {
        this.udpSyscalls = udpSyscalls;
        return this;
    }

    /**
     * @return whether UDP slots carry the kernel's receive time, see {@code parley.io.udp.timestamps}.
     */
    public boolean udpTimestamps()
    {
        return udpTimestamps;
    }

    /**
     * @param udpTimestamps see {@code parley.io.udp.timestamps}.
     * @return this.
     */
    public IoContext udpTimestamps(final boolean udpTimestamps)
    {
        this.udpTimestamps = udpTimestamps;
        return this;
    }

    /**
     * @return whether runs of same-length UDP datagrams to one destination are sent segmented, see
     * {@code parley.io.udp.gso}.
     */
    public boolean udpSegmentation()
    {
        return udpSegmentation;
    }

    /**
     * @param udpSegmentation see {@code parley.io.udp.gso}.
     * @return this.
     */
    public IoContext udpSegmentation(final boolean udpSegmentation)
    {
        this.udpSegmentation = udpSegmentation;
        return this;
    }

    /**
     * @return see {@code parley.io.address.cache}.
     */
    public int addressCacheCapacity()
    {
        return addressCacheCapacity;
    }

    /**
     * @param addressCacheCapacity see {@code parley.io.address.cache}.
     * @return this.
     */
    public IoContext addressCacheCapacity(final int addressCacheCapacity)
    {
        this.addressCacheCapacity = addressCacheCapacity;
        return this;
    }

    /**
     * @return up to this many endpoints are polled without a selector.
     */
    public int iterationThreshold()
    {
        return iterationThreshold;
    }

    /**
     * @param iterationThreshold up to this many endpoints are polled without a selector.
     * @return this.
     */
    public IoContext iterationThreshold(final int iterationThreshold)
    {
        this.iterationThreshold = iterationThreshold;
        return this;
    }
}
