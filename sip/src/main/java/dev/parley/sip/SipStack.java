package dev.parley.sip;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.agrona.concurrent.NanoClock;

import dev.parley.core.config.Config;
import dev.parley.core.io.PacketPoller;
import dev.parley.core.io.PacketPublisher;
import dev.parley.core.status.Counters;
import dev.parley.sip.location.ClusterLocationStore;
import dev.parley.sip.location.LocationConnection;
import dev.parley.sip.proxy.Proxy;
import dev.parley.sip.registrar.Registrar;
import dev.parley.sip.transaction.SipTimers;
import dev.parley.sip.transaction.TransactionContext;
import dev.parley.sip.transaction.TransactionConfiguration;
import dev.parley.sip.transaction.TransactionCounters;
import dev.parley.sip.transaction.Transactions;
import dev.parley.sip.uas.FullUas;
import dev.parley.sip.uas.UasConfiguration;

/**
 * Builds the sip agent for the configured mode: its timer wheel, transaction layer, application and way out.
 */
public final class SipStack
{
    private SipStack()
    {
    }

    /**
     * @param config        the effective config.
     * @param inbound       the sip ring's poller.
     * @param out           the out ring.
     * @param outSlotLength the largest message an out slot holds.
     * @param endpoints     the local endpoints by id.
     * @param counters      where counters are allocated.
     * @param clock         the monotonic clock.
     * @return the agent.
     */
    public static SipAgent create(
        final Config config,
        final PacketPoller inbound,
        final PacketPublisher out,
        final int outSlotLength,
        final LocalEndpoints endpoints,
        final Counters counters,
        final NanoClock clock)
    {
        return create(config, inbound, out, outSlotLength, endpoints, counters, clock, uas -> uas);
    }

    /**
     * The same, with the application seen by the agent wrapped around the full UAS (e.g. to count what it does);
     * in registrar mode the wrapper is not used.
     *
     * @param config        the effective config.
     * @param inbound       the sip ring's poller.
     * @param out           the out ring.
     * @param outSlotLength the largest message an out slot holds.
     * @param endpoints     the local endpoints by id.
     * @param counters      where counters are allocated.
     * @param clock         the monotonic clock.
     * @param wrapper       given the full UAS, returns the application the agent calls.
     * @return the agent.
     */
    public static SipAgent create(
        final Config config,
        final PacketPoller inbound,
        final PacketPublisher out,
        final int outSlotLength,
        final LocalEndpoints endpoints,
        final Counters counters,
        final NanoClock clock,
        final Function<FullUas, SipApplication> wrapper)
    {
        return create(config, inbound, out, outSlotLength, endpoints, counters, clock, wrapper, null);
    }

    /**
     * The same, with the registrar's bindings in the location cluster.
     *
     * @param config        the effective config.
     * @param inbound       the sip ring's poller.
     * @param out           the out ring.
     * @param outSlotLength the largest message an out slot holds.
     * @param endpoints     the local endpoints by id.
     * @param counters      where counters are allocated.
     * @param clock         the monotonic clock.
     * @param wrapper       given the full UAS, returns the application the agent calls.
     * @param location      how to reach the location cluster, or null to keep bindings in memory.
     * @return the agent.
     */
    public static SipAgent create(
        final Config config,
        final PacketPoller inbound,
        final PacketPublisher out,
        final int outSlotLength,
        final LocalEndpoints endpoints,
        final Counters counters,
        final NanoClock clock,
        final Function<FullUas, SipApplication> wrapper,
        final LocationConnection location)
    {
        final Outbound outbound = new Outbound(out, counters.newCounter(SipCounter.MESSAGES_OUT),
            counters.newCounter(SipCounter.OUT_DROPS), outSlotLength);
        final SipTimers timers = new SipTimers(clock.nanoTime(), SipTimers.expectedTimers(
            config.intValue(TransactionConfiguration.TRANSACTIONS_MAX), config.intValue(UasConfiguration.DIALOGS_MAX)));
        final TransactionContext transactionContext = transactionContext(config, timers, outbound, counters);
        final SipApplication application;
        final Transactions transactions;
        if (SipConfiguration.MODE_REGISTRAR.equals(config.text(SipConfiguration.MODE)))
        {
            final Registrar registrar = Registrar.create(config, transactionContext, counters, clock.nanoTime(),
                System.currentTimeMillis(), null == location ? null :
                ClusterLocationStore.create(config, location, counters));
            application = registrar;
            transactions = registrar.transactions();
        }
        else if (SipConfiguration.MODE_PROXY.equals(config.text(SipConfiguration.MODE)))
        {
            final Proxy proxy = Proxy.create(config, transactionContext, endpoints, counters, outbound::send,
                clock.nanoTime(), System.currentTimeMillis(), null == location ? null :
                ClusterLocationStore.create(config, location, counters));
            application = proxy;
            transactions = proxy.transactions();
        }
        else
        {
            final FullUas uas = FullUas.create(config, transactionContext, endpoints, outbound::send);
            application = wrapper.apply(uas);
            transactions = uas.transactions();
        }
        return agent(config, inbound, clock, endpoints, timers, transactions, application, outbound,
            TimeUnit.NANOSECONDS.toSeconds(config.longValue(SipConfiguration.RETRY_AFTER)), counters);
    }

    /**
     * What a transaction layer needs from the agent it runs in: config, the agent's timer wheel, counters, and
     * the outbound path its messages leave by. The caller adds its transaction user.
     *
     * @param config   the effective config.
     * @param timers   the agent's timer wheel.
     * @param outbound where messages go.
     * @param counters where the transaction counters are allocated.
     * @return the context.
     */
    public static TransactionContext transactionContext(
        final Config config, final SipTimers timers, final Outbound outbound, final Counters counters)
    {
        return new TransactionContext()
            .config(config)
            .timers(timers)
            .counters(new TransactionCounters(counters))
            .sender((index, destination, buffer, offset, length) ->
                outbound.send(destination, buffer, offset, length));
    }

    /**
     * A sip agent around an application and its transaction layer: the server's, or a tool's user agent.
     *
     * @param config            the effective config (batch, header limit).
     * @param inbound           the sip ring's poller.
     * @param clock             the agent's clock.
     * @param endpoints         the local endpoints by id.
     * @param timers            the agent's timer wheel.
     * @param transactions      the transaction layer.
     * @param application       what the agent hands messages to.
     * @param outbound          where messages go.
     * @param retryAfterSeconds Retry-After of the agent's own 503s.
     * @param counters          where the agent's counters are allocated.
     * @return the agent.
     */
    public static SipAgent agent(
        final Config config,
        final PacketPoller inbound,
        final NanoClock clock,
        final LocalEndpoints endpoints,
        final SipTimers timers,
        final Transactions transactions,
        final SipApplication application,
        final Outbound outbound,
        final long retryAfterSeconds,
        final Counters counters)
    {
        return new SipAgent(new SipAgentContext()
            .inbound(inbound)
            .batch(config.intValue(SipConfiguration.BATCH))
            .clock(clock)
            .maxHeaders(config.intValue(SipConfiguration.HEADERS_MAX))
            .endpoints(endpoints)
            .timers(timers)
            .transactions(transactions)
            .application(application)
            .outbound(outbound)
            .retryAfterSeconds(retryAfterSeconds)
            .counters(counters));
    }
}
