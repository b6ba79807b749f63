package dev.parley.sip.proxy;

import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.sip.protocol.HeaderType;
import dev.parley.sip.protocol.NameAddr;
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.SipParseError;
import dev.parley.sip.protocol.SipUri;

/**
 * Strict-router compatibility (RFC 3261 §16.4): a strict router puts the next hop's Route value, this proxy's
 * Record-Route, in the Request-URI. The request is rewritten once into the loose-routed request it stands for, so
 * everything after sees one kind of request. Sip thread only; one reused buffer, no allocation.
 */
final class StrictRouting
{
    private final ProxyTargets targets;
    private final ProxyMessages messages;
    private final SipMessage strict;
    private final UnsafeBuffer strictBuffer;

    StrictRouting(final ProxyTargets targets, final ProxyMessages messages, final int headersMax, final int capacity)
    {
        this.targets = targets;
        this.messages = messages;
        this.strict = new SipMessage(headersMax);
        this.strictBuffer = new UnsafeBuffer(new byte[capacity]);
    }

    /**
     * RFC 3261 §16.4: a Request-URI that is this proxy's own Record-Route (no user, lr) with Routes below it came
     * from a strict router; the request is routed as the loose-routed request it stands for.
     */
    SipMessage looseRouted(final SipMessage request)
    {
        final SipUri uri = request.requestUri();
        if (!uri.isSip() || uri.userOffset() >= 0 || !uri.hasLr() || !targets.isLocal(uri))
        {
            return request;
        }
        int last = -1;
        for (int i = request.firstHeader(HeaderType.ROUTE); i >= 0; i = request.nextHeader(HeaderType.ROUTE, i))
        {
            last = i;
        }
        final NameAddr next = last < 0 ? null : targets.parseRoute(request, last);
        if (null == next)
        {
            return request;
        }
        final int length = messages.looseRouted(request, last, next, strictBuffer);
        return length > 0 && SipParseError.NONE == strict.wrap(strictBuffer, 0, length) ? strict : request;
    }
}
