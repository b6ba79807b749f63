package dev.parley.sip.uas;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import dev.parley.core.config.Config;
import dev.parley.sip.Flow;
import dev.parley.sip.SipApplication;
import dev.parley.sip.protocol.NonTwoHundredAck;
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.SipMethod;
import dev.parley.sip.protocol.SipNumbers;
import dev.parley.sip.LocalEndpoints;
import dev.parley.sip.protocol.SipWriter;
import dev.parley.sip.sdp.CodecSet;
import dev.parley.sip.sdp.SdpAnswerWriter;
import dev.parley.sip.sdp.SdpConfiguration;
import dev.parley.sip.transaction.SipTimers;
import dev.parley.sip.transaction.TransactionContext;
import dev.parley.sip.transaction.TransactionKind;
import dev.parley.sip.transaction.TransactionTimer;
import dev.parley.sip.transaction.TransactionUser;
import dev.parley.sip.transaction.Transactions;

/**
 * The {@code full-uas} mode: a standalone UAS that answers everything itself, for interop and load tests. It
 * routes each request to the piece that owns it — calls ({@link UasCalls}), subscriptions and REFER
 * ({@link UasNotifier}) — and answers the rest here: OPTIONS, requests for dialogs it does not know (481), methods
 * it does not do (405/501).
 */
public final class FullUas implements SipApplication, TransactionUser
{
    static final int TIMER_PROVISIONAL = 1;
    static final int TIMER_ANSWER = 2;
    static final int TIMER_SESSION = 3;
    static final int TIMER_SUBSCRIPTION = 4;

    private final Transactions transactions;
    private final UasMessages messages;
    private final Dialogs dialogs;
    private final UasCalls calls;
    private final UasNotifier notifier;
    private final UasRequests requests;
    private final DirectSender directSender;
    private final NonTwoHundredAck nonTwoHundredAck;

    private FullUas(
        final Config config,
        final TransactionContext transactionContext,
        final LocalEndpoints endpoints,
        final DirectSender directSender)
    {
        final UasSettings settings = new UasSettings(config);
        final TagGenerator tags = new TagGenerator();
        this.transactions = new Transactions(transactionContext.user(this).conclude());
        this.messages = new UasMessages(tags);
        this.dialogs = new Dialogs(config.intValue(UasConfiguration.DIALOGS_MAX), tags);
        this.directSender = directSender;
        this.nonTwoHundredAck = new NonTwoHundredAck(settings.maxHeaders);
        final String mediaAddress = config.text(SdpConfiguration.MEDIA_ADDRESS);
        final UasSdp sdp = new UasSdp(
            new SdpAnswerWriter(CodecSet.parse(config.text(SdpConfiguration.CODECS))),
            "auto".equals(mediaAddress) ? null : SipWriter.ascii(mediaAddress),
            config.intValue(SdpConfiguration.MEDIA_PORT));
        final SipTimers timers = transactionContext.timers();
        this.requests = new UasRequests(transactions, messages, endpoints);
        this.calls = new UasCalls(transactions, timers, messages, dialogs, sdp, requests, endpoints, settings);
        this.notifier = new UasNotifier(
            transactions, timers, messages, dialogs, requests, sdp, endpoints, settings, tags);
    }

    /**
     * Build the UAS and the transaction layer it is the user of.
     *
     * @param config             the effective config.
     * @param transactionContext timers, sender and counters for the transactions; the user is set here.
     * @param endpoints          the local endpoints.
     * @param directSender       sends what has no transaction (the ACK for a 2xx).
     * @return the UAS; {@link #transactions()} is its transaction layer.
     */
    public static FullUas create(
        final Config config,
        final TransactionContext transactionContext,
        final LocalEndpoints endpoints,
        final DirectSender directSender)
    {
        return new FullUas(config, transactionContext, endpoints, directSender);
    }

    /**
     * @return the transaction layer this UAS uses.
     */
    public Transactions transactions()
    {
        return transactions;
    }

    /**
     * @return dialogs in use.
     */
    public int activeDialogs()
    {
        return dialogs.active();
    }

    @Override
    public void onClientResponse(final int index, final int statusCode, final SipMessage response)
    {
        final long user = transactions.userSlot(index);
        if (user > 0)
        {
            final Dialog dialog = dialogs.get((int)user - 1);
            if (SipMethod.NOTIFY == response.cseqMethod())
            {
                if (statusCode >= 200)
                {
                    notifier.onNotifyDone(dialog, index, statusCode < 300, messages.nowNs());
                }
                return;
            }
            notifier.onResponse(dialog, statusCode, response, directSender, messages.nowNs());
        }
    }

    @Override
    public void onTimeout(final int index, final int timerCode)
    {
        final long user = transactions.userSlot(index);
        if (user <= 0)
        {
            return;
        }
        final int kind = transactions.kind(index);
        if (TransactionKind.SERVER_INVITE == kind && TransactionTimer.L == timerCode)
        {
            calls.onUnacknowledged((int)user - 1, messages.nowNs());
        }
        else if (TransactionKind.CLIENT_INVITE == kind)
        {
            notifier.onReferredCallFailed(dialogs.get((int)user - 1), UasText.SIPFRAG_TIMEOUT, messages.nowNs());
        }
        else if (TransactionKind.CLIENT_NON_INVITE == kind)
        {
            notifier.onNotifyDone(dialogs.get((int)user - 1), index, false, messages.nowNs());
        }
    }

    @Override
    public void onTerminated(final int index)
    {
        final long user = transactions.userSlot(index);
        if (user > 0)
        {
            final Dialog dialog = dialogs.get((int)user - 1);
            if (dialog.inviteTransaction == index)
            {
                dialog.inviteTransaction = -1;
            }
        }
    }

    @Override
    public int writeAck(
        final int index,
        final DirectBuffer request,
        final int requestOffset,
        final int requestLength,
        final DirectBuffer response,
        final int responseOffset,
        final int responseLength,
        final MutableDirectBuffer destination,
        final int offset,
        final int capacity)
    {
        return nonTwoHundredAck.write(request, requestOffset, requestLength, response, responseOffset, responseLength,
            destination, offset, capacity);
    }

    @Override
    public void onRequest(final SipMessage request, final Flow flow, final int transaction, final long nowNs)
    {
        messages.nowNs(nowNs);
        final int method = request.method();
        if (SipMethod.OPTIONS == method)
        {
            options(request, flow, transaction);
            return;
        }
        if (request.toTagOffset() < 0)
        {
            outOfDialog(request, flow, transaction, method, nowNs);
            return;
        }
        final Dialog dialog = find(request);
        if (null == dialog)
        {
            respond(request, flow, transaction, 481, UasText.NO_TRANSACTION);
            return;
        }
        if (request.cseqNumber() <= dialog.remoteCSeq && SipMethod.PRACK != method)
        {
            respond(request, flow, transaction, 500, UasText.SERVER_ERROR_CSEQ);
            return;
        }
        dialog.remoteCSeq = Math.max(dialog.remoteCSeq, request.cseqNumber());
        inDialog(request, flow, transaction, method, dialog, nowNs);
    }

    @Override
    public void onCancel(
        final SipMessage cancel, final Flow flow, final int cancelTransaction, final int inviteTransaction,
        final long nowNs)
    {
        messages.nowNs(nowNs);
        if (inviteTransaction < 0)
        {
            respond(cancel, flow, cancelTransaction, 481, UasText.NO_TRANSACTION);
            return;
        }
        messages.response(cancel, flow, 200, UasText.OK, calls.localTag(inviteTransaction));
        send(cancelTransaction, 200, messages.finish());
        calls.cancel(inviteTransaction, nowNs);
    }

    @Override
    public void onAck(final SipMessage ack, final Flow flow, final long nowNs)
    {
        messages.nowNs(nowNs);
        final Dialog dialog = find(ack);
        if (null != dialog)
        {
            calls.ack(dialog, ack, nowNs);
        }
    }

    @Override
    public void onTimer(final int ownerIndex, final int timerCode, final long nowNs)
    {
        messages.nowNs(nowNs);
        final Dialog dialog = dialogs.get(ownerIndex);
        if (Dialog.FREE == dialog.state)
        {
            return;
        }
        if (TIMER_SUBSCRIPTION == timerCode)
        {
            notifier.onSubscriptionTimer(dialog, nowNs);
        }
        else
        {
            calls.onTimer(dialog, timerCode, nowNs);
        }
    }

    private void outOfDialog(
        final SipMessage request, final Flow flow, final int transaction, final int method, final long nowNs)
    {
        switch (method)
        {
            case SipMethod.INVITE -> calls.invite(request, flow, transaction, nowNs);
            case SipMethod.SUBSCRIBE -> notifier.subscribe(request, flow, transaction, null, nowNs);
            case SipMethod.REFER -> notifier.refer(request, flow, transaction, null, nowNs);
            case SipMethod.BYE, SipMethod.INFO, SipMethod.UPDATE, SipMethod.PRACK, SipMethod.NOTIFY ->
                respond(request, flow, transaction, 481, UasText.NO_TRANSACTION);
            default -> unsupported(request, flow, transaction, method);
        }
    }

    private void inDialog(
        final SipMessage request,
        final Flow flow,
        final int transaction,
        final int method,
        final Dialog dialog,
        final long nowNs)
    {
        switch (method)
        {
            case SipMethod.INVITE, SipMethod.UPDATE, SipMethod.BYE, SipMethod.PRACK, SipMethod.INFO ->
                calls.inDialog(request, flow, transaction, dialog, nowNs);
            case SipMethod.SUBSCRIBE -> notifier.subscribe(request, flow, transaction, dialog, nowNs);
            case SipMethod.REFER -> notifier.refer(request, flow, transaction, dialog, nowNs);
            case SipMethod.NOTIFY -> respond(request, flow, transaction, 481, UasText.NO_TRANSACTION);
            default -> unsupported(request, flow, transaction, method);
        }
    }

    private void options(final SipMessage request, final Flow flow, final int transaction)
    {
        final SipWriter writer = messages.response(request, flow, 200, UasText.OK, 0);
        writer.header(UasText.ALLOW, UasText.ALLOW_VALUE)
            .header(UasText.ACCEPT, UasText.ACCEPT_VALUE)
            .header(UasText.SUPPORTED, UasText.SUPPORTED_VALUE)
            .header(UasText.CONTACT, flow.local().contact());
        send(transaction, 200, messages.finish());
    }

    private void unsupported(final SipMessage request, final Flow flow, final int transaction, final int method)
    {
        final boolean known = SipMethod.UNKNOWN != method;
        final SipWriter writer = messages.response(
            request, flow, known ? 405 : 501, known ? UasText.METHOD_NOT_ALLOWED : UasText.NOT_IMPLEMENTED, 0);
        writer.header(UasText.ALLOW, UasText.ALLOW_VALUE);
        send(transaction, known ? 405 : 501, messages.finish());
    }

    private void respond(
        final SipMessage request, final Flow flow, final int transaction, final int statusCode, final byte[] reason)
    {
        messages.response(request, flow, statusCode, reason, 0);
        send(transaction, statusCode, messages.finish());
    }

    private void send(final int transaction, final int statusCode, final int length)
    {
        if (length > 0)
        {
            transactions.respond(transaction, statusCode, messages.scratch(), 0, length, messages.nowNs());
        }
    }

    /**
     * The dialog a request belongs to: its To-tag is a local tag (16 hex digits), and Call-ID and From-tag match.
     */
    private Dialog find(final SipMessage request)
    {
        final long localTag = SipNumbers.parseHex16(request.buffer(), request.toTagOffset(), request.toTagLength());
        final Dialog dialog = 0 == localTag ? null : dialogs.byLocalTag(localTag);
        if (null == dialog ||
            !dialog.callId.equalTo(request.buffer(), request.callIdOffset(), request.callIdLength()))
        {
            return null;
        }
        return request.fromTagOffset() >= 0 &&
            dialog.remoteTag.equalTo(request.buffer(), request.fromTagOffset(), request.fromTagLength()) ?
            dialog : null;
    }
}
