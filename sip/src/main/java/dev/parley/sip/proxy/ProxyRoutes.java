package dev.parley.sip.proxy;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.parley.core.status.Counters;
import dev.parley.sip.Flow;
import dev.parley.sip.LocalEndpoints;
import dev.parley.sip.protocol.SipChars;
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.SipUri;
import dev.parley.sip.protocol.SipWriter;
import dev.parley.sip.route.RouteListener;
import dev.parley.sip.route.RouteProbe;
import dev.parley.sip.route.RouteSpec;
import dev.parley.sip.route.RouteTable;
import dev.parley.sip.transaction.Destination;
import dev.parley.sip.transaction.Transactions;

/**
 * Static routes in the proxy: a request whose Request-URI matches a route (longest number prefix, else domain) goes,
 * Request-URI unchanged, to one destination the route picks by weight; when that destination answers 503 or does not
 * answer in time (408) the next one is tried, until the route has none left. Each destination is probed with OPTIONS
 * (RFC 3261 §11) on its own client transaction, and destinations that stop answering are skipped until they answer
 * again. Routes arrive as {@link RouteListener} changes from wherever they are held. Sip thread only; a request or
 * a probe allocates nothing, a route change may.
 */
final class ProxyRoutes implements RouteListener
{
    private static final Logger LOG = LoggerFactory.getLogger(ProxyRoutes.class);
    private static final long PROBE_FLAG = Long.MIN_VALUE;
    private static final int PROBES_PER_CYCLE = 16;
    private static final byte[] BRANCH_MAGIC = SipChars.ascii("z9hG4bK");
    private static final byte[] OPTIONS_KEY = SipChars.ascii(" OPTIONS");

    private final RouteTable table;
    private final RouteProbe probe = new RouteProbe();
    private final Transactions transactions;
    private final ProxyTargets targets;
    private final ProxyBranches branches;
    private final ProxyContexts contexts;
    private final LocalEndpoints endpoints;
    private final UnsafeBuffer scratch;
    private final UnsafeBuffer key = new UnsafeBuffer(new byte[Transactions.KEY_CAPACITY]);
    private final Destination destination = new Destination();
    private final AtomicCounter routed;
    private final AtomicCounter failovers;
    private final AtomicCounter probes;
    private final AtomicCounter probeFailures;
    private final AtomicCounter unroutable;

    ProxyRoutes(
        final RouteTable table,
        final Transactions transactions,
        final ProxyTargets targets,
        final ProxyBranches branches,
        final ProxyContexts contexts,
        final LocalEndpoints endpoints,
        final int messageCapacity,
        final Counters counters,
        final AtomicCounter unroutable)
    {
        this.table = table;
        this.transactions = transactions;
        this.targets = targets;
        this.branches = branches;
        this.contexts = contexts;
        this.endpoints = endpoints;
        this.scratch = new UnsafeBuffer(new byte[messageCapacity]);
        this.routed = counters.newCounter(ProxyCounter.ROUTED);
        this.failovers = counters.newCounter(ProxyCounter.FAILOVERS);
        this.probes = counters.newCounter(ProxyCounter.PROBES);
        this.probeFailures = counters.newCounter(ProxyCounter.PROBE_FAILURES);
        this.unroutable = unroutable;
    }

    @Override
    public void onRouteSet(final RouteSpec route)
    {
        try
        {
            table.set(route);
            LOG.info("route {} set: {}", route.name(), route.text());
        }
        catch (final IllegalStateException ex)
        {
            LOG.warn("route {} not applied: {} routes already held ({})", route.name(), table.size(), ex.getMessage());
        }
    }

    @Override
    public void onRouteRemoved(final String name)
    {
        if (table.remove(name))
        {
            LOG.info("route {} removed", name);
        }
    }

    /**
     * @return the route the Request-URI matches, or -1.
     */
    int match(final SipUri requestUri)
    {
        return table.match(requestUri);
    }

    /**
     * Ties a context to a route before its first {@link #forward}.
     */
    void open(final int context, final int route)
    {
        contexts.route[context] = route;
        contexts.routeGeneration[context] = table.generation(route);
        contexts.tried[context] = 0;
        routed.incrementRelease();
    }

    /**
     * Starts a branch to the next destination of the context's route that it has not tried.
     *
     * @return 1 when a branch started, 0 when the route has no destination left (or was replaced meanwhile).
     */
    int forward(
        final int context, final SipMessage request, final Flow flow, final int skip, final long loopHash,
        final long nowNs)
    {
        final int route = contexts.route[context];
        if (route < 0 || table.generation(route) != contexts.routeGeneration[context])
        {
            return 0;
        }
        int target;
        while ((target = table.pick(route, contexts.tried[context])) >= 0)
        {
            contexts.tried[context] |= 1 << target;
            if (!targets.resolve(table.family(route, target), table.addressHigh(route, target),
                table.addressLow(route, target), table.port(route, target), table.transport(route, target), -1,
                destination))
            {
                unroutable.incrementRelease();
                continue;
            }
            final int branch = branches.start(context, request, flow, request.buffer(), request.requestUriOffset(),
                request.requestUriLength(), skip, null, 0, 0, loopHash, destination, nowNs);
            if (branch < 0)
            {
                return 0;
            }
            contexts.branchTarget[context * ProxyContexts.BRANCHES + branch] = (byte)target;
            return 1;
        }
        return 0;
    }

    /**
     * A branch of a routed request ended without success.
     *
     * @return whether the status calls for the next destination ({@link RouteTable#failsOver}); the destination's
     * failure is then counted toward taking it down.
     */
    boolean failed(final int context, final int branch, final int statusCode, final long nowNs)
    {
        if (contexts.route[context] < 0 || !RouteTable.failsOver(statusCode))
        {
            return false;
        }
        table.onFailure(contexts.route[context], contexts.branchTarget[context * ProxyContexts.BRANCHES + branch],
            contexts.routeGeneration[context], nowNs);
        failovers.incrementRelease();
        return true;
    }

    /**
     * Sends the OPTIONS probes that are due.
     *
     * @return the probes sent.
     */
    int doWork(final long nowNs)
    {
        int sent = 0;
        int due;
        while (sent < PROBES_PER_CYCLE && (due = table.nextProbe(nowNs)) >= 0)
        {
            sendProbe(RouteTable.probeRoute(due), RouteTable.probeTarget(due), nowNs);
            sent++;
        }
        return sent;
    }

    /**
     * @return whether a transaction's user slot marks a probe (the proxy's contexts and CANCELs use other values).
     */
    static boolean isProbe(final long slot)
    {
        return slot < 0 && ProxyContexts.CANCEL_SLOT != slot;
    }

    /**
     * The final response (or timeout, as 408) of a probe's transaction: anything but 503 and 408 proves the
     * destination alive.
     */
    void onProbeAnswer(final long slot, final int statusCode, final long nowNs)
    {
        if (statusCode < 200)
        {
            return;
        }
        final boolean ok = 503 != statusCode && 408 != statusCode;
        if (!ok)
        {
            probeFailures.incrementRelease();
        }
        final int pair = (int)(slot & 0xFFFFFFFFL);
        table.onProbeResult(RouteTable.probeRoute(pair), RouteTable.probeTarget(pair),
            (int)(slot >>> 32 & 0x7FFFFFFFL), ok, nowNs);
    }

    private void sendProbe(final int route, final int target, final long nowNs)
    {
        final int generation = table.generation(route);
        if (!targets.resolve(table.family(route, target), table.addressHigh(route, target),
            table.addressLow(route, target), table.port(route, target), table.transport(route, target), -1,
            destination))
        {
            unroutable.incrementRelease();
            return;
        }
        final long branch = branches.nextUnique();
        final int length = probe.write(scratch, 0, scratch.capacity(), table, route, target,
            endpoints.get(destination.endpointId()), branch, branches.nextUnique(), branches.nextUnique());
        if (length <= 0)
        {
            return;
        }
        key.putBytes(0, BRANCH_MAGIC);
        SipWriter.putHex(key, BRANCH_MAGIC.length, branch);
        key.putBytes(BRANCH_MAGIC.length + SipWriter.HEX_LENGTH, OPTIONS_KEY);
        final int index = transactions.createClient(key, 0, BRANCH_MAGIC.length + SipWriter.HEX_LENGTH +
            OPTIONS_KEY.length, false, scratch, 0, length, destination, nowNs);
        if (index >= 0)
        {
            probes.incrementRelease();
            transactions.userSlot(index, PROBE_FLAG | ((long)generation & 0x7FFFFFFFL) << 32 |
                (long)route * RouteTable.TARGETS_PER_ROUTE + target);
        }
    }
}
