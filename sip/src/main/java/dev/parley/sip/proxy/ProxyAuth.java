package dev.parley.sip.proxy;

import org.agrona.concurrent.status.AtomicCounter;

import dev.parley.core.status.Counters;
import dev.parley.sip.Flow;
import dev.parley.sip.ServerReplies;
import dev.parley.sip.auth.AuthCounters;
import dev.parley.sip.auth.DigestAuth;
import dev.parley.sip.auth.ThirdPartyUsers;
import dev.parley.sip.protocol.SipChars;
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.SipUri;
import dev.parley.sip.registrar.Registrar;

/**
 * Who may send an initial request through the proxy (RFC 3261 §22.3, {@code parley.proxy.auth=digest}): a request
 * whose From is in a served domain must authenticate as that user (407 with one Proxy-Authenticate per algorithm,
 * realm the From's domain), reusing the registrar's users file, nonces and failure cap; a request from elsewhere
 * may only reach a served domain or this proxy itself, else it is refused as relaying. In-dialog requests (a To
 * tag) are not challenged: their dialog was admitted already. Sip thread only; allocation-free.
 */
final class ProxyAuth
{
    private static final byte[] NOT_FROM_USER = SipChars.ascii("Forbidden - From Does Not Match Credentials");
    private static final byte[] RELAY_DENIED = SipChars.ascii("Forbidden - Relaying Denied");

    private final DigestAuth auth;
    private final Registrar registrar;
    private final ProxyTargets targets;
    private final ServerReplies replies;
    private final AuthCounters counters;
    private final AtomicCounter relayDenied;
    private int consumed = -1;

    /**
     * @param auth      the digest machinery (the registrar's).
     * @param registrar which domains are served.
     * @param targets   which addresses are this proxy's.
     * @param replies   how refusals are answered.
     * @param counters  where the proxy's auth counters are allocated.
     */
    ProxyAuth(
        final DigestAuth auth,
        final Registrar registrar,
        final ProxyTargets targets,
        final ServerReplies replies,
        final Counters counters)
    {
        this.auth = auth;
        this.registrar = registrar;
        this.targets = targets;
        this.replies = replies;
        this.counters = new AuthCounters(counters, ProxyCounter.AUTH_CHALLENGES, ProxyCounter.AUTH_STALE,
            ProxyCounter.AUTH_OK, ProxyCounter.AUTH_FAILURES, ProxyCounter.AUTH_BLOCKED, ProxyCounter.AUTH_MALFORMED,
            ProxyCounter.AUTH_NOT_OWNER);
        this.relayDenied = counters.newCounter(ProxyCounter.RELAY_DENIED);
    }

    /**
     * Decides whether a request may be routed; answers it when not.
     *
     * @param request     a request that passed §16.3 validation (not ACK, CANCEL or REGISTER).
     * @param flow        where it came from.
     * @param transaction its server transaction.
     * @param hasRoute    whether a Route not naming this proxy remains (loose routing on).
     * @param nowMs       epoch time, ms.
     * @param nowNs       the agent's clock.
     * @return true to route it ({@link #consumed} then names the credentials to drop), false when answered.
     */
    boolean admit(
        final SipMessage request,
        final Flow flow,
        final int transaction,
        final boolean hasRoute,
        final long nowMs,
        final long nowNs)
    {
        consumed = -1;
        if (request.toTagOffset() >= 0)
        {
            return true;
        }
        final SipUri from = request.from().uri();
        final byte[] realm = from.isSip() ? registrar.domain(from.buffer(), from.hostOffset(), from.hostLength()) :
            null;
        if (null == realm)
        {
            final SipUri uri = request.requestUri();
            if (!hasRoute && uri.isSip() &&
                (null != registrar.domain(uri.buffer(), uri.hostOffset(), uri.hostLength()) || targets.isLocal(uri)))
            {
                return true;
            }
            relayDenied.incrementRelease();
            replies.respond(request, flow, transaction, 403, RELAY_DENIED, nowNs);
            return false;
        }
        if (!auth.admit(request, flow, transaction, realm, from, true, counters, NOT_FROM_USER,
            ThirdPartyUsers.EMPTY, replies, nowMs, nowNs))
        {
            return false;
        }
        consumed = auth.credentialsIndex();
        return true;
    }

    /**
     * @return the header index of the Proxy-Authorization this proxy verified (its own realm's credentials are not
     * passed on, RFC 3261 §22.3), or -1.
     */
    int consumed()
    {
        return consumed;
    }
}
