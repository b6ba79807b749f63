package dev.parley.sip.uas;

import org.agrona.DirectBuffer;

import dev.parley.sip.Flow;
import dev.parley.sip.protocol.HeaderType;
import dev.parley.sip.protocol.NameAddr;
import dev.parley.sip.protocol.SipMessage;

/**
 * Fills a UAS dialog from the request that creates it (RFC 3261 §12.1.1): Call-ID, remote tag, the two parties'
 * header values for the requests the UAS sends in the dialog, the remote target from Contact, the route set from
 * Record-Route (in the order received), the remote CSeq and the flow.
 */
final class UasDialogs
{
    private static final byte[] COMMA = {',', ' '};

    private UasDialogs()
    {
    }

    /**
     * @return false when a value does not fit the dialog's fixed storage (the caller answers 503 or 500).
     */
    static boolean fromRequest(final Dialog dialog, final SipMessage request, final Flow flow, final NameAddr nameAddr)
    {
        final DirectBuffer buffer = request.buffer();
        final int from = request.firstHeader(HeaderType.FROM);
        final int to = request.firstHeader(HeaderType.TO);
        boolean fits = dialog.callId.set(buffer, request.callIdOffset(), request.callIdLength()) &&
            (request.fromTagOffset() < 0 || dialog.remoteTag.set(buffer, request.fromTagOffset(),
                request.fromTagLength())) &&
            dialog.remoteParty.set(buffer, request.headerValueOffset(from), request.headerValueLength(from)) &&
            dialog.localParty.set(buffer, request.headerValueOffset(to), request.headerValueLength(to)) &&
            dialog.localParty.append(UasText.TAG) && dialog.localParty.appendHex(dialog.localTag);
        for (int i = request.firstHeader(HeaderType.RECORD_ROUTE); fits && i >= 0;
            i = request.nextHeader(HeaderType.RECORD_ROUTE, i))
        {
            fits = (0 == dialog.routeSet.length() || dialog.routeSet.append(COMMA)) &&
                dialog.routeSet.append(buffer, request.headerValueOffset(i), request.headerValueLength(i));
        }
        dialog.remoteCSeq = request.cseqNumber();
        dialog.flow(flow);
        return fits && refreshTarget(dialog, request, nameAddr);
    }

    /**
     * Take the remote target from the request's Contact (a target refresh, RFC 3261 §12.2.2), if it has one.
     *
     * @return false when the Contact is malformed or too long to keep.
     */
    static boolean refreshTarget(final Dialog dialog, final SipMessage request, final NameAddr nameAddr)
    {
        final int contact = request.firstHeader(HeaderType.CONTACT);
        if (contact < 0)
        {
            return dialog.remoteTarget.length() > 0 || setTargetFromFrom(dialog, request, nameAddr);
        }
        final DirectBuffer buffer = request.buffer();
        return nameAddr.wrap(buffer, request.headerValueOffset(contact), request.headerValueLength(contact)) &&
            !nameAddr.isWildcard() &&
            dialog.remoteTarget.set(buffer, nameAddr.uriOffset(), nameAddr.uriLength());
    }

    private static boolean setTargetFromFrom(final Dialog dialog, final SipMessage request, final NameAddr nameAddr)
    {
        final int from = request.firstHeader(HeaderType.FROM);
        final DirectBuffer buffer = request.buffer();
        return nameAddr.wrap(buffer, request.headerValueOffset(from), request.headerValueLength(from)) &&
            dialog.remoteTarget.set(buffer, nameAddr.uriOffset(), nameAddr.uriLength());
    }

}
