package dev.parley.sip.location;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.parley.core.config.Config;
import dev.parley.core.status.Counters;
import dev.parley.sip.location.codec.Cause;
import dev.parley.sip.registrar.AorKey;
import dev.parley.sip.registrar.BindingTable;
import dev.parley.sip.registrar.LocationListener;
import dev.parley.sip.registrar.LocationStore;
import dev.parley.sip.registrar.MemoryLocationStore;
import dev.parley.sip.registrar.RegistrarConfiguration;
import dev.parley.sip.registrar.RegistrationChange;
import dev.parley.sip.route.RouteListener;
import dev.parley.sip.route.RouteSource;
import dev.parley.sip.route.RouteSpec;
import dev.parley.sip.transaction.TransactionConfiguration;

/**
 * The registrar's {@link LocationStore} when bindings live in the location cluster: reads come from a read-only
 * cache in the sip agent, fed by the cluster's {@code BindingsChanged} events (so routing never waits on the
 * control plane), and each change is a {@code SetBindings} command whose outcome is reported only after the cluster
 * committed it. That is what lets the registrar promise a binding with its 200.
 * <p>
 * Each change carries the version of the set it was computed from; the cluster refuses a stale one with
 * {@link LocationListener#CONFLICT} (two REGISTERs for one address of record in flight, or two servers), and since
 * the cluster sends the newer set before that refusal, the cache already holds it when the registrar recomputes.
 * While the cluster is unreachable, or when a command is not answered within the timeout, the change is refused
 * with {@link LocationListener#UNAVAILABLE} (503 and Retry-After) and the cache keeps serving reads. After every
 * (re)connect the cache is resynchronised, and addresses of record the cluster no longer holds are dropped.
 * <p>
 * Commands in flight sit in a ring indexed by their sequence number; nothing is allocated per change. The cache
 * does not expire bindings itself: the cluster's expiry events do, so cache and cluster agree on versions. Readers
 * must compare expiry times with the clock.
 * <p>
 * It is also the sip agent's {@link RouteSource} when the cluster holds the static routes: route events go to the
 * {@link RouteListener} parsed, a route whose text is unchanged is not sent again, and after a resync the routes it
 * knew that the cluster did not send again are removed. Text the cluster holds but this version cannot parse is
 * logged once and skipped (the route of that name, if any, is removed). Polled once per duty cycle for both roles.
 * Sip thread only.
 */
public final class ClusterLocationStore implements LocationStore, LocationClientListener, RouteSource
{
    private static final Logger LOG = LoggerFactory.getLogger(ClusterLocationStore.class);
    private static final long FREE = -1;

    private final MemoryLocationStore cache;
    private final LocationClient client;
    private final long timeoutNs;
    private final long[] versions;
    private final int[] syncMarks;
    private final long[] pendingSeq;
    private final long[] pendingCorrelation;
    private final long[] pendingDeadlineNs;
    private final int mask;
    private final AtomicCounter state;
    private final AtomicCounter commands;
    private final AtomicCounter applied;
    private final AtomicCounter conflicts;
    private final AtomicCounter unavailable;
    private final AtomicCounter events;
    private final AtomicCounter cacheAors;
    private final AtomicCounter cacheRefused;
    private final LocationListener cacheListener = this::onCached;
    private final Map<String, String> routeTexts = new HashMap<>();
    private final Map<String, Integer> routeMarks = new HashMap<>();
    private final Set<String> unparsed = new HashSet<>();
    private final Map<String, RouteSpec> routes = new HashMap<>();
    private RouteListener routeListener;
    private LocationListener listener;
    private long nextSeq;
    private long oldestSeq;
    private long nowNs;
    private int syncEpoch;
    private boolean synced;

    /**
     * @param connection  how to reach the cluster.
     * @param aorsMax     addresses of record the cache holds (the cluster's bound).
     * @param contactsMax bindings per address of record.
     * @param bindingsMax bindings the cache holds.
     * @param inFlightMax commands awaiting their result at once (the transaction table's size is enough).
     * @param timeoutNs   how long a command may wait for its result before the change is refused.
     * @param counters    where the link's counters are allocated.
     */
    public ClusterLocationStore(
        final LocationConnection connection,
        final int aorsMax,
        final int contactsMax,
        final int bindingsMax,
        final int inFlightMax,
        final long timeoutNs,
        final Counters counters)
    {
        this.cache = new MemoryLocationStore(aorsMax, contactsMax, bindingsMax);
        this.client = connection.newClient(contactsMax, this);
        this.timeoutNs = timeoutNs;
        this.versions = new long[cache.handleCapacity()];
        this.syncMarks = new int[cache.handleCapacity()];
        int ringLength = 16;
        while (ringLength < inFlightMax)
        {
            ringLength <<= 1;
        }
        this.pendingSeq = new long[ringLength];
        Arrays.fill(pendingSeq, FREE);
        this.pendingCorrelation = new long[ringLength];
        this.pendingDeadlineNs = new long[ringLength];
        this.mask = ringLength - 1;
        this.state = counters.newCounter(LocationCounter.STATE);
        this.commands = counters.newCounter(LocationCounter.COMMANDS);
        this.applied = counters.newCounter(LocationCounter.APPLIED);
        this.conflicts = counters.newCounter(LocationCounter.CONFLICTS);
        this.unavailable = counters.newCounter(LocationCounter.UNAVAILABLE);
        this.events = counters.newCounter(LocationCounter.EVENTS);
        this.cacheAors = counters.newCounter(LocationCounter.CACHE_AORS);
        this.cacheRefused = counters.newCounter(LocationCounter.CACHE_REFUSED);
    }

    /**
     * Sized from the registrar's keys, with commands in flight bounded by the transaction table and answered
     * within the connect timeout.
     *
     * @param config     the effective config.
     * @param connection how to reach the cluster.
     * @param counters   where the link's counters are allocated.
     * @return the store, not yet connected.
     */
    public static ClusterLocationStore create(
        final Config config, final LocationConnection connection, final Counters counters)
    {
        return new ClusterLocationStore(connection,
            config.intValue(RegistrarConfiguration.AORS_MAX),
            config.intValue(RegistrarConfiguration.CONTACTS_MAX),
            config.intValue(RegistrarConfiguration.BINDINGS_MAX),
            config.intValue(TransactionConfiguration.TRANSACTIONS_MAX),
            config.longValue(LocationConfiguration.CONNECT_TIMEOUT),
            counters);
    }

    /**
     * @return the client's state ({@link LocationClient#CONNECTED} once it may take changes).
     */
    public int linkState()
    {
        return client.state();
    }

    /**
     * @return whether the cache has been filled from the cluster since the last connect.
     */
    public boolean isSynced()
    {
        return synced;
    }

    @Override
    public int find(final AorKey aor)
    {
        return cache.find(aor);
    }

    @Override
    public int find(final DirectBuffer buffer, final int offset, final int length)
    {
        return cache.find(buffer, offset, length);
    }

    @Override
    public int bindingCount(final int aorHandle)
    {
        return cache.bindingCount(aorHandle);
    }

    @Override
    public int binding(final int aorHandle, final int position)
    {
        return cache.binding(aorHandle, position);
    }

    @Override
    public BindingTable bindings()
    {
        return cache.bindings();
    }

    @Override
    public long version(final int aorHandle)
    {
        return NO_AOR == aorHandle ? 0 : versions[aorHandle];
    }

    @Override
    public int size()
    {
        return cache.size();
    }

    /**
     * @return addresses of record in the cache.
     */
    public int aorCount()
    {
        return cache.aorCount();
    }

    /**
     * Bindings go when the cluster's expiry events say so, never by the cache's own clock.
     *
     * @return 0.
     */
    @Override
    public int expire(final long nowMs)
    {
        return 0;
    }

    @Override
    public void apply(final RegistrationChange change, final LocationListener listener)
    {
        this.listener = listener;
        final long seq = nextSeq;
        final int slot = (int)seq & mask;
        if (FREE != pendingSeq[slot] || !client.offer(change, seq))
        {
            unavailable.incrementRelease();
            listener.onApplied(change.correlation(), LocationListener.UNAVAILABLE);
            return;
        }
        nextSeq++;
        pendingSeq[slot] = seq;
        pendingCorrelation[slot] = change.correlation();
        pendingDeadlineNs[slot] = nowNs + timeoutNs;
        commands.incrementRelease();
    }

    @Override
    public int poll(final long nowNs)
    {
        this.nowNs = nowNs;
        int work = client.poll(nowNs);
        while (oldestSeq < nextSeq)
        {
            final int slot = (int)oldestSeq & mask;
            if (FREE != pendingSeq[slot])
            {
                if (pendingDeadlineNs[slot] - nowNs > 0)
                {
                    break;
                }
                fail(slot);
                work++;
            }
            oldestSeq++;
        }
        return work;
    }

    @Override
    public boolean awaitsReplies()
    {
        return oldestSeq < nextSeq || LocationClient.CONNECTED != client.state();
    }

    @Override
    public void close()
    {
        client.close();
    }

    @Override
    public void onResult(final long correlation, final int result)
    {
        final int slot = (int)correlation & mask;
        if (correlation != pendingSeq[slot])
        {
            return;
        }
        pendingSeq[slot] = FREE;
        if (LocationListener.APPLIED == result)
        {
            applied.incrementRelease();
        }
        else if (LocationListener.CONFLICT == result)
        {
            conflicts.incrementRelease();
        }
        listener.onApplied(pendingCorrelation[slot], LocationCodec.INVALID == result ?
            LocationListener.UNAVAILABLE : result);
    }

    @Override
    public void onBindingsChanged(final RegistrationChange bindings, final Cause cause, final long timeMs)
    {
        events.incrementRelease();
        cache.apply(bindings, cacheListener);
        final int handle = cache.find(bindings.aor());
        if (NO_AOR != handle)
        {
            versions[handle] = bindings.version();
            syncMarks[handle] = syncEpoch;
        }
        cacheAors.setRelease(cache.aorCount());
    }

    @Override
    public void routeListener(final RouteListener listener)
    {
        this.routeListener = listener;
        if (null != listener)
        {
            for (final RouteSpec route : routes.values())
            {
                listener.onRouteSet(route);
            }
        }
    }

    /**
     * @return the routes the cluster sent, by name (not yet cleaned by a sync in progress); read-only copy.
     */
    public Map<String, RouteSpec> routes()
    {
        return Map.copyOf(routes);
    }

    @Override
    public void onRouteChanged(final String name, final String text, final Cause cause)
    {
        events.incrementRelease();
        if (null == text || text.isEmpty())
        {
            removeRoute(name);
            return;
        }
        routeMarks.put(name, syncEpoch);
        if (text.equals(routeTexts.get(name)))
        {
            return;
        }
        final RouteSpec route;
        try
        {
            route = RouteSpec.parse(name, text);
        }
        catch (final IllegalArgumentException ex)
        {
            if (unparsed.add(name + '\n' + text))
            {
                LOG.error("location: route {} from the cluster cannot be used, skipped: {}", name, ex.getMessage());
            }
            removeRoute(name);
            return;
        }
        routeTexts.put(name, text);
        routes.put(name, route);
        if (null != routeListener)
        {
            routeListener.onRouteSet(route);
        }
    }

    @Override
    public void onStateChange(final int newState)
    {
        state.setRelease(newState);
        if (LocationClient.CONNECTED == newState)
        {
            LOG.info("location: connected to the cluster; synchronising the cache");
            syncEpoch++;
            synced = false;
            return;
        }
        int failed = 0;
        for (int slot = 0; slot <= mask; slot++)
        {
            if (FREE != pendingSeq[slot])
            {
                fail(slot);
                failed++;
            }
        }
        LOG.warn("location: lost the cluster ({} changes in flight answered 503); REGISTER gets 503 until it is " +
            "back, routing reads the cache", failed);
    }

    @Override
    public void onSyncComplete()
    {
        final int capacity = cache.handleCapacity();
        for (int handle = 0; handle < capacity; handle++)
        {
            if (cache.isLive(handle) && syncMarks[handle] != syncEpoch)
            {
                cache.remove(handle);
            }
        }
        final List<String> gone = new ArrayList<>();
        for (final Map.Entry<String, Integer> mark : routeMarks.entrySet())
        {
            if (mark.getValue() != syncEpoch)
            {
                gone.add(mark.getKey());
            }
        }
        gone.forEach(this::removeRoute);
        synced = true;
        cacheAors.setRelease(cache.aorCount());
        LOG.info("location: cache synchronised, {} addresses of record, {} routes", cache.aorCount(), routes.size());
    }

    private void removeRoute(final String name)
    {
        routeMarks.remove(name);
        routeTexts.remove(name);
        if (null != routes.remove(name) && null != routeListener)
        {
            routeListener.onRouteRemoved(name);
        }
    }

    private void onCached(final long correlation, final int result)
    {
        if (LocationListener.APPLIED != result)
        {
            cacheRefused.incrementRelease();
        }
    }

    private void fail(final int slot)
    {
        pendingSeq[slot] = FREE;
        unavailable.incrementRelease();
        listener.onApplied(pendingCorrelation[slot], LocationListener.UNAVAILABLE);
    }
}
