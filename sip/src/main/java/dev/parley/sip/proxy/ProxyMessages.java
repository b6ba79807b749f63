package dev.parley.sip.proxy;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.core.io.PacketSlot;
import dev.parley.sip.Flow;
import dev.parley.sip.LocalEndpoints;
import dev.parley.sip.protocol.HeaderType;
import dev.parley.sip.protocol.NameAddr;
import dev.parley.sip.protocol.ResponseBuilder;
import dev.parley.sip.protocol.SipChars;
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.SipMethod;
import dev.parley.sip.protocol.SipWriter;
import dev.parley.sip.protocol.Via;
import dev.parley.sip.registrar.AorKey;

/**
 * Writes what the proxy sends: a request forwarded per RFC 3261 §16.6 (new Request-URI, Max-Forwards decremented,
 * Record-Route, our Via with a branch that carries the loop-detection hash of §16.3 step 4, the Routes we consumed
 * dropped), a response forwarded per §16.7 step 9 (our Via removed), and the CANCEL of §9.1 for a pending branch.
 * Headers are copied value by value, in order, so a list header becomes one line per value. One reused scratch
 * area; sip thread only, no allocation.
 */
final class ProxyMessages
{
    static final byte[] BRANCH_PREFIX = SipChars.ascii("z9hG4bKpx");
    static final int BRANCH_LENGTH = BRANCH_PREFIX.length + 2 * SipWriter.HEX_LENGTH;

    private static final byte[] SIP_2_0 = SipChars.ascii(" SIP/2.0");
    private static final byte[] STATUS_PREFIX = SipChars.ascii("SIP/2.0 ");
    private static final byte[] COLON_SPACE = SipChars.ascii(": ");
    private static final byte[] VIA = SipChars.ascii("Via");
    private static final byte[] VIA_PREFIX = SipChars.ascii("SIP/2.0/");
    private static final byte[] BRANCH = SipChars.ascii(";branch=");
    private static final byte[] RPORT = SipChars.ascii(";rport");
    private static final byte[] MAX_FORWARDS = SipChars.ascii("Max-Forwards");
    private static final byte[] RECORD_ROUTE = SipChars.ascii("Record-Route");
    private static final byte[] ROUTE = SipChars.ascii("Route");
    private static final byte[] RR_OPEN = SipChars.ascii("<sip:");
    private static final byte[] RR_TCP = SipChars.ascii(";transport=tcp");
    private static final byte[] RR_CLOSE = SipChars.ascii(";lr>");
    private static final byte[] CSEQ = SipChars.ascii("CSeq");
    private static final byte[] CANCEL = SipChars.ascii("CANCEL");
    private static final int DEFAULT_MAX_FORWARDS = 70;

    private final UnsafeBuffer scratch;
    private final SipWriter writer = new SipWriter();
    private final Via via = new Via();

    /**
     * @param capacity the largest message written.
     */
    ProxyMessages(final int capacity)
    {
        this.scratch = new UnsafeBuffer(new byte[capacity]);
    }

    /**
     * @return the area the last message was written to, from offset 0.
     */
    UnsafeBuffer scratch()
    {
        return scratch;
    }

    /**
     * The request forwarded to one target.
     *
     * @param request      the request received.
     * @param flow         where it came from (the received and rport of its top Via).
     * @param uri          buffer of the new Request-URI.
     * @param uriOffset    its start.
     * @param uriLength    its length.
     * @param routesToSkip Route values at the top that were ours (consumed), not copied.
     * @param path         buffer of Route values to put first (a binding's Path), or null.
     * @param pathOffset   their start.
     * @param pathLength   their length.
     * @param inbound      the endpoint the request came in on.
     * @param outbound     the endpoint it leaves by.
     * @param recordRoute  whether to Record-Route (twice when the endpoints differ).
     * @param loopHash     the request's loop-detection hash.
     * @param unique       the branch's unique part.
     * @param omitted      a header of the request left out (the proxy's own credentials), or -1.
     * @return the length, or -1 when it does not fit.
     */
    int forward(
        final SipMessage request,
        final Flow flow,
        final DirectBuffer uri,
        final int uriOffset,
        final int uriLength,
        final int routesToSkip,
        final DirectBuffer path,
        final int pathOffset,
        final int pathLength,
        final LocalEndpoints.Entry inbound,
        final LocalEndpoints.Entry outbound,
        final boolean recordRoute,
        final long loopHash,
        final long unique,
        final int omitted)
    {
        final DirectBuffer buffer = request.buffer();
        writer.wrap(scratch, 0, scratch.capacity());
        writer.append(buffer, request.methodOffset(), request.methodLength()).append((byte)' ')
            .append(uri, uriOffset, uriLength).append(SIP_2_0).endLine();
        writer.headerName(VIA).append(VIA_PREFIX).append(outbound.transportName()).append((byte)' ')
            .append(outbound.hostPort()).append(BRANCH).append(BRANCH_PREFIX).appendHex(loopHash).appendHex(unique)
            .append(RPORT).endLine();
        if (recordRoute)
        {
            recordRoute(outbound);
            if (outbound.id() != inbound.id())
            {
                recordRoute(inbound);
            }
        }
        if (null != path && pathLength > 0)
        {
            writer.header(ROUTE, path, pathOffset, pathLength);
        }
        if (!request.hasHeader(HeaderType.MAX_FORWARDS))
        {
            writer.header(MAX_FORWARDS, DEFAULT_MAX_FORWARDS);
        }
        int routes = 0;
        final int topVia = request.firstHeader(HeaderType.VIA);
        final int count = request.headerCount();
        for (int i = 0; i < count; i++)
        {
            final int type = request.headerType(i);
            if (i == topVia)
            {
                writer.headerName(VIA);
                ResponseBuilder.appendTopVia(writer, buffer, request.headerValueOffset(i),
                    request.headerValueLength(i), flow.sourceText(), 0, flow.sourceTextLength(), flow.sourcePort());
                writer.endLine();
                continue;
            }
            if (HeaderType.CONTENT_LENGTH == type || i == omitted ||
                HeaderType.ROUTE == type && routes++ < routesToSkip)
            {
                continue;
            }
            if (HeaderType.MAX_FORWARDS == type)
            {
                writer.header(MAX_FORWARDS, Math.max(0, request.maxForwards() - 1));
                continue;
            }
            copy(request, i);
        }
        return writer.finishWithBody(buffer, request.bodyOffset(), request.bodyLength());
    }

    /**
     * RFC 3261 §16.4: a request from a strict router has this proxy's Record-Route as its Request-URI. It is turned
     * into the request a loose router would have sent: the last Route value becomes the Request-URI and is removed.
     *
     * @param request   the request received.
     * @param lastRoute the header index of its last Route value.
     * @param next      that value, parsed.
     * @param into      where the rewritten request goes.
     * @return the length, or -1 when it does not fit.
     */
    int looseRouted(final SipMessage request, final int lastRoute, final NameAddr next, final MutableDirectBuffer into)
    {
        final DirectBuffer buffer = request.buffer();
        writer.wrap(into, 0, into.capacity());
        writer.append(buffer, request.methodOffset(), request.methodLength()).append((byte)' ')
            .append(next.uri().buffer(), next.uriOffset(), next.uriLength()).append(SIP_2_0).endLine();
        final int count = request.headerCount();
        for (int i = 0; i < count; i++)
        {
            if (i != lastRoute && HeaderType.CONTENT_LENGTH != request.headerType(i))
            {
                copy(request, i);
            }
        }
        final int length = writer.finishWithBody(buffer, request.bodyOffset(), request.bodyLength());
        writer.wrap(scratch, 0, scratch.capacity());
        return length;
    }

    /**
     * A response forwarded upstream: every header but the first Via (ours) and Content-Length, then the body.
     *
     * @param response the response from a branch.
     * @return the length, or -1 when it does not fit.
     */
    int response(final SipMessage response)
    {
        final DirectBuffer buffer = response.buffer();
        writer.wrap(scratch, 0, scratch.capacity());
        writer.append(STATUS_PREFIX).appendNatural(response.statusCode()).append((byte)' ')
            .append(buffer, response.reasonOffset(), response.reasonLength()).endLine();
        final int firstVia = response.firstHeader(HeaderType.VIA);
        final int count = response.headerCount();
        for (int i = 0; i < count; i++)
        {
            if (i != firstVia && HeaderType.CONTENT_LENGTH != response.headerType(i))
            {
                copy(response, i);
            }
        }
        return writer.finishWithBody(buffer, response.bodyOffset(), response.bodyLength());
    }

    /**
     * The CANCEL for a branch (RFC 3261 §9.1): Request-URI, top Via, Route, From, To, Call-ID and CSeq number of the
     * INVITE the branch sent.
     *
     * @param invite the INVITE as sent on the branch, parsed.
     * @return the length, or -1 when it does not fit.
     */
    int cancel(final SipMessage invite)
    {
        final DirectBuffer buffer = invite.buffer();
        writer.wrap(scratch, 0, scratch.capacity());
        writer.append(CANCEL).append((byte)' ').append(buffer, invite.requestUriOffset(), invite.requestUriLength())
            .append(SIP_2_0).endLine();
        final int count = invite.headerCount();
        boolean viaWritten = false;
        for (int i = 0; i < count; i++)
        {
            final int type = invite.headerType(i);
            if (HeaderType.VIA == type && !viaWritten || HeaderType.ROUTE == type || HeaderType.FROM == type ||
                HeaderType.TO == type || HeaderType.CALL_ID == type)
            {
                viaWritten |= HeaderType.VIA == type;
                copy(invite, i);
            }
        }
        writer.header(MAX_FORWARDS, DEFAULT_MAX_FORWARDS);
        writer.headerName(CSEQ).appendNatural(invite.cseqNumber()).append((byte)' ').append(CANCEL).endLine();
        return writer.finish();
    }

    /**
     * The branch of a request this proxy sent, as the transaction key starts.
     *
     * @return the key length: branch, space, method.
     */
    static int clientKey(final long loopHash, final long unique, final int method, final UnsafeBuffer key)
    {
        key.putBytes(0, BRANCH_PREFIX);
        SipWriter.putHex(key, BRANCH_PREFIX.length, loopHash);
        SipWriter.putHex(key, BRANCH_PREFIX.length + SipWriter.HEX_LENGTH, unique);
        key.putByte(BRANCH_LENGTH, (byte)' ');
        final byte[] name = SipMethod.bytes(method);
        key.putBytes(BRANCH_LENGTH + 1, name);
        return BRANCH_LENGTH + 1 + name.length;
    }

    /**
     * Turns the key buffer holding an INVITE's branch (its first {@link #BRANCH_LENGTH} bytes) into the client key of
     * that INVITE's CANCEL: same branch, method CANCEL.
     *
     * @return the key length.
     */
    static int cancelKey(final UnsafeBuffer key)
    {
        key.putByte(BRANCH_LENGTH, (byte)' ');
        key.putBytes(BRANCH_LENGTH + 1, CANCEL);
        return BRANCH_LENGTH + 1 + CANCEL.length;
    }

    /**
     * RFC 3261 §16.3 step 4: does a Via of the request carry a branch of ours with this loop hash?
     *
     * @param request  the request.
     * @param loopHash its loop-detection hash.
     * @param targets  our endpoints, to recognise our sent-by.
     * @return true when the request has been here before, unchanged.
     */
    boolean isLoop(final SipMessage request, final long loopHash, final ProxyTargets targets)
    {
        final DirectBuffer buffer = request.buffer();
        for (int i = request.firstHeader(HeaderType.VIA); i >= 0; i = request.nextHeader(HeaderType.VIA, i))
        {
            if (!via.wrap(buffer, request.headerValueOffset(i), request.headerValueLength(i)) ||
                via.branchLength() != BRANCH_LENGTH || !startsWith(buffer, via.branchOffset(), BRANCH_PREFIX) ||
                !sameHex(buffer, via.branchOffset() + BRANCH_PREFIX.length, loopHash))
            {
                continue;
            }
            if (targets.isLocal(buffer, via.hostOffset(), via.hostLength(), via.port(), transportOf(via)))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the {@code PacketSlot} transport of a parsed Via.
     */
    static int transportOf(final Via via)
    {
        return Via.TRANSPORT_TCP == via.transport() || Via.TRANSPORT_TLS == via.transport() ?
            PacketSlot.TRANSPORT_TCP : PacketSlot.TRANSPORT_UDP;
    }

    private void recordRoute(final LocalEndpoints.Entry endpoint)
    {
        writer.headerName(RECORD_ROUTE).append(RR_OPEN).append(endpoint.hostPort());
        if (PacketSlot.TRANSPORT_TCP == endpoint.transport())
        {
            writer.append(RR_TCP);
        }
        writer.append(RR_CLOSE).endLine();
    }

    private void copy(final SipMessage message, final int index)
    {
        final DirectBuffer buffer = message.buffer();
        writer.append(buffer, message.headerNameOffset(index), message.headerNameLength(index)).append(COLON_SPACE)
            .append(buffer, message.headerValueOffset(index), message.headerValueLength(index)).endLine();
    }

    private static boolean startsWith(final DirectBuffer buffer, final int offset, final byte[] prefix)
    {
        for (int i = 0; i < prefix.length; i++)
        {
            if (buffer.getByte(offset + i) != prefix[i])
            {
                return false;
            }
        }
        return true;
    }

    private static boolean sameHex(final DirectBuffer buffer, final int offset, final long value)
    {
        for (int i = 0; i < SipWriter.HEX_LENGTH; i++)
        {
            final int nibble = (int)(value >>> (60 - 4 * i)) & 0xF;
            final byte expected = (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
            if (SipChars.lower(buffer.getByte(offset + i)) != expected)
            {
                return false;
            }
        }
        return true;
    }
    /**
     * RFC 3261 §16.6 step 8: what makes the request the same request when it comes back: Request-URI as received,
     * From and To tags, Call-ID, CSeq number.
     */
    static long loopHash(final SipMessage request)
    {
        final DirectBuffer buffer = request.buffer();
        long h = AorKey.hash(buffer, request.requestUriOffset(), request.requestUriLength());
        h = h * 31 + AorKey.hash(buffer, request.callIdOffset(), request.callIdLength());
        if (request.fromTagOffset() >= 0)
        {
            h = h * 31 + AorKey.hash(buffer, request.fromTagOffset(), request.fromTagLength());
        }
        if (request.toTagOffset() >= 0)
        {
            h = h * 31 + AorKey.hash(buffer, request.toTagOffset(), request.toTagLength());
        }
        return h * 31 + request.cseqNumber();
    }
}
