package dev.parley.tools.call;

import org.agrona.DirectBuffer;

import dev.parley.sip.Flow;
import dev.parley.sip.protocol.HeaderType;
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.SipMethod;
import dev.parley.sip.protocol.SipWriter;
import dev.parley.sip.transaction.Destination;
import dev.parley.sip.transaction.Transactions;

/**
 * The requests this side receives (RFC 3261 §8.2), on the call agent's thread. As the callee: the INVITE it
 * waits for gets 180 at once and 200 with the SDP answer after {@code --answer-delay}, built from the request the
 * transaction keeps; the 200 is resent until the ACK (§13.3.1.4); a CANCEL before the 200 gets 200 and the INVITE
 * 487; a hang-up while ringing answers 603. On either side: the dialog's BYE gets 200 and ends the call, a
 * re-INVITE 488 (one offer per call), other requests in the dialog 200; outside it OPTIONS gets 200, another
 * INVITE 486, a request naming an unknown dialog 481, anything else 405.
 */
final class CallUas
{
    private static final byte[] NO_AUDIO = SipWriter.ascii("the offer has no PCMU or PCMA audio: answered 488");
    private static final byte[] BAD_REQUEST = SipWriter.ascii("Bad Request");

    private final CallUa ua;
    private final CallSettings settings;
    private final CallIdentity identity;
    private final CallMessages messages;
    private final CallDialog dialog;
    private final CallMedia media;
    private final CallEvents events;
    private final CallResult result;
    private final SipMessage kept;
    private final Flow keptFlow = new Flow();
    private final Destination fallback = new Destination();
    private final RemoteMedia remoteMedia = new RemoteMedia();
    private Transactions transactions;
    private int inviteTransaction = -1;
    private int flowFamily;
    private long flowHigh;
    private long flowLow;
    private int flowSourcePort;
    private int flowResponsePort;
    private int flowEndpointId;
    private int flowTransport;
    private long flowConnectionId;
    private boolean byePending;

    CallUas(
        final CallUa ua,
        final CallSettings settings,
        final CallIdentity identity,
        final CallMessages messages,
        final CallDialog dialog,
        final CallMedia media,
        final CallEvents events,
        final CallResult result,
        final int maxHeaders)
    {
        this.ua = ua;
        this.settings = settings;
        this.identity = identity;
        this.messages = messages;
        this.dialog = dialog;
        this.media = media;
        this.events = events;
        this.result = result;
        this.kept = new SipMessage(maxHeaders);
    }

    void transactions(final Transactions transactions)
    {
        this.transactions = transactions;
    }

    /**
     * The INVITE the callee waits for: 180 now, 200 after the answer delay.
     */
    void onInvite(final SipMessage request, final Flow flow, final int transaction, final long nowNs)
    {
        result.inviteNs = nowNs;
        emitRequest(request, nowNs);
        final long tag = identity.localTag();
        if (!remoteMedia.parse(request.buffer(), request.bodyOffset(), request.bodyLength()))
        {
            events.emit(CallEvents.WARNING, nowNs, 0, 0, NO_AUDIO);
            respond(request, flow, transaction, 488, CallMessages.NOT_ACCEPTABLE_HERE, tag, nowNs);
            result.finalStatus = 488;
            ua.fail("the offer has no PCMU or PCMA audio", CallResult.FAILED, nowNs);
            return;
        }
        if (!dialog.fromInvite(request, flow, tag, fallback))
        {
            respond(request, flow, transaction, 400, BAD_REQUEST, tag, nowNs);
            result.finalStatus = 400;
            ua.fail("the INVITE has no usable From, To or Contact", CallResult.FAILED, nowNs);
            return;
        }
        keepFlow(flow);
        inviteTransaction = transaction;
        ua.cancelTimer();
        final SipWriter writer = messages.response(request, flow, 180, CallMessages.RINGING, tag);
        copyRecordRoutes(request, writer);
        writer.header(CallMessages.CONTACT, identity.contact());
        send(transaction, 180, SipMethod.INVITE, messages.finish(), nowNs);
        result.ringingNs = nowNs;
        ua.state(CallUa.EARLY);
        if (0 == settings.answerDelayNs())
        {
            answer(nowNs);
        }
        else
        {
            ua.schedule(nowNs + settings.answerDelayNs(), CallUa.TIMER_ANSWER);
        }
    }

    /**
     * The 200 with the SDP answer, from the kept INVITE; resent by the transaction until ACK or timer L.
     */
    void answer(final long nowNs)
    {
        if (CallUa.EARLY != ua.state() || inviteTransaction < 0)
        {
            return;
        }
        final Flow flow = keptInvite();
        remoteMedia.parse(kept.buffer(), kept.bodyOffset(), kept.bodyLength());
        final SipWriter writer = messages.response(kept, flow, 200, CallMessages.OK, identity.localTag());
        copyRecordRoutes(kept, writer);
        writer.header(CallMessages.CONTACT, identity.contact());
        writer.header(CallMessages.ALLOW, CallMessages.ALLOW_VALUE);
        final int length = messages.finishWithAnswer(remoteMedia.session());
        if (length < 0)
        {
            reject(488, CallMessages.NOT_ACCEPTABLE_HERE, CallResult.FAILED, nowNs);
            return;
        }
        send(inviteTransaction, 200, SipMethod.INVITE, length, nowNs);
        transactions.startTwoHundredRetransmission(inviteTransaction, nowNs);
        ua.state(CallUa.ANSWERED);
        result.answeredNs = nowNs;
        result.finalStatus = 200;
        result.established = true;
        media.localEventPayloadType(remoteMedia.eventPayloadType());
        ua.mediaStarted(remoteMedia, nowNs);
    }

    /**
     * End the INVITE with a final failure from the kept request.
     */
    private void reject(final int statusCode, final byte[] reason, final int endReason, final long nowNs)
    {
        final Flow flow = keptInvite();
        messages.response(kept, flow, statusCode, reason, identity.localTag());
        send(inviteTransaction, statusCode, SipMethod.INVITE, messages.finish(), nowNs);
        result.finalStatus = statusCode;
        ua.end(endReason, nowNs);
    }

    void onAck(final SipMessage ack, final long nowNs)
    {
        if (CallUa.ANSWERED != ua.state() || !dialog.isSameCall(ack))
        {
            return;
        }
        transactions.acknowledged(inviteTransaction);
        ua.state(CallUa.CONFIRMED);
        events.emit(CallEvents.REQUEST_RECEIVED, nowNs, SipMethod.ACK, 0);
        if (byePending)
        {
            ua.bye(nowNs);
        }
    }

    /**
     * The BYE is due before the ACK came: send it when the ACK comes (§15: not before), or at timer L.
     */
    void byeOnAck()
    {
        byePending = true;
    }

    /**
     * Timer L: the 200 was never acknowledged, so the session ends with a BYE (§13.3.1.4).
     */
    void onUnacknowledged(final int index, final long nowNs)
    {
        if (index == inviteTransaction && CallUa.ANSWERED == ua.state())
        {
            result.noAck = true;
            result.failure = "no ACK for the 200";
            ua.bye(nowNs);
        }
    }

    void hangUp(final long nowNs)
    {
        switch (ua.state())
        {
            case CallUa.EARLY -> reject(603, CallMessages.DECLINE, CallResult.DECLINED, nowNs);
            case CallUa.ANSWERED -> byePending = true;
            case CallUa.CONFIRMED -> ua.bye(nowNs);
            default ->
            {
            }
        }
    }

    void onCancel(
        final SipMessage cancel, final Flow flow, final int cancelTransaction, final int cancelled, final long nowNs)
    {
        emitRequest(cancel, nowNs);
        if (cancelled < 0 || cancelled != inviteTransaction)
        {
            respond(cancel, flow, cancelTransaction, 481, CallMessages.NO_TRANSACTION, 0, nowNs);
            return;
        }
        respond(cancel, flow, cancelTransaction, 200, CallMessages.OK, identity.localTag(), nowNs);
        if (CallUa.EARLY == ua.state())
        {
            reject(487, CallMessages.REQUEST_TERMINATED, CallResult.REMOTE_CANCEL, nowNs);
        }
    }

    /**
     * A request inside the call's dialog, on either side.
     */
    void inDialog(final SipMessage request, final Flow flow, final int transaction, final long nowNs)
    {
        final int method = request.method();
        if (SipMethod.INVITE == method)
        {
            respond(request, flow, transaction, 488, CallMessages.NOT_ACCEPTABLE_HERE, 0, nowNs);
            return;
        }
        respond(request, flow, transaction, 200, CallMessages.OK, 0, nowNs);
        if (SipMethod.BYE == method)
        {
            ua.end(CallResult.REMOTE_BYE, nowNs);
        }
    }

    /**
     * A request that is not this call's.
     */
    void outsideTheCall(final SipMessage request, final Flow flow, final int transaction, final long nowNs)
    {
        final int method = request.method();
        if (SipMethod.OPTIONS == method)
        {
            final SipWriter writer = messages.response(request, flow, 200, CallMessages.OK, 0);
            writer.header(CallMessages.ALLOW, CallMessages.ALLOW_VALUE);
            transactions.respond(transaction, 200, messages.scratch(), 0, messages.finish(), nowNs);
        }
        else if (SipMethod.INVITE == method && request.toTagOffset() < 0)
        {
            emitRequest(request, nowNs);
            respond(request, flow, transaction, 486, CallMessages.BUSY_HERE, 0, nowNs);
        }
        else if (request.toTagOffset() >= 0)
        {
            respond(request, flow, transaction, 481, CallMessages.NO_TRANSACTION, 0, nowNs);
        }
        else
        {
            final SipWriter writer = messages.response(request, flow, 405, CallMessages.METHOD_NOT_ALLOWED, 0);
            writer.header(CallMessages.ALLOW, CallMessages.ALLOW_VALUE);
            transactions.respond(transaction, 405, messages.scratch(), 0, messages.finish(), nowNs);
        }
    }

    void onTerminated(final int index)
    {
        if (index == inviteTransaction)
        {
            inviteTransaction = -1;
        }
    }

    private void respond(
        final SipMessage request,
        final Flow flow,
        final int transaction,
        final int statusCode,
        final byte[] reason,
        final long toTag,
        final long nowNs)
    {
        messages.response(request, flow, statusCode, reason, toTag);
        send(transaction, statusCode, request.method(), messages.finish(), nowNs);
    }

    private void send(final int transaction, final int statusCode, final int method, final int length,
        final long nowNs)
    {
        if (length > 0 && transactions.respond(transaction, statusCode, messages.scratch(), 0, length, nowNs))
        {
            events.emit(CallEvents.RESPONSE_SENT, nowNs, statusCode, method);
        }
    }

    /**
     * Report a request received, with its From: who sent it (the Request-URI is this side's own address).
     */
    void emitRequest(final SipMessage request, final long nowNs)
    {
        final int from = request.firstHeader(HeaderType.FROM);
        final DirectBuffer buffer = request.buffer();
        events.emit(CallEvents.REQUEST_RECEIVED, nowNs, request.method(), 0, buffer,
            from < 0 ? 0 : request.headerValueOffset(from), from < 0 ? 0 : request.headerValueLength(from));
    }

    private static void copyRecordRoutes(final SipMessage request, final SipWriter writer)
    {
        for (int i = request.firstHeader(HeaderType.RECORD_ROUTE); i >= 0;
            i = request.nextHeader(HeaderType.RECORD_ROUTE, i))
        {
            writer.header(CallMessages.RECORD_ROUTE, request.buffer(), request.headerValueOffset(i),
                request.headerValueLength(i));
        }
    }

    private void keepFlow(final Flow flow)
    {
        flowFamily = flow.family();
        flowHigh = flow.addressHigh();
        flowLow = flow.addressLow();
        flowSourcePort = flow.sourcePort();
        flowResponsePort = flow.responsePort();
        flowEndpointId = flow.endpointId();
        flowTransport = flow.transport();
        flowConnectionId = flow.connectionId();
    }

    /**
     * The INVITE as its transaction keeps it, in {@link #kept}, and the flow it came on.
     */
    private Flow keptInvite()
    {
        kept.wrap(transactions.request(inviteTransaction), 0, transactions.requestLength(inviteTransaction));
        return keptFlow.restore(flowFamily, flowHigh, flowLow, flowSourcePort, flowResponsePort, flowEndpointId,
            flowTransport, flowConnectionId, messages.endpoints());
    }
}
