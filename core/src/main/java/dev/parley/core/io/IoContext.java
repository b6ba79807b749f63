package dev.parley.core.io;

import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

/**
 * What the io agent is built from: endpoints, one ring publisher per endpoint role, the out ring poller, counters
 * and limits. Filled on the main thread, then {@link #conclude()}d once.
 */
public final class IoContext
{
    /**
     * Up to this many endpoints are polled by trying each; past it a selector is used.
     */
    public static final int ITERATION_THRESHOLD_DEFAULT = 4;

    private UdpEndpoint[] endpoints;
    private final PacketPublisher[] publishers = new PacketPublisher[EndpointRole.values().length];
    private PacketPoller outPoller;
    private IoCounters counters;
    private NanoClock clock = new SystemNanoClock();
    private int batch = 32;
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
        if (null == endpoints || 0 == endpoints.length)
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
        if (null == counters)
        {
            throw new IllegalStateException("io needs counters");
        }
        return this;
    }

    /**
     * @return the endpoints, index = id.
     */
    public UdpEndpoint[] endpoints()
    {
        return endpoints;
    }

    /**
     * @param endpoints the endpoints, index = id.
     * @return this.
     */
    public IoContext endpoints(final UdpEndpoint... endpoints)
    {
        this.endpoints = endpoints.clone();
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
