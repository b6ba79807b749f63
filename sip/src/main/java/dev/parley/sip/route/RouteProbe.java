package dev.parley.sip.route;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import dev.parley.sip.LocalEndpoints;
import dev.parley.sip.protocol.SipChars;
import dev.parley.sip.protocol.SipWriter;

/**
 * Writes the OPTIONS request (RFC 3261 §11) that probes a route's destination: sent outside any dialog to the
 * destination's URI, it is answered by anything alive, which is all a health check needs. The request is the minimum
 * §8.1.1 asks for:
 * <pre>
 * OPTIONS sip:192.0.2.10:5060 SIP/2.0
 * Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK&lt;branch hex&gt;;rport
 * Max-Forwards: 70
 * From: &lt;sip:parley@192.0.2.1:5060&gt;;tag=&lt;tag hex&gt;
 * To: &lt;sip:192.0.2.10:5060&gt;
 * Call-ID: &lt;call-id hex&gt;@192.0.2.1
 * CSeq: 1 OPTIONS
 * Content-Length: 0
 * </pre>
 * Reused; sip thread only; no allocation.
 */
public final class RouteProbe
{
    private static final byte[] OPTIONS = SipChars.ascii("OPTIONS");
    private static final byte[] VIA = SipChars.ascii("Via");
    private static final byte[] VIA_PREFIX = SipChars.ascii("SIP/2.0/");
    private static final byte[] BRANCH = SipChars.ascii(";branch=z9hG4bK");
    private static final byte[] RPORT = SipChars.ascii(";rport");
    private static final byte[] MAX_FORWARDS = SipChars.ascii("Max-Forwards");
    private static final byte[] FROM = SipChars.ascii("From");
    private static final byte[] FROM_PREFIX = SipChars.ascii("<sip:parley@");
    private static final byte[] TAG = SipChars.ascii(">;tag=");
    private static final byte[] TO = SipChars.ascii("To");
    private static final byte[] CALL_ID = SipChars.ascii("Call-ID");
    private static final byte[] CSEQ = SipChars.ascii("CSeq");
    private static final byte[] CSEQ_VALUE = SipChars.ascii("1 OPTIONS");
    private static final int MAX_FORWARDS_VALUE = 70;

    private final SipWriter writer = new SipWriter();

    /**
     * Writes the probe of one destination.
     *
     * @param dst      where to write.
     * @param offset   the first byte of the request.
     * @param capacity the most bytes it may take.
     * @param routes   the routes.
     * @param route    the route index (as from {@link RouteTable#nextProbe}).
     * @param target   the destination index.
     * @param local    the endpoint it leaves by (its transport and host:port go in Via and From).
     * @param branch   the unique part of the Via branch, written as 16 hex digits after {@code z9hG4bK}.
     * @param tag      the From tag, written as 16 hex digits.
     * @param callId   the Call-ID's unique part, written as 16 hex digits before {@code @host}.
     * @return the request's length, or -1 when it does not fit.
     */
    public int write(
        final MutableDirectBuffer dst,
        final int offset,
        final int capacity,
        final RouteTable routes,
        final int route,
        final int target,
        final LocalEndpoints.Entry local,
        final long branch,
        final long tag,
        final long callId)
    {
        final DirectBuffer uri = routes.uriBuffer(route);
        final int uriOffset = routes.uriOffset(route, target);
        final int uriLength = routes.uriLength(route, target);
        final byte[] hostPort = local.hostPort();
        writer.wrap(dst, offset, capacity);
        writer.requestLine(OPTIONS, uri, uriOffset, uriLength);
        writer.headerName(VIA).append(VIA_PREFIX).append(local.transportName()).append((byte)' ').append(hostPort)
            .append(BRANCH).appendHex(branch).append(RPORT).endLine();
        writer.header(MAX_FORWARDS, MAX_FORWARDS_VALUE);
        writer.headerName(FROM).append(FROM_PREFIX).append(hostPort).append(TAG).appendHex(tag).endLine();
        writer.headerName(TO).append((byte)'<').append(uri, uriOffset, uriLength).append((byte)'>').endLine();
        writer.headerName(CALL_ID).appendHex(callId).append((byte)'@');
        // The host of host:port: an IPv6 host is in brackets, so the last colon is the port's.
        int colon = hostPort.length - 1;
        while (colon > 0 && ':' != hostPort[colon])
        {
            colon--;
        }
        final int hostLength = colon > 0 ? colon : hostPort.length;
        for (int i = 0; i < hostLength; i++)
        {
            writer.append(hostPort[i]);
        }
        writer.endLine();
        writer.header(CSEQ, CSEQ_VALUE);
        return writer.finish();
    }
}
