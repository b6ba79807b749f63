package dev.parley.sip;

import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import dev.parley.core.io.PacketPoller;
import dev.parley.core.status.Counters;
import dev.parley.sip.transaction.SipTimers;
import dev.parley.sip.transaction.Transactions;

/**
 * What a {@link SipAgent} is wired with; built by {@link SipStack}.
 */
public final class SipAgentContext
{
    private PacketPoller inbound;
    private int batch = 64;
    private NanoClock clock = SystemNanoClock.INSTANCE;
    private int maxHeaders = 128;
    private LocalEndpoints endpoints;
    private SipTimers timers;
    private Transactions transactions;
    private SipApplication application;
    private Outbound outbound;
    private long retryAfterSeconds = 5;
    private Counters counters;

    PacketPoller inbound()
    {
        return inbound;
    }

    /**
     * @param inbound the sip ring's poller.
     * @return this.
     */
    public SipAgentContext inbound(final PacketPoller inbound)
    {
        this.inbound = inbound;
        return this;
    }

    int batch()
    {
        return batch;
    }

    /**
     * @param batch most messages per duty cycle.
     * @return this.
     */
    public SipAgentContext batch(final int batch)
    {
        this.batch = batch;
        return this;
    }

    NanoClock clock()
    {
        return clock;
    }

    /**
     * @param clock the monotonic clock (settable in tests).
     * @return this.
     */
    public SipAgentContext clock(final NanoClock clock)
    {
        this.clock = clock;
        return this;
    }

    int maxHeaders()
    {
        return maxHeaders;
    }

    /**
     * @param maxHeaders most header values per message.
     * @return this.
     */
    public SipAgentContext maxHeaders(final int maxHeaders)
    {
        this.maxHeaders = maxHeaders;
        return this;
    }

    LocalEndpoints endpoints()
    {
        return endpoints;
    }

    /**
     * @param endpoints the local endpoints by id.
     * @return this.
     */
    public SipAgentContext endpoints(final LocalEndpoints endpoints)
    {
        this.endpoints = endpoints;
        return this;
    }

    SipTimers timers()
    {
        return timers;
    }

    /**
     * @param timers the agent's timer wheel.
     * @return this.
     */
    public SipAgentContext timers(final SipTimers timers)
    {
        this.timers = timers;
        return this;
    }

    Transactions transactions()
    {
        return transactions;
    }

    /**
     * @param transactions the transaction layer.
     * @return this.
     */
    public SipAgentContext transactions(final Transactions transactions)
    {
        this.transactions = transactions;
        return this;
    }

    SipApplication application()
    {
        return application;
    }

    /**
     * @param application the transaction user.
     * @return this.
     */
    public SipAgentContext application(final SipApplication application)
    {
        this.application = application;
        return this;
    }

    Outbound outbound()
    {
        return outbound;
    }

    /**
     * @param outbound the way out.
     * @return this.
     */
    public SipAgentContext outbound(final Outbound outbound)
    {
        this.outbound = outbound;
        return this;
    }

    long retryAfterSeconds()
    {
        return retryAfterSeconds;
    }

    /**
     * @param retryAfterSeconds Retry-After of a 503 that sheds load.
     * @return this.
     */
    public SipAgentContext retryAfterSeconds(final long retryAfterSeconds)
    {
        this.retryAfterSeconds = retryAfterSeconds;
        return this;
    }

    Counters counters()
    {
        return counters;
    }

    /**
     * @param counters where the agent's counters are allocated.
     * @return this.
     */
    public SipAgentContext counters(final Counters counters)
    {
        this.counters = counters;
        return this;
    }
}
