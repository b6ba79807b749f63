package dev.parley.tools.load;

import org.agrona.DirectBuffer;

import dev.parley.core.io.PacketSlot;
import dev.parley.sip.protocol.HeaderType;
import dev.parley.sip.protocol.IpLiteral;
import dev.parley.sip.protocol.NameAddr;
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.SipUri;
import dev.parley.sip.transaction.Destination;

/**
 * Where a load call's requests go and the dialog state a 2xx sets up (RFC 3261 §12.1.2): the To with the remote
 * tag, the remote target from Contact, the route set from Record-Route in reverse, all written once into the call's
 * ACK; in-dialog requests go to the first route, else to the remote target, when that is an IP address, and
 * otherwise to the target of the run.
 */
final class LoadDialogs
{
    private static final int MAX_ROUTES = 16;

    private final int family;
    private final long high;
    private final long low;
    private final int port;
    private final int transport;
    private final NameAddr nameAddr = new NameAddr();
    private final SipUri uri = new SipUri();
    private final IpLiteral ip = new IpLiteral();
    private final int[] routes = new int[MAX_ROUTES];
    private final int[] routeOffsets = new int[MAX_ROUTES];
    private final int[] routeLengths = new int[MAX_ROUTES];

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
     * Keep the dialog of a 2xx to the call's INVITE: its ACK, written into the call's area, and where in-dialog
     * requests go.
     *
     * @return false when the 2xx has no usable Contact, has too many Record-Route entries, or its ACK does not fit.
     */
    boolean fromTwoHundred(
        final CallTable calls, final int slot, final SipMessage response, final LoadRequests requests)
    {
        final DirectBuffer buffer = response.buffer();
        final int to = response.firstHeader(HeaderType.TO);
        final int contact = response.firstHeader(HeaderType.CONTACT);
        if (to < 0 || contact < 0 ||
            !nameAddr.wrap(buffer, response.headerValueOffset(contact), response.headerValueLength(contact)))
        {
            return false;
        }
        final int targetOffset = nameAddr.uriOffset();
        final int targetLength = nameAddr.uriLength();
        final int routeCount = routeSet(response);
        if (routeCount < 0 || requests.ack(calls, slot, buffer, targetOffset, targetLength,
            response.headerValueOffset(to), response.headerValueLength(to), routeOffsets, routeLengths, routeCount) < 0)
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

    /**
     * Note the route set: the 2xx's Record-Route entries in reverse order (RFC 3261 §12.1.2).
     *
     * @return how many, or -1 when more than {@value #MAX_ROUTES}.
     */
    private int routeSet(final SipMessage response)
    {
        int count = 0;
        for (int i = response.firstHeader(HeaderType.RECORD_ROUTE); i >= 0;
            i = response.nextHeader(HeaderType.RECORD_ROUTE, i))
        {
            if (count == MAX_ROUTES)
            {
                return -1;
            }
            routes[count++] = i;
        }
        for (int r = 0; r < count; r++)
        {
            final int header = routes[count - 1 - r];
            routeOffsets[r] = response.headerValueOffset(header);
            routeLengths[r] = response.headerValueLength(header);
        }
        return count;
    }
}
