package dev.parley.tools.load;

import org.agrona.DirectBuffer;

import dev.parley.core.io.PacketSlot;
import dev.parley.sip.protocol.HeaderType;
import dev.parley.sip.protocol.IpLiteral;
import dev.parley.sip.protocol.NameAddr;
import dev.parley.sip.protocol.ResponseHead;
import dev.parley.sip.protocol.SipChars;
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.SipUri;
import dev.parley.sip.transaction.Destination;

/**
 * Where a load call's requests go and the dialog state a 2xx sets up (RFC 3261 §12.1.2): the To with the remote
 * tag, the remote target from Contact, the route set from Record-Route in reverse, taken from the head read of the
 * 2xx or its full parse and written once into the call's ACK; in-dialog requests go to the first route, else to the
 * remote target, when that is an IP address, and otherwise to the target of the run.
 */
final class LoadDialogs
{
    /**
     * The headers a 2xx to INVITE is read for, in lower case, as {@link ResponseHead#collect} takes them.
     */
    static final byte[][] HEADERS = { SipChars.ascii("to"), SipChars.ascii("contact"), SipChars.ascii("record-route") };

    /**
     * Their compact forms (RFC 3261 §7.3.3; Record-Route has none).
     */
    static final byte[] COMPACT_FORMS = { 't', 'm', 0 };

    private static final int TO = 0;
    private static final int CONTACT = 1;
    private static final int RECORD_ROUTE = 2;
    private static final int MAX_ROUTES = 16;

    private final int family;
    private final long high;
    private final long low;
    private final int port;
    private final int transport;
    private final NameAddr nameAddr = new NameAddr();
    private final SipUri uri = new SipUri();
    private final IpLiteral ip = new IpLiteral();
    private final int[] routeOffsets = new int[MAX_ROUTES];
    private final int[] routeLengths = new int[MAX_ROUTES];
    private DirectBuffer buffer;
    private int toOffset;
    private int toLength;
    private int contactOffset;
    private int contactLength;
    private int routeCount;

    LoadDialogs(final int family, final long high, final long low, final int port, final boolean tcp)
    {
        this.family = family;
        this.high = high;
        this.low = low;
        this.port = port;
        this.transport = tcp ? PacketSlot.TRANSPORT_TCP : PacketSlot.TRANSPORT_UDP;
    }

    void towardsTarget(final int endpointId, final Destination destination)
    {
        destination.set(family, high, low, port, endpointId, transport, PacketSlot.NO_CONNECTION,
            PacketSlot.TRANSPORT_TCP == transport);
    }

    void towardsDialog(final CallTable calls, final int slot, final Destination destination)
    {
        destination.set(calls.destinationFamily[slot], calls.destinationHigh[slot], calls.destinationLow[slot],
            calls.destinationPort[slot], calls.endpoint[slot], transport, PacketSlot.NO_CONNECTION,
            PacketSlot.TRANSPORT_TCP == transport);
    }

    /**
     * Take the To, the first Contact and the Record-Route entries of a 2xx to INVITE that the head collected
     * ({@link #HEADERS}, {@link #COMPACT_FORMS}).
     *
     * @return false when the full parse should read them: no To or several, no Contact, a comma in the first Contact
     * or in a Record-Route line (a list, or a quoted comma), more than {@value #MAX_ROUTES} Record-Route lines.
     */
    boolean takeDialog(final ResponseHead head)
    {
        buffer = head.buffer();
        toOffset = -1;
        contactOffset = -1;
        routeCount = 0;
        for (int i = 0; i < head.valueCount(); i++)
        {
            final int offset = head.valueOffset(i);
            final int length = head.valueLength(i);
            final int kind = head.valueKind(i);
            final boolean list = SipChars.indexOf(buffer, offset, offset + length, (byte)',') >= 0;
            if (TO == kind)
            {
                if (toOffset >= 0)
                {
                    return false;
                }
                toOffset = offset;
                toLength = length;
            }
            else if (CONTACT == kind && contactOffset < 0)
            {
                if (list)
                {
                    return false;
                }
                contactOffset = offset;
                contactLength = length;
            }
            else if (RECORD_ROUTE == kind)
            {
                if (list || MAX_ROUTES == routeCount)
                {
                    return false;
                }
                routeOffsets[routeCount] = offset;
                routeLengths[routeCount++] = length;
            }
        }
        reverseRoutes();
        return toOffset >= 0 && contactOffset >= 0;
    }

    /**
     * Take the To, the first Contact and the Record-Route entries of a parsed 2xx to INVITE.
     *
     * @return false when it has no To or no Contact, or more than {@value #MAX_ROUTES} Record-Route entries.
     */
    boolean takeDialog(final SipMessage response)
    {
        buffer = response.buffer();
        final int to = response.firstHeader(HeaderType.TO);
        final int contact = response.firstHeader(HeaderType.CONTACT);
        routeCount = 0;
        for (int i = response.firstHeader(HeaderType.RECORD_ROUTE); i >= 0;
            i = response.nextHeader(HeaderType.RECORD_ROUTE, i))
        {
            if (MAX_ROUTES == routeCount)
            {
                return false;
            }
            routeOffsets[routeCount] = response.headerValueOffset(i);
            routeLengths[routeCount++] = response.headerValueLength(i);
        }
        reverseRoutes();
        if (to < 0 || contact < 0)
        {
            return false;
        }
        toOffset = response.headerValueOffset(to);
        toLength = response.headerValueLength(to);
        contactOffset = response.headerValueOffset(contact);
        contactLength = response.headerValueLength(contact);
        return true;
    }

    /**
     * The route set is the Record-Route entries in reverse (RFC 3261 §12.1.2).
     */
    private void reverseRoutes()
    {
        for (int r = 0, last = routeCount - 1; r < last; r++, last--)
        {
            final int offset = routeOffsets[r];
            final int length = routeLengths[r];
            routeOffsets[r] = routeOffsets[last];
            routeLengths[r] = routeLengths[last];
            routeOffsets[last] = offset;
            routeLengths[last] = length;
        }
    }

    /**
     * Keep the dialog taken from a 2xx to the call's INVITE: its ACK, written into the call's area, and where
     * in-dialog requests go. The route set is the Record-Route entries in reverse (RFC 3261 §12.1.2).
     *
     * @return false when the Contact is not a name-addr or addr-spec, or the ACK does not fit.
     */
    boolean fromTwoHundred(final CallTable calls, final int slot, final LoadRequests requests)
    {
        if (!nameAddr.wrap(buffer, contactOffset, contactLength))
        {
            return false;
        }
        final int targetOffset = nameAddr.uriOffset();
        final int targetLength = nameAddr.uriLength();
        if (requests.ack(calls, slot, buffer, targetOffset, targetLength, toOffset, toLength, routeOffsets,
            routeLengths, routeCount) < 0)
        {
            return false;
        }
        final boolean routed = routeCount > 0 && nameAddr.wrap(buffer, routeOffsets[0], routeLengths[0]);
        final int uriOffset = routed ? nameAddr.uriOffset() : targetOffset;
        final int uriLength = routed ? nameAddr.uriLength() : targetLength;
        if ((routed || 0 == routeCount) && uri.wrap(buffer, uriOffset, uriLength) &&
            ip.parse(buffer, uri.hostOffset(), uri.hostLength()))
        {
            calls.destinationFamily[slot] = ip.family();
            calls.destinationHigh[slot] = ip.high();
            calls.destinationLow[slot] = ip.low();
            calls.destinationPort[slot] = uri.port() > 0 ? uri.port() : 5060;
        }
        else
        {
            calls.destinationFamily[slot] = family;
            calls.destinationHigh[slot] = high;
            calls.destinationLow[slot] = low;
            calls.destinationPort[slot] = port;
        }
        return true;
    }
}
