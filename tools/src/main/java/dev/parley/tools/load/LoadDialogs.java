package dev.parley.tools.load;

import org.agrona.DirectBuffer;

import dev.parley.core.io.PacketSlot;
import dev.parley.sip.protocol.HeaderType;
import dev.parley.sip.protocol.IpLiteral;
import dev.parley.sip.protocol.NameAddr;
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.SipUri;
import dev.parley.sip.protocol.SipWriter;
import dev.parley.sip.transaction.Destination;

/**
 * Where a load call's requests go and the dialog state a 2xx sets up (RFC 3261 §12.1.2): the To with the remote
 * tag, the remote target from Contact, the route set from Record-Route in reverse; in-dialog requests go to the
 * first route, else to the remote target, when that is an IP address, and otherwise to the target of the run.
 */
final class LoadDialogs
{
    private static final byte[] COMMA = SipWriter.ascii(", ");
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
     * Keep the dialog of a 2xx to the call's INVITE.
     *
     * @return false when the 2xx has no usable Contact, or a value does not fit the call's areas.
     */
    boolean fromTwoHundred(final CallTable calls, final int slot, final SipMessage response)
    {
        final DirectBuffer buffer = response.buffer();
        final int to = response.firstHeader(HeaderType.TO);
        final int contact = response.firstHeader(HeaderType.CONTACT);
        if (to < 0 || contact < 0 ||
            !nameAddr.wrap(buffer, response.headerValueOffset(contact), response.headerValueLength(contact)) ||
            !calls.put(calls.toOffset(slot), CallTable.TO_CAPACITY, buffer, response.headerValueOffset(to),
                response.headerValueLength(to)) ||
            !calls.put(calls.targetOffset(slot), CallTable.TARGET_CAPACITY, buffer, nameAddr.uriOffset(),
                nameAddr.uriLength()))
        {
            return false;
        }
        calls.toLength[slot] = response.headerValueLength(to);
        calls.targetLength[slot] = nameAddr.uriLength();
        if (!routeSet(calls, slot, response))
        {
            return false;
        }
        final DirectBuffer bytes = calls.bytes();
        final boolean routed = calls.routeLength[slot] > 0;
        final int uriOffset = routed ? firstRouteUriOffset(calls, slot) : calls.targetOffset(slot);
        final int uriLength = routed ? nameAddr.uriLength() : calls.targetLength[slot];
        if (uriOffset >= 0 && uri.wrap(bytes, uriOffset, uriLength) &&
            ip.parse(bytes, uri.hostOffset(), uri.hostLength()))
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

    private boolean routeSet(final CallTable calls, final int slot, final SipMessage response)
    {
        int count = 0;
        for (int i = response.firstHeader(HeaderType.RECORD_ROUTE); i >= 0;
            i = response.nextHeader(HeaderType.RECORD_ROUTE, i))
        {
            if (count == MAX_ROUTES)
            {
                return false;
            }
            routes[count++] = i;
        }
        int length = 0;
        for (int r = count - 1; r >= 0 && length >= 0; r--)
        {
            if (r != count - 1)
            {
                length = calls.appendRoute(slot, length, COMMA);
            }
            if (length >= 0)
            {
                length = calls.appendRoute(slot, length, response.buffer(), response.headerValueOffset(routes[r]),
                    response.headerValueLength(routes[r]));
            }
        }
        calls.routeLength[slot] = Math.max(0, length);
        return length >= 0;
    }

    /**
     * @return the offset of the first route's URI in the call's area (its length in {@link #nameAddr}), or -1.
     */
    private int firstRouteUriOffset(final CallTable calls, final int slot)
    {
        final DirectBuffer bytes = calls.bytes();
        final int start = calls.routeOffset(slot);
        int end = start;
        while (end < start + calls.routeLength[slot] && ',' != bytes.getByte(end))
        {
            end++;
        }
        return nameAddr.wrap(bytes, start, end - start) ? nameAddr.uriOffset() : -1;
    }
}
