package dev.parley.sip.uas;

import java.util.concurrent.TimeUnit;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.sip.Flow;
import dev.parley.sip.LocalEndpoints;
import dev.parley.sip.protocol.HeaderType;
import dev.parley.sip.protocol.NameAddr;
import dev.parley.sip.protocol.RAck;
import dev.parley.sip.protocol.SessionExpires;
import dev.parley.sip.protocol.OptionTags;
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.SipMethod;
import dev.parley.sip.protocol.SipWriter;
import dev.parley.sip.transaction.SipTimers;
import dev.parley.sip.transaction.TransactionKind;
import dev.parley.sip.transaction.TransactionState;
import dev.parley.sip.transaction.Transactions;

/**
 * The UAS side of INVITE sessions: 100/180/200 with an SDP answer (RFC 3264), reliable 180 and PRACK (RFC 3262),
 * CANCEL's 487, the ACK for 2xx, re-INVITE and UPDATE, BYE, and session timers (RFC 4028): a Session-Expires
 * under Min-SE gets 422, a session not refreshed in time is ended with BYE.
 */
final class UasCalls
{
    private final Transactions transactions;
    private final SipTimers timers;
    private final UasMessages messages;
    private final Dialogs dialogs;
    private final UasSdp sdp;
    private final UasRequests requests;
    private final LocalEndpoints endpoints;
    private final UasSettings settings;
    private final SipMessage kept;
    private final Flow keptFlow = new Flow();
    private final SessionExpires sessionExpires = new SessionExpires();
    private final RAck rack = new RAck();
    private final NameAddr nameAddr = new NameAddr();
    private final UnsafeBuffer body = new UnsafeBuffer(new byte[4096]);
    private long intervalSeconds;
    private boolean refresherUas;

    UasCalls(
        final Transactions transactions,
        final SipTimers timers,
        final UasMessages messages,
        final Dialogs dialogs,
        final UasSdp sdp,
        final UasRequests requests,
        final LocalEndpoints endpoints,
        final UasSettings settings)
    {
        this.transactions = transactions;
        this.timers = timers;
        this.messages = messages;
        this.dialogs = dialogs;
        this.sdp = sdp;
        this.requests = requests;
        this.endpoints = endpoints;
        this.settings = settings;
        this.kept = new SipMessage(settings.maxHeaders);
    }

    void invite(final SipMessage request, final Flow flow, final int transaction, final long nowNs)
    {
        if (!acceptable(request, flow, transaction) || !sessionInterval(request, flow, transaction))
        {
            return;
        }
        final Dialog dialog = dialogs.allocate();
        if (null == dialog || !UasDialogs.fromRequest(dialog, request, flow, nameAddr))
        {
            if (null != dialog)
            {
                dialogs.release(dialog);
            }
            serviceUnavailable(request, flow, transaction);
            return;
        }
        final int answerLength = answerOrOffer(request, flow, transaction, dialog);
        if (answerLength < 0)
        {
            dialogs.release(dialog);
            return;
        }
        dialog.localSdp.set(body, 0, answerLength);
        dialog.hasSession = true;
        dialog.inviteTransaction = transaction;
        dialog.inviteCSeq = request.cseqNumber();
        dialog.sessionExpires = intervalSeconds;
        dialog.refresherIsUas = refresherUas;
        dialog.reliable = settings.reliable(request);
        transactions.userSlot(transaction, dialog.index + 1);
        messages.response(request, flow, 100, UasText.TRYING, 0);
        send(transaction, 100, messages.finish());
        ringing(request, flow, dialog, nowNs);
        if (!dialog.reliable)
        {
            scheduleAnswer(dialog, nowNs);
        }
    }

    /**
     * @return the To-tag the INVITE's answers carry, for the 200 to its CANCEL (RFC 3261 §9.2); 0 when none yet.
     */
    long localTag(final int inviteTransaction)
    {
        final long user = transactions.userSlot(inviteTransaction);
        return user > 0 ? dialogs.get((int)user - 1).localTag : 0;
    }

    void cancel(final int inviteTransaction, final long nowNs)
    {
        if (finalSent(inviteTransaction))
        {
            return;
        }
        final long user = transactions.userSlot(inviteTransaction);
        final Dialog dialog = user > 0 ? dialogs.get((int)user - 1) : null;
        keptRequest(inviteTransaction);
        final long tag = null != dialog ? dialog.localTag : 0;
        final Flow flow = null != dialog ? dialog.restore(keptFlow, endpoints) : null;
        if (null == flow)
        {
            return;
        }
        messages.response(kept, flow, 487, UasText.REQUEST_TERMINATED, tag);
        send(inviteTransaction, 487, messages.finish());
        end(dialog);
    }

    void ack(final Dialog dialog, final SipMessage ack, final long nowNs)
    {
        if (!dialog.awaitingAck || ack.cseqNumber() != dialog.inviteCSeq)
        {
            return;
        }
        dialog.awaitingAck = false;
        transactions.acknowledged(dialog.inviteTransaction);
        dialog.inviteTransaction = -1;
        dialog.state = Dialog.CONFIRMED;
        startSessionTimer(dialog, nowNs);
    }

    void inDialog(
        final SipMessage request, final Flow flow, final int transaction, final Dialog dialog, final long nowNs)
    {
        switch (request.method())
        {
            case SipMethod.BYE -> bye(request, flow, transaction, dialog);
            case SipMethod.PRACK -> prack(request, flow, transaction, dialog, nowNs);
            case SipMethod.INFO -> ok(request, flow, transaction, dialog);
            default -> refresh(request, flow, transaction, dialog, nowNs);
        }
    }

    void onTimer(final Dialog dialog, final int timerCode, final long nowNs)
    {
        if (FullUas.TIMER_PROVISIONAL == timerCode)
        {
            dialog.provisionalTimer = Dialog.NO_TIMER;
            retransmitReliable(dialog, nowNs);
        }
        else if (FullUas.TIMER_ANSWER == timerCode)
        {
            dialog.answerTimer = Dialog.NO_TIMER;
            answer(dialog, nowNs);
        }
        else if (FullUas.TIMER_SESSION == timerCode)
        {
            dialog.sessionTimer = Dialog.NO_TIMER;
            requests.bye(dialog, nowNs);
            dialog.hasSession = false;
            endIfIdle(dialog);
        }
    }

    /**
     * The 2xx to an INVITE was never acknowledged (timer L): end the session with a BYE (RFC 3261 §13.3.1.4).
     */
    void onUnacknowledged(final int dialogIndex, final long nowNs)
    {
        final Dialog dialog = dialogs.get(dialogIndex);
        if (dialog.awaitingAck)
        {
            dialog.awaitingAck = false;
            dialog.inviteTransaction = -1;
            requests.bye(dialog, nowNs);
            dialog.hasSession = false;
            endIfIdle(dialog);
        }
    }

    private boolean acceptable(final SipMessage request, final Flow flow, final int transaction)
    {
        final int unsupported = UasMessages.firstUnsupported(request, settings.reliableAllowed);
        if (unsupported >= 0)
        {
            final SipWriter writer = messages.response(request, flow, 420, UasText.BAD_EXTENSION, 0);
            writer.header(UasText.UNSUPPORTED, request.buffer(), request.headerValueOffset(unsupported),
                request.headerValueLength(unsupported));
            send(transaction, 420, messages.finish());
            return false;
        }
        return true;
    }

    /**
     * Check Session-Expires against Min-SE (RFC 4028 §8, §9); leaves the chosen interval (0 for none) and refresher
     * in {@link #intervalSeconds} and {@link #refresherUas}.
     */
    private boolean sessionInterval(final SipMessage request, final Flow flow, final int transaction)
    {
        final int index = request.firstHeader(HeaderType.SESSION_EXPIRES);
        final boolean supportsTimer = OptionTags.contains(request, HeaderType.SUPPORTED, UasText.REQUIRE_TIMER);
        intervalSeconds = 0;
        refresherUas = false;
        if (index < 0)
        {
            intervalSeconds = supportsTimer ? settings.sessionExpiresSeconds : 0;
            return true;
        }
        if (!sessionExpires.wrap(request.buffer(), request.headerValueOffset(index), request.headerValueLength(index)))
        {
            messages.response(request, flow, 400, UasText.BAD_REQUEST_SESSION_EXPIRES, 0);
            send(transaction, 400, messages.finish());
            return false;
        }
        if (sessionExpires.deltaSeconds() < settings.minSeSeconds)
        {
            final SipWriter writer = messages.response(request, flow, 422, UasText.INTERVAL_TOO_SMALL, 0);
            writer.header(UasText.MIN_SE, settings.minSeSeconds);
            send(transaction, 422, messages.finish());
            return false;
        }
        intervalSeconds = sessionExpires.deltaSeconds();
        refresherUas = SessionExpires.REFRESHER_UAS == sessionExpires.refresher() ||
            (SessionExpires.REFRESHER_NONE == sessionExpires.refresher() && !supportsTimer);
        return true;
    }

    /**
     * Write the SDP answer to the request's offer, or an offer when it has none, into {@link #body}.
     *
     * @return its length, or -1 after answering the request with an error.
     */
    private int answerOrOffer(final SipMessage request, final Flow flow, final int transaction, final Dialog dialog)
    {
        final long sessionId = dialog.localTag >>> 1;
        if (0 == request.bodyLength())
        {
            return sdp.offer(body, flow.local(), sessionId, dialog.sdpVersion);
        }
        if (!sdp.isSdp(request))
        {
            final SipWriter writer = messages.response(request, flow, 415, UasText.UNSUPPORTED_MEDIA_TYPE, 0);
            writer.header(UasText.ACCEPT, UasText.ACCEPT_VALUE);
            send(transaction, 415, messages.finish());
            return -1;
        }
        final int length = sdp.answer(request.buffer(), request.bodyOffset(), request.bodyLength(), body,
            flow.local(), sessionId, dialog.sdpVersion);
        if (UasSdp.MALFORMED == length)
        {
            messages.response(request, flow, 400, UasText.BAD_REQUEST_SDP, 0);
            send(transaction, 400, messages.finish());
            return -1;
        }
        if (length < 0)
        {
            messages.response(request, flow, 488, UasText.NOT_ACCEPTABLE_HERE, 0);
            send(transaction, 488, messages.finish());
            return -1;
        }
        return length;
    }

    private void ringing(final SipMessage request, final Flow flow, final Dialog dialog, final long nowNs)
    {
        final SipWriter writer = messages.response(request, flow, 180, UasText.RINGING, dialog.localTag);
        messages.copyAll(request, HeaderType.RECORD_ROUTE, UasText.RECORD_ROUTE);
        writer.header(UasText.CONTACT, flow.local().contact());
        if (dialog.reliable)
        {
            dialog.rseq++;
            dialog.awaitingPrack = true;
            writer.header(UasText.REQUIRE, UasText.REQUIRE_100REL).header(UasText.RSEQ, dialog.rseq);
            if (0 == dialog.provisionalIntervalNs)
            {
                dialog.provisionalIntervalNs = settings.t1Ns;
                dialog.provisionalDeadlineNs = nowNs + 64 * settings.t1Ns;
            }
            dialog.provisionalTimer = timers.schedule(
                nowNs + dialog.provisionalIntervalNs, SipTimers.OWNER_DIALOG, dialog.index, FullUas.TIMER_PROVISIONAL);
        }
        send(dialog.inviteTransaction, 180, messages.finish());
    }

    /**
     * Resend the reliable 180 at T1, 2T1, 4T1 ... until PRACK; with no PRACK after 64*T1, reject the INVITE
     * (RFC 3262 §3).
     */
    private void retransmitReliable(final Dialog dialog, final long nowNs)
    {
        if (!dialog.awaitingPrack || dialog.inviteTransaction < 0)
        {
            return;
        }
        keptRequest(dialog.inviteTransaction);
        final Flow flow = dialog.restore(keptFlow, endpoints);
        if (nowNs - dialog.provisionalDeadlineNs >= 0)
        {
            dialog.awaitingPrack = false;
            messages.response(kept, flow, 504, UasText.SERVER_TIMEOUT, dialog.localTag);
            send(dialog.inviteTransaction, 504, messages.finish());
            end(dialog);
            return;
        }
        dialog.provisionalIntervalNs *= 2;
        dialog.rseq--;
        ringing(kept, flow, dialog, nowNs);
    }

    private void prack(
        final SipMessage request, final Flow flow, final int transaction, final Dialog dialog, final long nowNs)
    {
        final int index = request.firstHeader(HeaderType.RACK);
        final boolean matches = index >= 0 && dialog.awaitingPrack &&
            rack.wrap(request.buffer(), request.headerValueOffset(index), request.headerValueLength(index)) &&
            rack.rseq() == dialog.rseq && rack.cseq() == dialog.inviteCSeq && SipMethod.INVITE == rack.method();
        if (!matches)
        {
            messages.response(request, flow, 481, UasText.NO_MATCHING_PRACK, 0);
            send(transaction, 481, messages.finish());
            return;
        }
        dialog.awaitingPrack = false;
        if (Dialog.NO_TIMER != dialog.provisionalTimer)
        {
            timers.cancel(dialog.provisionalTimer);
            dialog.provisionalTimer = Dialog.NO_TIMER;
        }
        messages.response(request, flow, 200, UasText.OK, 0);
        send(transaction, 200, messages.finish());
        scheduleAnswer(dialog, nowNs);
    }

    private void scheduleAnswer(final Dialog dialog, final long nowNs)
    {
        if (0 == settings.answerDelayNs)
        {
            answer(dialog, nowNs);
        }
        else
        {
            dialog.answerTimer = timers.schedule(
                nowNs + settings.answerDelayNs, SipTimers.OWNER_DIALOG, dialog.index, FullUas.TIMER_ANSWER);
        }
    }

    /**
     * The 200 to the initial INVITE, built from the kept request; retransmitted by the transaction until ACK.
     */
    private void answer(final Dialog dialog, final long nowNs)
    {
        final int transaction = dialog.inviteTransaction;
        if (transaction < 0 || finalSent(transaction))
        {
            return;
        }
        keptRequest(transaction);
        final Flow flow = dialog.restore(keptFlow, endpoints);
        final SipWriter writer = messages.response(kept, flow, 200, UasText.OK, dialog.localTag);
        messages.copyAll(kept, HeaderType.RECORD_ROUTE, UasText.RECORD_ROUTE);
        sessionHeaders(writer, flow, dialog);
        writer.header(UasText.CONTENT_TYPE, UasText.APPLICATION_SDP);
        dialog.awaitingAck = true;
        dialog.state = Dialog.CONFIRMED;
        send(transaction, 200, messages.finish(dialog.localSdp.buffer(), 0, dialog.localSdp.length()));
    }

    private void sessionHeaders(final SipWriter writer, final Flow flow, final Dialog dialog)
    {
        writer.header(UasText.CONTACT, flow.local().contact())
            .header(UasText.ALLOW, UasText.ALLOW_VALUE)
            .header(UasText.SUPPORTED, UasText.SUPPORTED_VALUE);
        if (dialog.sessionExpires > 0)
        {
            writer.header(UasText.REQUIRE, UasText.REQUIRE_TIMER)
                .headerName(UasText.SESSION_EXPIRES).appendNatural(dialog.sessionExpires)
                .append(dialog.refresherIsUas ? UasText.REFRESHER_UAS : UasText.REFRESHER_UAC).endLine();
        }
    }

    /**
     * re-INVITE or UPDATE: a new offer is answered, a session interval refreshed; an INVITE while another is
     * pending gets 491 (RFC 3261 §14.2).
     */
    private void refresh(
        final SipMessage request, final Flow flow, final int transaction, final Dialog dialog, final long nowNs)
    {
        final boolean invite = SipMethod.INVITE == request.method();
        if (invite && (dialog.awaitingAck || dialog.inviteTransaction >= 0))
        {
            messages.response(request, flow, 491, UasText.REQUEST_PENDING, 0);
            send(transaction, 491, messages.finish());
            return;
        }
        if (!sessionInterval(request, flow, transaction))
        {
            return;
        }
        final boolean hasOffer = request.bodyLength() > 0;
        int length = 0;
        if (hasOffer || invite)
        {
            dialog.sdpVersion++;
            length = answerOrOffer(request, flow, transaction, dialog);
            if (length < 0)
            {
                dialog.sdpVersion--;
                return;
            }
        }
        if (intervalSeconds > 0)
        {
            dialog.sessionExpires = intervalSeconds;
            dialog.refresherIsUas = refresherUas;
        }
        UasDialogs.refreshTarget(dialog, request, nameAddr);
        final SipWriter writer = messages.response(request, flow, 200, UasText.OK, 0);
        sessionHeaders(writer, flow, dialog);
        if (length > 0)
        {
            writer.header(UasText.CONTENT_TYPE, UasText.APPLICATION_SDP);
        }
        if (invite)
        {
            dialog.inviteTransaction = transaction;
            dialog.inviteCSeq = request.cseqNumber();
            dialog.awaitingAck = true;
            transactions.userSlot(transaction, dialog.index + 1);
        }
        else
        {
            startSessionTimer(dialog, nowNs);
        }
        send(transaction, 200, length > 0 ? messages.finish(body, 0, length) : messages.finish());
    }

    private void bye(final SipMessage request, final Flow flow, final int transaction, final Dialog dialog)
    {
        messages.response(request, flow, 200, UasText.OK, 0);
        send(transaction, 200, messages.finish());
        if (dialog.inviteTransaction >= 0 && !finalSent(dialog.inviteTransaction))
        {
            keptRequest(dialog.inviteTransaction);
            messages.response(kept, dialog.restore(keptFlow, endpoints), 487, UasText.REQUEST_TERMINATED,
                dialog.localTag);
            send(dialog.inviteTransaction, 487, messages.finish());
        }
        dialog.hasSession = false;
        cancelSessionTimers(dialog);
        endIfIdle(dialog);
    }

    private void ok(final SipMessage request, final Flow flow, final int transaction, final Dialog dialog)
    {
        messages.response(request, flow, 200, UasText.OK, 0);
        send(transaction, 200, messages.finish());
    }

    /**
     * Arm the session timer: as refresher the UAS would re-INVITE, but it is a test UAS, so it only polices — with
     * the UAC refreshing, the session is ended with BYE if no refresh comes before expiry minus
     * min(32 s, interval / 3) (RFC 4028 §10).
     */
    private void startSessionTimer(final Dialog dialog, final long nowNs)
    {
        if (Dialog.NO_TIMER != dialog.sessionTimer)
        {
            timers.cancel(dialog.sessionTimer);
            dialog.sessionTimer = Dialog.NO_TIMER;
        }
        if (dialog.sessionExpires > 0)
        {
            final long intervalSeconds = dialog.sessionExpires - Math.min(32, dialog.sessionExpires / 3);
            dialog.sessionTimer = timers.schedule(nowNs + TimeUnit.SECONDS.toNanos(intervalSeconds),
                SipTimers.OWNER_DIALOG, dialog.index, FullUas.TIMER_SESSION);
        }
    }

    private void cancelSessionTimers(final Dialog dialog)
    {
        dialog.provisionalTimer = cancel(dialog.provisionalTimer);
        dialog.answerTimer = cancel(dialog.answerTimer);
        dialog.sessionTimer = cancel(dialog.sessionTimer);
    }

    private long cancel(final long timer)
    {
        if (Dialog.NO_TIMER != timer)
        {
            timers.cancel(timer);
        }
        return Dialog.NO_TIMER;
    }

    private void end(final Dialog dialog)
    {
        dialog.hasSession = false;
        cancelSessionTimers(dialog);
        endIfIdle(dialog);
    }

    private void endIfIdle(final Dialog dialog)
    {
        if (!dialog.isActive())
        {
            dialogs.release(dialog);
        }
    }

    private void serviceUnavailable(final SipMessage request, final Flow flow, final int transaction)
    {
        final SipWriter writer = messages.response(request, flow, 503, UasText.SERVICE_UNAVAILABLE, 0);
        writer.header(UasText.RETRY_AFTER, settings.retryAfterSeconds);
        send(transaction, 503, messages.finish());
    }

    private boolean finalSent(final int transaction)
    {
        final int state = transactions.state(transaction);
        return TransactionState.TRYING != state && TransactionState.PROCEEDING != state;
    }

    private void keptRequest(final int transaction)
    {
        final DirectBuffer buffer = transactions.request(transaction);
        kept.wrap(buffer, 0, transactions.requestLength(transaction));
    }

    private void send(final int transaction, final int statusCode, final int length)
    {
        if (length > 0 && transaction >= 0)
        {
            transactions.respond(transaction, statusCode, messages.scratch(), 0, length, messages.nowNs());
            if (statusCode >= 200 && statusCode < 300 &&
                TransactionKind.SERVER_INVITE == transactions.kind(transaction))
            {
                transactions.startTwoHundredRetransmission(transaction, messages.nowNs());
            }
        }
    }
}
