package dev.parley.tools.call;

import java.util.concurrent.atomic.AtomicBoolean;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.sip.Flow;
import dev.parley.sip.Outbound;
import dev.parley.sip.SipApplication;
import dev.parley.sip.TransactionKeys;
import dev.parley.sip.auth.DigestClient;
import dev.parley.sip.protocol.AddressText;
import dev.parley.sip.protocol.AuthHeader;
import dev.parley.sip.protocol.HeaderType;
import dev.parley.sip.protocol.NonTwoHundredAck;
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.SipMethod;
import dev.parley.sip.protocol.SipWriter;
import dev.parley.sip.transaction.Destination;
import dev.parley.sip.transaction.SipTimers;
import dev.parley.sip.transaction.TransactionTimer;
import dev.parley.sip.transaction.TransactionUser;
import dev.parley.sip.transaction.Transactions;

/**
 * The user agent of one call, caller or callee, on the call agent's thread: the transaction user above parley's
 * transactions (which retransmit and time out per RFC 3261 §17), so this class only decides. It registers first when
 * asked (answering one digest challenge), then either sends the INVITE and follows its responses (provisional,
 * 2xx with ACK, a challenge answered once, a failure; CANCEL on a hang-up or the set-up timeout once a provisional
 * came, §9.1) or waits for one and answers it (180, then 200 with the SDP answer after the answer delay, resent
 * until ACK, §13.3.1.4). Media starts with the 2xx; the call ends with a BYE from either side, after
 * {@code --duration} or on a hang-up. Requests outside the call are answered (OPTIONS 200, a second INVITE 486).
 * What happens to the INVITE this side sends lives in {@link CallUac}; the requests it receives, the callee's
 * INVITE among them, in {@link CallUas}.
 */
final class CallUa implements SipApplication, TransactionUser
{
    static final int IDLE = 0;
    static final int REGISTERING = 1;
    static final int LISTENING = 2;
    static final int INVITING = 3;
    static final int EARLY = 4;
    static final int CANCELLING = 5;
    static final int ANSWERED = 6;
    static final int CONFIRMED = 7;
    static final int BYE_SENT = 8;
    static final int ENDED = 9;

    static final int TIMER_SETUP = 1;
    static final int TIMER_DURATION = 2;
    static final int TIMER_ANSWER = 3;
    static final int TIMER_GIVE_UP = 4;

    /**
     * How long to wait for the INVITE's final response after a CANCEL, or for the BYE's, before ending anyway; far
     * below 64·T1 because a user who hangs up does not wait half a minute.
     */
    static final long GIVE_UP_NS = 4_000_000_000L;

    private static final byte[] NO_TELEPHONE_EVENT =
        SipWriter.ascii("the other side takes no telephone-event: no DTMF will be sent");

    private final CallSettings settings;
    private final CallIdentity identity;
    private final CallMessages messages;
    private final CallDialog dialog;
    private final CallMedia media;
    private final CallEvents events;
    private final CallResult result;
    private final SipTimers timers;
    private final NanoClock clock;
    private final Destination registrar;
    private SipMessage response;
    private final NonTwoHundredAck nonTwoHundredAck;
    private final AuthHeader challenge = new AuthHeader();
    private final DigestClient registerDigest = new DigestClient();
    private final UnsafeBuffer key = new UnsafeBuffer(new byte[Transactions.KEY_CAPACITY]);
    private final UnsafeBuffer address = new UnsafeBuffer(new byte[AddressText.MAX_LENGTH]);
    private final AtomicBoolean hangUpRequested = new AtomicBoolean();
    private final CallUac uac;
    private final CallUas uas;
    private Transactions transactions;
    private int state = IDLE;
    private long registerCseq;
    private long localCseq;
    private int registerTransaction = -1;
    private int byeTransaction = -1;
    private long timerId = SipTimers.NULL_TIMER;
    private long giveUpTimerId = SipTimers.NULL_TIMER;
    private boolean hangUpHandled;
    private volatile boolean ended;

    CallUa(
        final CallSettings settings,
        final CallIdentity identity,
        final CallMessages messages,
        final CallMedia media,
        final CallEvents events,
        final CallResult result,
        final SipTimers timers,
        final NanoClock clock,
        final Outbound outbound,
        final Destination next,
        final Destination registrar,
        final int maxHeaders)
    {
        this.settings = settings;
        this.identity = identity;
        this.messages = messages;
        this.dialog = new CallDialog();
        this.media = media;
        this.events = events;
        this.result = result;
        this.timers = timers;
        this.clock = clock;
        this.registrar = registrar;
        this.response = new SipMessage(1);
        this.nonTwoHundredAck = new NonTwoHundredAck(maxHeaders);
        this.uac = new CallUac(this, settings, identity, messages, dialog, events, result, outbound, next);
        this.uas = new CallUas(this, settings, identity, messages, dialog, media, events, result, maxHeaders);
    }

    void transactions(final Transactions transactions)
    {
        this.transactions = transactions;
        uac.transactions(transactions);
        uas.transactions(transactions);
    }

    /**
     * Ask the call to end, from any thread: CANCEL before an answer, BYE after, 603 when ringing as the callee.
     */
    void requestHangUp()
    {
        hangUpRequested.set(true);
    }

    /**
     * @return whether the call is over; then {@link CallResult} holds how it went.
     */
    boolean isEnded()
    {
        return ended;
    }

    /**
     * Start on the first duty cycle, then act on a hang-up request; the sip agent calls it after its messages and
     * timers.
     */
    @Override
    public int doWork(final long nowNs)
    {
        if (IDLE == state)
        {
            if (null != settings.registrarUri())
            {
                register(nowNs, null);
            }
            else
            {
                registered(nowNs);
            }
            return 1;
        }
        if (!hangUpHandled && hangUpRequested.get())
        {
            hangUpHandled = true;
            hangUp(nowNs);
            return 1;
        }
        return 0;
    }

    private void hangUp(final long nowNs)
    {
        if (LISTENING == state || REGISTERING == state)
        {
            end(CallResult.CANCELLED, nowNs);
        }
        else if (settings.answering())
        {
            uas.hangUp(nowNs);
        }
        else if (INVITING == state || EARLY == state)
        {
            uac.hangUp(nowNs);
        }
        else if (CONFIRMED == state)
        {
            bye(nowNs);
        }
    }

    private void register(final long nowNs, final DigestClient client)
    {
        if (IDLE == state && settings.timeoutNs() > 0)
        {
            schedule(nowNs + settings.timeoutNs(), TIMER_SETUP);
        }
        state = REGISTERING;
        final int length = messages.register(++registerCseq, settings.expiresSeconds(), client);
        registerTransaction = send(SipMethod.REGISTER, length, registrar, nowNs);
        if (registerTransaction < 0)
        {
            fail("REGISTER could not be sent", CallResult.REGISTER_FAILED, nowNs);
            return;
        }
        events.emit(CallEvents.REQUEST_SENT, nowNs, SipMethod.REGISTER, null == client ? 1 : 2,
            identity.registrarUri(), 0, identity.registrarUri().capacity());
    }

    private void registered(final long nowNs)
    {
        if (settings.answering())
        {
            state = LISTENING;
            cancelTimer();
            if (settings.timeoutNs() > 0)
            {
                schedule(nowNs + settings.timeoutNs(), TIMER_SETUP);
            }
        }
        else
        {
            uac.invite(nowNs, null);
        }
    }

    private void onRegisterResponse(final int statusCode, final long nowNs)
    {
        emitResponse(statusCode, nowNs);
        if (statusCode < 200)
        {
            return;
        }
        result.registerStatus = statusCode;
        if (statusCode < 300)
        {
            registered(nowNs);
            return;
        }
        final boolean proxy = 407 == statusCode;
        if ((401 == statusCode || proxy) && 1 == registerCseq && challenged(registerDigest, proxy))
        {
            register(nowNs, registerDigest);
            return;
        }
        fail("registration failed", CallResult.REGISTER_FAILED, nowNs);
    }

    /**
     * Feed the challenges of the response in hand to a digest client with the configured credentials.
     *
     * @return whether one can be answered.
     */
    boolean challenged(final DigestClient client, final boolean proxy)
    {
        if (null == settings.user() || !client.credentials(settings.user(), settings.password()))
        {
            return false;
        }
        client.clearChallenge();
        final int type = proxy ? HeaderType.PROXY_AUTHENTICATE : HeaderType.WWW_AUTHENTICATE;
        for (int i = response.firstHeader(type); i >= 0; i = response.nextHeader(type, i))
        {
            if (challenge.wrap(response.buffer(), response.headerValueOffset(i), response.headerValueLength(i)))
            {
                client.onChallenge(challenge, proxy);
            }
        }
        return client.hasChallenge();
    }

    /**
     * Send BYE inside the dialog and stop sending media; the call ends on its final response, its timeout, or
     * {@link #GIVE_UP_NS} at the latest.
     */
    void bye(final long nowNs)
    {
        media.stop();
        state = BYE_SENT;
        cancelTimer();
        final int length = messages.inDialog(SipMethod.BYE, ++localCseq, dialog);
        byeTransaction = send(SipMethod.BYE, length, dialog.destination(), nowNs);
        if (byeTransaction < 0)
        {
            result.byeStatus = CallResult.STATUS_TIMEOUT;
            end(CallResult.LOCAL_BYE, nowNs);
            return;
        }
        events.emit(CallEvents.REQUEST_SENT, nowNs, SipMethod.BYE, 1, dialog.remoteTarget(), 0,
            dialog.remoteTargetLength());
        giveUp(nowNs);
    }

    /**
     * Send the request just written in a new client transaction.
     *
     * @return the transaction, or -1.
     */
    int send(final int method, final int length, final Destination destination, final long nowNs)
    {
        return send(method, length, messages.lastBranch(), destination, nowNs);
    }

    /**
     * Send a request in a new client transaction keyed by a given branch (a CANCEL repeats its INVITE's).
     *
     * @return the transaction, or -1.
     */
    int send(final int method, final int length, final long branch, final Destination destination, final long nowNs)
    {
        if (length <= 0)
        {
            return -1;
        }
        final int keyLength = TransactionKeys.clientKey(branch, method, key);
        final int index = transactions.createClient(key, 0, keyLength, SipMethod.INVITE == method,
            messages.scratch(), 0, length, destination, nowNs);
        return index < 0 ? -1 : index;
    }

    void giveUp(final long nowNs)
    {
        if (SipTimers.NULL_TIMER == giveUpTimerId)
        {
            giveUpTimerId = timers.schedule(nowNs + GIVE_UP_NS, SipTimers.OWNER_DIALOG, 0, TIMER_GIVE_UP);
        }
    }

    void schedule(final long deadlineNs, final int timerCode)
    {
        cancelTimer();
        timerId = timers.schedule(deadlineNs, SipTimers.OWNER_DIALOG, 0, timerCode);
    }

    void cancelTimer()
    {
        if (SipTimers.NULL_TIMER != timerId)
        {
            timers.cancel(timerId);
            timerId = SipTimers.NULL_TIMER;
        }
    }

    /**
     * Media starts (the answer is known): schedule the BYE after {@code --duration}.
     */
    void mediaStarted(final RemoteMedia remote, final long nowNs)
    {
        media.remote(remote);
        media.start(nowNs, remote.receives());
        final int length = AddressText.write(remote.family(), remote.addressHigh(), remote.addressLow(), address, 0);
        events.emit(CallEvents.MEDIA_STARTED, nowNs, remote.voicePayloadType(), remote.port(), address, 0, length);
        if (media.cannotSendDigits())
        {
            events.emit(CallEvents.WARNING, nowNs, 0, 0, NO_TELEPHONE_EVENT);
        }
        if (settings.durationNs() > 0)
        {
            schedule(nowNs + settings.durationNs(), TIMER_DURATION);
        }
    }

    void fail(final String why, final int reason, final long nowNs)
    {
        result.failure = why;
        end(reason, nowNs);
    }

    /**
     * End the call: media stops, timers go, the main thread is told.
     */
    void end(final int reason, final long nowNs)
    {
        if (ENDED == state)
        {
            return;
        }
        state = ENDED;
        media.stop();
        cancelTimer();
        if (SipTimers.NULL_TIMER != giveUpTimerId)
        {
            timers.cancel(giveUpTimerId);
            giveUpTimerId = SipTimers.NULL_TIMER;
        }
        result.endReason = reason;
        result.endNs = nowNs;
        events.emit(CallEvents.ENDED, nowNs, reason, 0);
        ended = true;
    }

    int state()
    {
        return state;
    }

    void state(final int state)
    {
        this.state = state;
    }

    long nextCseq()
    {
        return ++localCseq;
    }

    long localCseq()
    {
        return localCseq;
    }

    void emitResponse(final int statusCode, final long nowNs)
    {
        events.emit(CallEvents.RESPONSE_RECEIVED, nowNs, statusCode, response.cseqMethod(), response.buffer(),
            response.reasonOffset(), response.reasonLength());
    }

    SipMessage response()
    {
        return response;
    }

    CallMedia media()
    {
        return media;
    }

    @Override
    public void onClientResponse(final int index, final int statusCode, final SipMessage clientResponse)
    {
        if (ENDED == state)
        {
            return;
        }
        response = clientResponse;
        final long nowNs = clock.nanoTime();
        if (index == registerTransaction)
        {
            onRegisterResponse(statusCode, nowNs);
        }
        else if (index == byeTransaction)
        {
            if (statusCode >= 200)
            {
                emitResponse(statusCode, nowNs);
                result.byeStatus = statusCode;
                end(CallResult.LOCAL_BYE, nowNs);
            }
        }
        else if (SipMethod.INVITE == response.cseqMethod() && !settings.answering())
        {
            uac.onInviteResponse(index, statusCode, nowNs);
        }
        else if (SipMethod.CANCEL == response.cseqMethod())
        {
            emitResponse(statusCode, nowNs);
        }
    }

    @Override
    public void onTimeout(final int index, final int timerCode)
    {
        final long nowNs = clock.nanoTime();
        if (TransactionTimer.L == timerCode)
        {
            uas.onUnacknowledged(index, nowNs);
        }
        else if (TransactionTimer.B != timerCode && TransactionTimer.F != timerCode)
        {
            return;
        }
        if (index == registerTransaction)
        {
            result.registerStatus = CallResult.STATUS_TIMEOUT;
            fail("no answer to REGISTER", CallResult.REGISTER_FAILED, nowNs);
        }
        else if (index == byeTransaction)
        {
            result.byeStatus = CallResult.STATUS_TIMEOUT;
            end(CallResult.LOCAL_BYE, nowNs);
        }
        else
        {
            uac.onTimeout(index, nowNs);
        }
    }

    @Override
    public void onTerminated(final int index)
    {
        if (index == registerTransaction)
        {
            registerTransaction = -1;
        }
        if (index == byeTransaction)
        {
            byeTransaction = -1;
        }
        uac.onTerminated(index);
        uas.onTerminated(index);
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
    public void onTimer(final int ownerIndex, final int timerCode, final long nowNs)
    {
        if (TIMER_GIVE_UP == timerCode)
        {
            giveUpTimerId = SipTimers.NULL_TIMER;
            if (BYE_SENT == state)
            {
                result.byeStatus = CallResult.STATUS_TIMEOUT;
                end(CallResult.LOCAL_BYE, nowNs);
            }
            else
            {
                uac.onGiveUp(nowNs);
            }
            return;
        }
        timerId = SipTimers.NULL_TIMER;
        switch (timerCode)
        {
            case TIMER_SETUP -> onSetupTimeout(nowNs);
            case TIMER_DURATION -> onDurationOver(nowNs);
            case TIMER_ANSWER -> uas.answer(nowNs);
            default ->
            {
            }
        }
    }

    private void onSetupTimeout(final long nowNs)
    {
        if (LISTENING == state)
        {
            fail("no call arrived within --timeout", CallResult.TIMEOUT, nowNs);
        }
        else if (REGISTERING == state)
        {
            result.registerStatus = CallResult.STATUS_TIMEOUT;
            fail("no answer to REGISTER within --timeout", CallResult.REGISTER_FAILED, nowNs);
        }
        else if (INVITING == state || EARLY == state)
        {
            uac.onSetupTimeout(nowNs);
        }
    }

    private void onDurationOver(final long nowNs)
    {
        if (CONFIRMED == state)
        {
            bye(nowNs);
        }
        else if (ANSWERED == state)
        {
            uas.byeOnAck();
        }
    }

    @Override
    public void onRequest(final SipMessage request, final Flow flow, final int transaction, final long nowNs)
    {
        final int method = request.method();
        final boolean inDialog = request.toTagOffset() >= 0;
        if (inDialog && dialogActive() && dialog.matches(request))
        {
            uas.emitRequest(request, nowNs);
            uas.inDialog(request, flow, transaction, nowNs);
        }
        else if (SipMethod.INVITE == method && !inDialog && LISTENING == state)
        {
            uas.onInvite(request, flow, transaction, nowNs);
        }
        else
        {
            uas.outsideTheCall(request, flow, transaction, nowNs);
        }
    }

    boolean dialogActive()
    {
        return ANSWERED == state || CONFIRMED == state || BYE_SENT == state ||
            (EARLY == state && settings.answering());
    }

    @Override
    public void onCancel(
        final SipMessage cancel, final Flow flow, final int cancelTransaction, final int inviteTransaction,
        final long nowNs)
    {
        uas.onCancel(cancel, flow, cancelTransaction, inviteTransaction, nowNs);
    }

    @Override
    public void onAck(final SipMessage ack, final Flow flow, final long nowNs)
    {
        uas.onAck(ack, nowNs);
    }
}
