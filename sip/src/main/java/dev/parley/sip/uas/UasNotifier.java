package dev.parley.sip.uas;

import java.util.concurrent.TimeUnit;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.core.io.PacketSlot;
import dev.parley.sip.Flow;
import dev.parley.sip.LocalEndpoints;
import dev.parley.sip.protocol.EventHeader;
import dev.parley.sip.protocol.HeaderType;
import dev.parley.sip.protocol.IpLiteral;
import dev.parley.sip.protocol.NameAddr;
import dev.parley.sip.protocol.SipChars;
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.SipMethod;
import dev.parley.sip.protocol.SipNumbers;
import dev.parley.sip.protocol.SipUri;
import dev.parley.sip.protocol.SipWriter;
import dev.parley.sip.transaction.SipTimers;
import dev.parley.sip.transaction.Transactions;

/**
 * The notifier side of RFC 6665 and RFC 3515. A SUBSCRIBE to a configured event package gets 200 and a NOTIFY
 * (active, then terminated on unsubscribe or expiry); a REFER gets 202, a NOTIFY with {@code SIP/2.0 100 Trying},
 * then the UAS places the referred call (an INVITE to the Refer-To URI, which must name an IP address) and reports
 * its final response in a last NOTIFY as a sipfrag.
 */
final class UasNotifier
{
    private static final long REFER_EXPIRES = 60;

    private final Transactions transactions;
    private final SipTimers timers;
    private final UasMessages messages;
    private final Dialogs dialogs;
    private final UasRequests requests;
    private final UasSdp sdp;
    private final LocalEndpoints endpoints;
    private final UasSettings settings;
    private final TagGenerator tags;
    private final EventHeader event = new EventHeader();
    private final NameAddr nameAddr = new NameAddr();
    private final NameAddr referTo = new NameAddr();
    private final SipUri uri = new SipUri();
    private final IpLiteral ip = new IpLiteral();
    private final UnsafeBuffer body = new UnsafeBuffer(new byte[4096]);

    UasNotifier(
        final Transactions transactions,
        final SipTimers timers,
        final UasMessages messages,
        final Dialogs dialogs,
        final UasRequests requests,
        final UasSdp sdp,
        final LocalEndpoints endpoints,
        final UasSettings settings,
        final TagGenerator tags)
    {
        this.transactions = transactions;
        this.timers = timers;
        this.messages = messages;
        this.dialogs = dialogs;
        this.requests = requests;
        this.sdp = sdp;
        this.endpoints = endpoints;
        this.settings = settings;
        this.tags = tags;
    }

    void subscribe(
        final SipMessage request, final Flow flow, final int transaction, final Dialog existing, final long nowNs)
    {
        final int index = request.firstHeader(HeaderType.EVENT);
        if (index < 0 || !event.wrap(request.buffer(), request.headerValueOffset(index),
            request.headerValueLength(index)))
        {
            respond(request, flow, transaction, 400, UasText.BAD_REQUEST_EVENT, 0);
            return;
        }
        if (!isServedEvent(request.buffer()) ||
            (null != existing && !existing.event.equalTo(request.buffer(), event.packageOffset(),
                event.packageLength())))
        {
            final SipWriter writer = messages.response(request, flow, 489, UasText.BAD_EVENT, 0);
            writer.header(UasText.ALLOW_EVENTS, settings.allowEvents);
            send(transaction, 489, messages.finish(), nowNs);
            return;
        }
        final long expires = expires(request);
        if (expires < 0)
        {
            respond(request, flow, transaction, 400, UasText.BAD_REQUEST_EXPIRES, 0);
            return;
        }
        final Dialog dialog = null != existing ? existing : newDialog(request, flow, transaction, nowNs);
        if (null == dialog)
        {
            return;
        }
        dialog.event.set(request.buffer(), event.packageOffset(), event.packageLength());
        if (event.idOffset() >= 0)
        {
            dialog.eventId.set(request.buffer(), event.idOffset(), event.idLength());
        }
        final SipWriter writer = messages.response(request, flow, 200, UasText.OK, dialog.localTag);
        writer.header(UasText.EXPIRES, expires).header(UasText.CONTACT, flow.local().contact());
        send(transaction, 200, messages.finish(), nowNs);
        dialog.state = Dialog.CONFIRMED;
        dialog.subscriptionTimer = cancel(dialog.subscriptionTimer);
        if (0 == expires)
        {
            requests.notify(dialog, UasText.TERMINATED_TIMEOUT, -1, body, 0, nowNs);
            dialog.hasSubscription = false;
            endIfIdle(dialog);
            return;
        }
        dialog.hasSubscription = true;
        dialog.subscriptionTimer = timers.schedule(nowNs + TimeUnit.SECONDS.toNanos(expires),
            SipTimers.OWNER_DIALOG, dialog.index, FullUas.TIMER_SUBSCRIPTION);
        requests.notify(dialog, UasText.ACTIVE_EXPIRES, expires, body, 0, nowNs);
    }

    void onSubscriptionTimer(final Dialog dialog, final long nowNs)
    {
        dialog.subscriptionTimer = Dialog.NO_TIMER;
        if (dialog.hasSubscription)
        {
            requests.notify(dialog, UasText.TERMINATED_TIMEOUT, -1, body, 0, nowNs);
            dialog.hasSubscription = false;
            endIfIdle(dialog);
        }
    }

    void refer(
        final SipMessage request, final Flow flow, final int transaction, final Dialog existing, final long nowNs)
    {
        final int index = request.firstHeader(HeaderType.REFER_TO);
        if (index < 0 || request.count(HeaderType.REFER_TO) > 1 ||
            !referTo.wrap(request.buffer(), request.headerValueOffset(index), request.headerValueLength(index)))
        {
            respond(request, flow, transaction, 400, UasText.BAD_REQUEST_REFER_TO, 0);
            return;
        }
        final Dialog dialog = null != existing ? existing : newDialog(request, flow, transaction, nowNs);
        if (null == dialog)
        {
            return;
        }
        final SipWriter writer = messages.response(request, flow, 202, UasText.ACCEPTED, dialog.localTag);
        writer.header(UasText.CONTACT, flow.local().contact());
        send(transaction, 202, messages.finish(), nowNs);
        dialog.state = Dialog.CONFIRMED;
        dialog.hasReferSubscription = true;
        dialog.event.set(UasText.EVENT_REFER);
        dialog.eventId.clear();
        if (null != existing)
        {
            setNatural(dialog.eventId, request.cseqNumber());
        }
        body.putBytes(0, UasText.SIPFRAG_TRYING);
        dialog.notifyTransaction = requests.notify(
            dialog, UasText.ACTIVE_EXPIRES, REFER_EXPIRES, body, UasText.SIPFRAG_TRYING.length, nowNs);
        startReferredCall(request.buffer(), dialog, nowNs);
    }

    /**
     * A response to the referred call's INVITE, or to a BYE or NOTIFY the UAS sent.
     */
    void onResponse(
        final Dialog dialog, final int statusCode, final SipMessage response, final DirectSender sender,
        final long nowNs)
    {
        if (Dialog.ROLE_UAC != dialog.role || !dialog.hasSession || response.cseqMethod() != SipMethod.INVITE)
        {
            return;
        }
        if (statusCode < 200)
        {
            return;
        }
        final Dialog referrer = dialog.referringDialog >= 0 ? dialogs.get(dialog.referringDialog) : null;
        if (statusCode < 300)
        {
            if (response.toTagOffset() >= 0)
            {
                dialog.remoteParty.set(response.buffer(), response.headerValueOffset(response.firstHeader(
                    HeaderType.TO)), response.headerValueLength(response.firstHeader(HeaderType.TO)));
                UasDialogs.refreshTarget(dialog, response, nameAddr);
            }
            requests.ackTwoHundred(dialog, sender);
            finalNotify(referrer, response, nowNs);
            requests.bye(dialog, nowNs);
        }
        else
        {
            finalNotify(referrer, response, nowNs);
        }
        dialog.hasSession = false;
        dialog.referringDialog = -1;
        endIfIdle(dialog);
    }

    /**
     * The referred call's INVITE timed out or could not be sent: report 408.
     */
    void onReferredCallFailed(final Dialog dialog, final byte[] sipfrag, final long nowNs)
    {
        if (Dialog.ROLE_UAC != dialog.role || !dialog.hasSession)
        {
            return;
        }
        final Dialog referrer = dialog.referringDialog >= 0 ? dialogs.get(dialog.referringDialog) : null;
        if (null != referrer)
        {
            body.putBytes(0, sipfrag);
            terminateRefer(referrer, sipfrag.length, nowNs);
        }
        dialog.hasSession = false;
        dialog.referringDialog = -1;
        endIfIdle(dialog);
    }

    private void finalNotify(final Dialog referrer, final SipMessage response, final long nowNs)
    {
        if (null == referrer)
        {
            return;
        }
        final int statusLineLength = response.reasonOffset() + response.reasonLength() - response.offset();
        if (statusLineLength + 2 > body.capacity())
        {
            return;
        }
        body.putBytes(0, response.buffer(), response.offset(), statusLineLength);
        body.putBytes(statusLineLength, UasText.CRLF);
        terminateRefer(referrer, statusLineLength + 2, nowNs);
    }

    /**
     * The refer's last NOTIFY, with the sipfrag in {@link #body}: sent now, or, while the NOTIFY before it is not
     * answered yet, held until it is, so that the subscriber gets them one at a time and in order.
     */
    private void terminateRefer(final Dialog referrer, final int bodyLength, final long nowNs)
    {
        referrer.hasReferSubscription = false;
        referrer.referredCall = -1;
        if (referrer.notifyTransaction >= 0 && referrer.heldNotify.set(body, 0, bodyLength))
        {
            return;
        }
        referrer.notifyTransaction =
            requests.notify(referrer, UasText.TERMINATED_NORESOURCE, -1, body, bodyLength, nowNs);
        endIfIdle(referrer);
    }

    /**
     * The refer NOTIFY a client transaction carried got its final answer, or none (Timer F): a held last NOTIFY
     * goes after a 2xx; after an error or a timeout the subscription is gone (RFC 6665 §4.2.2) and it is dropped.
     *
     * @param dialog      the dialog the transaction was sent in.
     * @param transaction the client transaction.
     * @param answered    whether the answer was a 2xx.
     */
    void onNotifyDone(final Dialog dialog, final int transaction, final boolean answered, final long nowNs)
    {
        if (dialog.notifyTransaction != transaction)
        {
            return;
        }
        dialog.notifyTransaction = -1;
        final int held = dialog.heldNotify.length();
        if (held > 0)
        {
            body.putBytes(0, dialog.heldNotify.buffer(), 0, held);
            dialog.heldNotify.clear();
            if (answered)
            {
                dialog.notifyTransaction =
                    requests.notify(dialog, UasText.TERMINATED_NORESOURCE, -1, body, held, nowNs);
            }
            endIfIdle(dialog);
        }
    }

    /**
     * Place the call the REFER asks for: a UAC dialog towards the Refer-To URI, whose host must be an IP address
     * (no DNS on the sip thread); anything else ends the refer with a 503 sipfrag.
     */
    private void startReferredCall(final DirectBuffer buffer, final Dialog referrer, final long nowNs)
    {
        final Dialog call = uri.wrap(buffer, referTo.uriOffset(), referTo.uriLength()) &&
            ip.parse(buffer, uri.hostOffset(), uri.hostLength()) ? dialogs.allocate() : null;
        if (null == call)
        {
            body.putBytes(0, UasText.SIPFRAG_UNREACHABLE);
            terminateRefer(referrer, UasText.SIPFRAG_UNREACHABLE.length, nowNs);
            return;
        }
        final int transport = SipChars.equalsIgnoreCase(buffer, uri.transportOffset(), uri.transportLength(),
            UasText.TCP) ? PacketSlot.TRANSPORT_TCP : PacketSlot.TRANSPORT_UDP;
        final LocalEndpoints.Entry local = endpoints.find(transport, ip.family());
        call.role = Dialog.ROLE_UAC;
        call.hasSession = true;
        call.referringDialog = referrer.index;
        referrer.referredCall = call.index;
        call.family = ip.family();
        call.addressHigh = ip.high();
        call.addressLow = ip.low();
        call.port = uri.port() > 0 ? uri.port() : 5060;
        call.endpointId = local.id();
        call.transport = transport;
        call.connectionId = -1;
        call.localCSeq = 1;
        call.remoteTarget.set(buffer, referTo.uriOffset(), referTo.uriLength());
        call.remoteParty.set(UasText.LT);
        call.remoteParty.append(buffer, referTo.uriOffset(), referTo.uriLength());
        call.remoteParty.append(UasText.GT);
        call.localParty.set(UasText.FROM_PARLEY_PREFIX);
        call.localParty.append(local.hostPort());
        call.localParty.append(UasText.GT_TAG);
        call.localParty.appendHex(call.localTag);
        call.callId.clear();
        call.callId.appendHex(tags.next());
        call.callId.append(UasText.AT_PARLEY);
        final int offerLength = sdp.offer(body, local, call.localTag >>> 1, 0);
        if (offerLength < 0 || requests.invite(call, body, offerLength, nowNs) < 0)
        {
            onReferredCallFailed(call, UasText.SIPFRAG_UNREACHABLE, nowNs);
        }
    }

    private Dialog newDialog(final SipMessage request, final Flow flow, final int transaction, final long nowNs)
    {
        final Dialog dialog = dialogs.allocate();
        if (null == dialog || !UasDialogs.fromRequest(dialog, request, flow, nameAddr))
        {
            if (null != dialog)
            {
                dialogs.release(dialog);
            }
            final SipWriter writer = messages.response(request, flow, 503, UasText.SERVICE_UNAVAILABLE, 0);
            writer.header(UasText.RETRY_AFTER, settings.retryAfterSeconds);
            send(transaction, 503, messages.finish(), nowNs);
            return null;
        }
        return dialog;
    }

    private boolean isServedEvent(final DirectBuffer buffer)
    {
        for (final byte[] served : settings.events)
        {
            if (SipChars.equalsIgnoreCase(buffer, event.packageOffset(), event.packageLength(), served))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the granted duration: the request's Expires capped at the configured maximum, the maximum when
     * absent, or -1 when malformed.
     */
    private long expires(final SipMessage request)
    {
        final int index = request.firstHeader(HeaderType.EXPIRES);
        if (index < 0)
        {
            return settings.subscriptionMaxSeconds;
        }
        final long requested = SipNumbers.parseDelta(
            request.buffer(), request.headerValueOffset(index), request.headerValueLength(index));
        return requested < 0 ? -1 : Math.min(requested, settings.subscriptionMaxSeconds);
    }

    private static void setNatural(final BoundedBytes bytes, final long value)
    {
        bytes.clear();
        bytes.appendNatural(value);
    }

    private long cancel(final long timer)
    {
        if (Dialog.NO_TIMER != timer)
        {
            timers.cancel(timer);
        }
        return Dialog.NO_TIMER;
    }

    private void endIfIdle(final Dialog dialog)
    {
        if (!dialog.isActive())
        {
            dialogs.release(dialog);
        }
    }

    private void respond(
        final SipMessage request, final Flow flow, final int transaction, final int statusCode, final byte[] reason,
        final long tag)
    {
        messages.response(request, flow, statusCode, reason, tag);
        send(transaction, statusCode, messages.finish(), messages.nowNs());
    }

    private void send(final int transaction, final int statusCode, final int length, final long nowNs)
    {
        if (length > 0)
        {
            transactions.respond(transaction, statusCode, messages.scratch(), 0, length, nowNs);
        }
    }
}
