package dev.parley.sip.proxy;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;

import dev.parley.sip.Flow;
import dev.parley.sip.LocalEndpoints;
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.SipMethod;
import dev.parley.sip.transaction.Destination;
import dev.parley.sip.transaction.Transactions;

/**
 * Starts one branch of a request being proxied (RFC 3261 §16.6): writes the forwarded copy for its target, opens
 * its client transaction, which sends it, and ties the transaction to the context's branch. Shared by every way a
 * target is found (Route, contacts by q-value group, static routes with failover). Sip thread only; no allocation.
 */
final class ProxyBranches
{
    private final Transactions transactions;
    private final ProxyContexts contexts;
    private final ProxyMessages messages;
    private final LocalEndpoints endpoints;
    private final AtomicCounter started;
    private final UnsafeBuffer key = new UnsafeBuffer(new byte[Transactions.KEY_CAPACITY]);
    private long unique;

    ProxyBranches(
        final Transactions transactions,
        final ProxyContexts contexts,
        final ProxyMessages messages,
        final LocalEndpoints endpoints,
        final AtomicCounter started,
        final long seed)
    {
        this.transactions = transactions;
        this.contexts = contexts;
        this.messages = messages;
        this.endpoints = endpoints;
        this.started = started;
        this.unique = 0 == seed ? 0x9E3779B97F4A7C15L : seed;
    }

    /**
     * @param context     the request's context.
     * @param request     the request as received.
     * @param flow        where it came from.
     * @param uri         buffer of the branch's Request-URI.
     * @param uriOffset   its start.
     * @param uriLength   its length.
     * @param skip        Route values at the top that were ours.
     * @param path        buffer of Route values to put first (a binding's Path), or null.
     * @param pathOffset  their start.
     * @param pathLength  their length.
     * @param loopHash    the request's loop-detection hash.
     * @param destination where the branch goes.
     * @param nowNs       the agent's clock.
     * @return the branch, or -1 when none could be started (context full, message too large, table full).
     */
    int start(
        final int context,
        final SipMessage request,
        final Flow flow,
        final DirectBuffer uri,
        final int uriOffset,
        final int uriLength,
        final int skip,
        final DirectBuffer path,
        final int pathOffset,
        final int pathLength,
        final long loopHash,
        final Destination destination,
        final long nowNs)
    {
        if (contexts.branchCount[context] >= ProxyContexts.BRANCHES)
        {
            return -1;
        }
        final int method = request.method();
        final boolean recordRoute = request.toTagOffset() < 0 &&
            (SipMethod.INVITE == method || SipMethod.SUBSCRIBE == method);
        final long branchId = nextUnique();
        final int length = messages.forward(request, flow, uri, uriOffset, uriLength, skip, path, pathOffset,
            pathLength, endpoints.get(flow.endpointId()), endpoints.get(destination.endpointId()), recordRoute,
            loopHash, branchId, contexts.omitted[context]);
        if (length <= 0)
        {
            return -1;
        }
        final int keyLength = ProxyMessages.clientKey(loopHash, branchId, method, key);
        final int index = transactions.createClient(key, 0, keyLength, SipMethod.INVITE == method,
            messages.scratch(), 0, length, destination, nowNs);
        if (index < 0)
        {
            return -1;
        }
        final int branch = contexts.addBranch(context, index);
        transactions.userSlot(index, contexts.slot(context, branch));
        started.incrementRelease();
        return branch;
    }

    /**
     * @return a fresh 64-bit value (xorshift) for branch and probe identifiers.
     */
    long nextUnique()
    {
        long x = unique;
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        unique = x;
        return x;
    }
}
