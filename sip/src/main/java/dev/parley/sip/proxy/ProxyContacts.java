package dev.parley.sip.proxy;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.status.AtomicCounter;

import dev.parley.sip.Flow;
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.registrar.AorKey;
import dev.parley.sip.registrar.BindingTable;
import dev.parley.sip.registrar.LocationStore;
import dev.parley.sip.transaction.Destination;

/**
 * The branches to the contacts registered for a Request-URI (RFC 3261 §16.5 and §16.6): contacts with the highest
 * q-value are forked in parallel, and when every branch of that group has failed (no 2xx, no 6xx, not cancelled)
 * the group with the next lower q is tried, and so on; contacts without a q count as 1.0. With
 * {@code parley.proxy.fork=parallel} every contact is forked at once. The bindings are read again from the location
 * store for each group, so a contact that registered or left meanwhile is honoured. Sip thread only; no allocation.
 */
final class ProxyContacts
{
    /**
     * A context's group before any contact was forked.
     */
    static final int FIRST = Integer.MAX_VALUE;
    /**
     * A context's group once none is left (or the context is not forking to contacts).
     */
    static final int NO_GROUP = Integer.MIN_VALUE;
    private static final int Q_ABSENT = 1000;

    private final LocationStore store;
    private final ProxyTargets targets;
    private final ProxyBranches branches;
    private final ProxyContexts contexts;
    private final AtomicCounter unroutable;
    private final boolean parallel;
    private final AorKey aor = new AorKey();
    private final Destination destination = new Destination();

    ProxyContacts(
        final LocationStore store,
        final ProxyTargets targets,
        final ProxyBranches branches,
        final ProxyContexts contexts,
        final AtomicCounter unroutable,
        final boolean parallel)
    {
        this.store = store;
        this.targets = targets;
        this.branches = branches;
        this.contexts = contexts;
        this.unroutable = unroutable;
        this.parallel = parallel;
    }

    /**
     * @param request a request whose Request-URI is a user of a served domain.
     * @return the location store's handle of its address of record, or {@link LocationStore#NO_AOR}.
     */
    int find(final SipMessage request)
    {
        return aor.of(request.requestUri()) ? store.find(aor) : LocationStore.NO_AOR;
    }

    /**
     * @param handle an address of record's handle, or {@link LocationStore#NO_AOR}.
     * @return how many contacts are bound to it.
     */
    int count(final int handle)
    {
        return LocationStore.NO_AOR == handle ? 0 : store.bindingCount(handle);
    }

    /**
     * Forks the next group: the contacts with the highest q below the context's current group (all contacts, the
     * first time), skipping groups none of whose contacts can be reached.
     *
     * @param handle the request's address of record ({@link #find}), looked up again for each group.
     * @return the branches started; 0 when no group is left.
     */
    int forkNext(
        final int context,
        final int handle,
        final SipMessage request,
        final Flow flow,
        final int skip,
        final long loopHash,
        final long nowNs)
    {
        if (LocationStore.NO_AOR == handle)
        {
            return 0;
        }
        int started = 0;
        while (0 == started && NO_GROUP != contexts.groupQ[context])
        {
            final int q = parallel ? FIRST : highestBelow(handle, contexts.groupQ[context]);
            contexts.groupQ[context] = parallel ? NO_GROUP : q;
            if (NO_GROUP != q)
            {
                started = forkGroup(context, request, flow, skip, loopHash, handle, q, nowNs);
            }
        }
        return started;
    }

    private int forkGroup(
        final int context,
        final SipMessage request,
        final Flow flow,
        final int skip,
        final long loopHash,
        final int handle,
        final int q,
        final long nowNs)
    {
        final BindingTable bindings = store.bindings();
        final DirectBuffer arena = bindings.arena();
        final int count = store.bindingCount(handle);
        int started = 0;
        for (int p = 0; p < count; p++)
        {
            final int binding = store.binding(handle, p);
            if (!parallel && q(bindings, binding) != q)
            {
                continue;
            }
            // The contact is reached where its REGISTER came from (its flow), which also works behind NAT.
            if (!targets.resolve(bindings.family(binding), bindings.addressHigh(binding),
                bindings.addressLow(binding), bindings.port(binding), bindings.transport(binding),
                bindings.connectionId(binding), destination))
            {
                unroutable.incrementRelease();
                continue;
            }
            if (branches.start(context, request, flow, arena, bindings.uriOffset(binding), bindings.uriLength(binding),
                skip, arena, bindings.pathOffset(binding), bindings.pathLength(binding), loopHash, destination,
                nowNs) >= 0)
            {
                started++;
            }
        }
        return started;
    }

    /**
     * @return the highest q of the address of record's contacts below {@code below}, or {@link #NO_GROUP}.
     */
    private int highestBelow(final int handle, final int below)
    {
        final BindingTable bindings = store.bindings();
        int highest = NO_GROUP;
        for (int p = 0, count = store.bindingCount(handle); p < count; p++)
        {
            final int q = q(bindings, store.binding(handle, p));
            if (q < below && q > highest)
            {
                highest = q;
            }
        }
        return highest;
    }

    private static int q(final BindingTable bindings, final int binding)
    {
        final int q = bindings.q(binding);
        return q < 0 ? Q_ABSENT : q;
    }
}
