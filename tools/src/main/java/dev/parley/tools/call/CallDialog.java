package dev.parley.tools.call;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.core.io.PacketSlot;
import dev.parley.sip.Flow;
import dev.parley.sip.protocol.HeaderType;
import dev.parley.sip.protocol.IpLiteral;
import dev.parley.sip.protocol.NameAddr;
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.SipNumbers;
import dev.parley.sip.protocol.SipUri;
import dev.parley.sip.protocol.SipWriter;
import dev.parley.sip.transaction.Destination;

/**
 * The one dialog of a call (RFC 3261 §12): Call-ID, the local and remote From/To values with their tags, the
 * remote target and the route set, set up from the 2xx on the caller's side (§12.1.2: route set from Record-Route
 * in reverse) or from the INVITE on the callee's (§12.1.1: in order), and where in-dialog requests go: the first
 * route, else the remote target, when that is an IP literal, else the fallback (the next hop of the INVITE, or the
 * INVITE's source). Values live in fixed areas; one that does not fit fails the set-up. Call agent thread only.
 */
final class CallDialog
{
    private static final int VALUE_CAPACITY = 1024;
    private static final int ROUTE_CAPACITY = 2048;
    private static final int MAX_ROUTES = 16;
    private static final int DEFAULT_PORT = 5060;
    private static final byte[] COMMA = SipWriter.ascii(", ");
    private static final byte[] TAG = SipWriter.ascii(";tag=");

    private final UnsafeBuffer callId = new UnsafeBuffer(new byte[VALUE_CAPACITY]);
    private final UnsafeBuffer local = new UnsafeBuffer(new byte[VALUE_CAPACITY]);
    private final UnsafeBuffer remote = new UnsafeBuffer(new byte[VALUE_CAPACITY]);
    private final UnsafeBuffer remoteTarget = new UnsafeBuffer(new byte[VALUE_CAPACITY]);
    private final UnsafeBuffer routeSet = new UnsafeBuffer(new byte[ROUTE_CAPACITY]);
    private final Destination destination = new Destination();
    private final NameAddr nameAddr = new NameAddr();
    private final SipUri uri = new SipUri();
    private final IpLiteral ip = new IpLiteral();
    private final SipWriter writer = new SipWriter();
    private final int[] routes = new int[MAX_ROUTES];
    private int callIdLength;
    private int localLength;
    private int remoteLength;
    private int remoteTargetLength;
    private int routeSetLength;
    private long localTag;

    /**
     * The caller's side before any answer: its Call-ID and From value with its tag.
     */
    void startAsCaller(final byte[] callIdValue, final byte[] fromValue, final long tag)
    {
        callId.putBytes(0, callIdValue);
        callIdLength = callIdValue.length;
        writer.wrap(local, 0, VALUE_CAPACITY);
        writer.append(fromValue).append(TAG).appendHex(tag);
        localLength = writer.limit();
        localTag = tag;
    }

    /**
     * The caller's dialog from the 2xx to its INVITE.
     *
     * @param fallback where in-dialog requests go when neither route nor target is an IP literal.
     * @return false when the 2xx has no usable To or Contact, or a value does not fit.
     */
    boolean fromTwoHundred(final SipMessage response, final Destination fallback)
    {
        remoteLength = copyHeader(response, HeaderType.TO, remote);
        return remoteLength >= 0 && remoteTarget(response) && routeSet(response, true) && resolve(fallback);
    }

    /**
     * The callee's dialog from the INVITE it answers.
     *
     * @param tag the local tag its responses carry.
     * @return false when the INVITE has no usable From, To or Contact, or a value does not fit.
     */
    boolean fromInvite(final SipMessage request, final Flow flow, final long tag, final Destination fallback)
    {
        final int from = request.firstHeader(HeaderType.FROM);
        final int to = request.firstHeader(HeaderType.TO);
        if (from < 0 || to < 0 || request.callIdLength() > VALUE_CAPACITY ||
            request.headerValueLength(from) > VALUE_CAPACITY ||
            request.headerValueLength(to) + TAG.length + SipWriter.HEX_LENGTH > VALUE_CAPACITY)
        {
            return false;
        }
        final DirectBuffer buffer = request.buffer();
        callId.putBytes(0, buffer, request.callIdOffset(), request.callIdLength());
        callIdLength = request.callIdLength();
        remote.putBytes(0, buffer, request.headerValueOffset(from), request.headerValueLength(from));
        remoteLength = request.headerValueLength(from);
        writer.wrap(local, 0, VALUE_CAPACITY);
        writer.append(buffer, request.headerValueOffset(to), request.headerValueLength(to)).append(TAG).appendHex(tag);
        localLength = writer.limit();
        localTag = tag;
        fallback.set(flow.family(), flow.addressHigh(), flow.addressLow(), flow.responsePort(), flow.endpointId(),
            flow.transport(), flow.connectionId(), PacketSlot.TRANSPORT_TCP == flow.transport());
        return remoteTarget(request) && routeSet(request, false) && resolve(fallback);
    }

    /**
     * @return whether a request belongs to this dialog: same Call-ID, and its To-tag is the local tag.
     */
    boolean matches(final SipMessage request)
    {
        return request.toTagOffset() >= 0 && isSameCall(request) &&
            SipNumbers.parseHex16(request.buffer(), request.toTagOffset(), request.toTagLength()) == localTag;
    }

    /**
     * @return whether a message has this dialog's Call-ID.
     */
    boolean isSameCall(final SipMessage message)
    {
        if (message.callIdLength() != callIdLength || message.callIdOffset() < 0)
        {
            return false;
        }
        final DirectBuffer buffer = message.buffer();
        final int offset = message.callIdOffset();
        for (int i = 0; i < callIdLength; i++)
        {
            if (buffer.getByte(offset + i) != callId.getByte(i))
            {
                return false;
            }
        }
        return true;
    }

    private int copyHeader(final SipMessage message, final int type, final UnsafeBuffer into)
    {
        final int index = message.firstHeader(type);
        if (index < 0 || message.headerValueLength(index) > VALUE_CAPACITY)
        {
            return -1;
        }
        into.putBytes(0, message.buffer(), message.headerValueOffset(index), message.headerValueLength(index));
        return message.headerValueLength(index);
    }

    private boolean remoteTarget(final SipMessage message)
    {
        final int contact = message.firstHeader(HeaderType.CONTACT);
        if (contact < 0 || !nameAddr.wrap(message.buffer(), message.headerValueOffset(contact),
            message.headerValueLength(contact)) || nameAddr.uriLength() > VALUE_CAPACITY)
        {
            return false;
        }
        remoteTarget.putBytes(0, message.buffer(), nameAddr.uriOffset(), nameAddr.uriLength());
        remoteTargetLength = nameAddr.uriLength();
        return true;
    }

    private boolean routeSet(final SipMessage message, final boolean reverse)
    {
        int count = 0;
        for (int i = message.firstHeader(HeaderType.RECORD_ROUTE); i >= 0;
            i = message.nextHeader(HeaderType.RECORD_ROUTE, i))
        {
            if (count == MAX_ROUTES)
            {
                return false;
            }
            routes[count++] = i;
        }
        writer.wrap(routeSet, 0, ROUTE_CAPACITY);
        for (int r = 0; r < count; r++)
        {
            final int index = routes[reverse ? count - 1 - r : r];
            if (r > 0)
            {
                writer.append(COMMA);
            }
            writer.append(message.buffer(), message.headerValueOffset(index), message.headerValueLength(index));
        }
        routeSetLength = writer.limit();
        return !writer.isOverflow();
    }

    /**
     * Next hop of in-dialog requests: the first route's URI, else the remote target (RFC 3261 §12.2.1.1, loose
     * routing), when its host is an IP literal; names are not resolved here, the fallback is used instead.
     */
    private boolean resolve(final Destination fallback)
    {
        int offset = 0;
        int length = remoteTargetLength;
        DirectBuffer bytes = remoteTarget;
        if (routeSetLength > 0)
        {
            int end = 0;
            while (end < routeSetLength && ',' != routeSet.getByte(end))
            {
                end++;
            }
            if (!nameAddr.wrap(routeSet, 0, end))
            {
                return false;
            }
            bytes = routeSet;
            offset = nameAddr.uriOffset();
            length = nameAddr.uriLength();
        }
        if (uri.wrap(bytes, offset, length) && ip.parse(bytes, uri.hostOffset(), uri.hostLength()))
        {
            destination.set(ip.family(), ip.high(), ip.low(), uri.port() > 0 ? uri.port() : DEFAULT_PORT,
                fallback.endpointId(), fallback.transport(), PacketSlot.NO_CONNECTION, fallback.isReliable());
        }
        else
        {
            destination.set(fallback);
        }
        return true;
    }

    DirectBuffer callId()
    {
        return callId;
    }

    int callIdLength()
    {
        return callIdLength;
    }

    DirectBuffer local()
    {
        return local;
    }

    int localLength()
    {
        return localLength;
    }

    DirectBuffer remote()
    {
        return remote;
    }

    int remoteLength()
    {
        return remoteLength;
    }

    DirectBuffer remoteTarget()
    {
        return remoteTarget;
    }

    int remoteTargetLength()
    {
        return remoteTargetLength;
    }

    DirectBuffer routeSet()
    {
        return routeSet;
    }

    int routeSetLength()
    {
        return routeSetLength;
    }

    long localTag()
    {
        return localTag;
    }

    /**
     * @return where in-dialog requests go.
     */
    Destination destination()
    {
        return destination;
    }
}
