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
        final TransactionContext transactionContext = new TransactionContext()
            .config(config)
            .timers(timers)
            .counters(new TransactionCounters(counters))
            .sender((index, destination, buffer, offset, length) ->
                outbound.send(destination, buffer, offset, length));
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
        else
        {
            final FullUas uas = FullUas.create(config, transactionContext, endpoints, outbound::send);
            application = wrapper.apply(uas);
            transactions = uas.transactions();
        }
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
            .retryAfterSeconds(TimeUnit.NANOSECONDS.toSeconds(config.longValue(SipConfiguration.RETRY_AFTER)))
            .counters(counters));
    }
}
