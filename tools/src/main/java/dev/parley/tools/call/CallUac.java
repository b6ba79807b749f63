package dev.parley.tools.call;

import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.sip.Outbound;
import dev.parley.sip.auth.DigestClient;
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.SipMethod;
import dev.parley.sip.protocol.SipWriter;
import dev.parley.sip.transaction.Destination;
import dev.parley.sip.transaction.Transactions;

/**
 * The caller's INVITE (RFC 3261 §13.2), on the call agent's thread: sent through the outbound proxy or to the
 * target; each provisional noted (early media's description taken for receiving); the first 2xx sets up the
 * dialog, gets its ACK (sent again for every retransmitted 2xx, as the ACK of a 2xx belongs to no transaction) and
 * starts the media; a 401/407 is answered once with credentials in a new INVITE (same Call-ID, next CSeq, §22.2);
 * any other final response ends the call. Hanging up before the answer sends CANCEL once a provisional has come
 * (§9.1), and a 2xx that crosses the CANCEL gets ACK and BYE.
 */
final class CallUac
{
    private static final byte[] NO_DIALOG = SipWriter.ascii("the 2xx has no usable To or Contact: no dialog");
    private static final byte[] NO_AUDIO = SipWriter.ascii("the answer has no PCMU or PCMA audio: hanging up");

    private final CallUa ua;
    private final CallSettings settings;
    private final CallIdentity identity;
    private final CallMessages messages;
    private final CallDialog dialog;
    private final CallEvents events;
    private final CallResult result;
    private final Outbound outbound;
    private final Destination next;
    private final DigestClient digest = new DigestClient();
    private final RemoteMedia remoteMedia = new RemoteMedia();
    private final UnsafeBuffer ack = new UnsafeBuffer(new byte[4096]);
    private Transactions transactions;
    private int ackLength;
    private int inviteTransaction = -1;
    private long inviteCseq;
    private boolean cancelPending;
    private boolean cancelSent;
    private boolean timedOut;
    private boolean challengeAnswered;

    CallUac(
        final CallUa ua,
        final CallSettings settings,
        final CallIdentity identity,
        final CallMessages messages,
        final CallDialog dialog,
        final CallEvents events,
        final CallResult result,
        final Outbound outbound,
        final Destination next)
    {
        this.ua = ua;
        this.settings = settings;
        this.identity = identity;
        this.messages = messages;
        this.dialog = dialog;
        this.events = events;
        this.result = result;
        this.outbound = outbound;
        this.next = next;
    }

    void transactions(final Transactions transactions)
    {
        this.transactions = transactions;
    }

    /**
     * Send the INVITE: the first one, or the one answering a challenge.
     *
     * @param client the digest state after a 401/407, or null.
     */
    void invite(final long nowNs, final DigestClient client)
    {
        if (null == client)
        {
            dialog.startAsCaller(identity.callId(), identity.fromValue(), identity.localTag());
            result.inviteNs = nowNs;
            if (settings.timeoutNs() > 0)
            {
                ua.schedule(nowNs + settings.timeoutNs(), CallUa.TIMER_SETUP);
            }
        }
        inviteCseq = ua.nextCseq();
        final int length = messages.invite(inviteCseq, dialog.local(), dialog.localLength(), client);
        inviteTransaction = ua.send(SipMethod.INVITE, length, next, nowNs);
        if (inviteTransaction < 0)
        {
            ua.fail("the INVITE could not be sent", CallResult.FAILED, nowNs);
            return;
        }
        ua.state(CallUa.INVITING);
        events.emit(CallEvents.REQUEST_SENT, nowNs, SipMethod.INVITE, null == client ? 1 : 2, identity.targetUri(),
            0, identity.targetUri().capacity());
    }

    void onInviteResponse(final int index, final int statusCode, final long nowNs)
    {
        if (index != inviteTransaction)
        {
            return;
        }
        if (statusCode < 200)
        {
            provisional(statusCode, nowNs);
        }
        else if (statusCode < 300)
        {
            answered(nowNs);
        }
        else
        {
            rejected(statusCode, nowNs);
        }
    }

    private void provisional(final int statusCode, final long nowNs)
    {
        ua.emitResponse(statusCode, nowNs);
        if (statusCode > 100 && CallResult.NO_TIME == result.ringingNs)
        {
            result.ringingNs = nowNs;
        }
        if (CallUa.INVITING == ua.state())
        {
            ua.state(CallUa.EARLY);
        }
        final SipMessage response = ua.response();
        if (statusCode > 100 && response.bodyLength() > 0 &&
            remoteMedia.parse(response.buffer(), response.bodyOffset(), response.bodyLength()))
        {
            ua.media().remote(remoteMedia);
        }
        if (cancelPending && !cancelSent)
        {
            cancel(nowNs);
        }
    }

    private void answered(final long nowNs)
    {
        final int state = ua.state();
        if (CallUa.INVITING != state && CallUa.EARLY != state && CallUa.CANCELLING != state)
        {
            if (ackLength > 0)
            {
                outbound.send(dialog.destination(), ack, 0, ackLength);
            }
            return;
        }
        ua.emitResponse(200, nowNs);
        ua.cancelTimer();
        result.answeredNs = nowNs;
        result.finalStatus = 200;
        result.established = true;
        final SipMessage response = ua.response();
        if (!dialog.fromTwoHundred(response, next))
        {
            events.emit(CallEvents.WARNING, nowNs, 0, 0, NO_DIALOG);
            ua.fail("no dialog from the 2xx", CallResult.FAILED, nowNs);
            return;
        }
        ack(nowNs);
        ua.state(CallUa.CONFIRMED);
        final boolean hasAudio = response.bodyLength() > 0 &&
            remoteMedia.parse(response.buffer(), response.bodyOffset(), response.bodyLength());
        if (cancelPending || CallUa.CANCELLING == state)
        {
            ua.bye(nowNs);
        }
        else if (!hasAudio)
        {
            events.emit(CallEvents.WARNING, nowNs, 0, 0, NO_AUDIO);
            result.failure = "no PCMU or PCMA in the answer";
            ua.bye(nowNs);
        }
        else
        {
            ua.mediaStarted(remoteMedia, nowNs);
        }
    }

    private void ack(final long nowNs)
    {
        final int length = messages.inDialog(SipMethod.ACK, inviteCseq, dialog);
        if (length > 0 && length <= ack.capacity())
        {
            ack.putBytes(0, messages.scratch(), 0, length);
            ackLength = length;
            outbound.send(dialog.destination(), ack, 0, ackLength);
            events.emit(CallEvents.REQUEST_SENT, nowNs, SipMethod.ACK, 1, dialog.remoteTarget(), 0,
                dialog.remoteTargetLength());
        }
    }

    private void rejected(final int statusCode, final long nowNs)
    {
        ua.emitResponse(statusCode, nowNs);
        final boolean proxy = 407 == statusCode;
        if ((401 == statusCode || proxy) && !challengeAnswered && !cancelPending &&
            CallUa.CANCELLING != ua.state() && ua.challenged(digest, proxy))
        {
            challengeAnswered = true;
            invite(nowNs, digest);
            return;
        }
        result.finalStatus = statusCode;
        ua.end(endReason(CallResult.REJECTED), nowNs);
    }

    private int endReason(final int otherwise)
    {
        if (timedOut)
        {
            return CallResult.TIMEOUT;
        }
        return cancelPending || cancelSent ? CallResult.CANCELLED : otherwise;
    }

    /**
     * The user hung up before the answer: CANCEL now if a provisional came, else as soon as one does.
     */
    void hangUp(final long nowNs)
    {
        if (CallUa.EARLY == ua.state())
        {
            cancel(nowNs);
        }
        else
        {
            cancelPending = true;
            ua.giveUp(nowNs);
        }
    }

    private void cancel(final long nowNs)
    {
        cancelSent = true;
        final int length = messages.cancel(inviteCseq, dialog.local(), dialog.localLength());
        ua.send(SipMethod.CANCEL, length, messages.inviteBranch(), next, nowNs);
        ua.state(CallUa.CANCELLING);
        ua.giveUp(nowNs);
        events.emit(CallEvents.REQUEST_SENT, nowNs, SipMethod.CANCEL, 1, identity.targetUri(), 0,
            identity.targetUri().capacity());
    }

    /**
     * {@code --timeout} passed without a final response: CANCEL after a provisional; without one no CANCEL may be
     * sent (§9.1), so the INVITE is abandoned.
     */
    void onSetupTimeout(final long nowNs)
    {
        timedOut = true;
        if (CallUa.EARLY == ua.state())
        {
            cancel(nowNs);
            return;
        }
        result.finalStatus = CallResult.STATUS_TIMEOUT;
        if (inviteTransaction >= 0)
        {
            transactions.terminate(inviteTransaction);
        }
        ua.end(CallResult.TIMEOUT, nowNs);
    }

    /**
     * The CANCEL got no final response to the INVITE in time: end anyway.
     */
    void onGiveUp(final long nowNs)
    {
        if (0 == result.finalStatus)
        {
            result.finalStatus = CallResult.STATUS_TIMEOUT;
        }
        ua.end(endReason(CallResult.CANCELLED), nowNs);
    }

    void onTimeout(final int index, final long nowNs)
    {
        if (index == inviteTransaction)
        {
            result.finalStatus = CallResult.STATUS_TIMEOUT;
            ua.end(endReason(CallResult.TIMEOUT), nowNs);
        }
    }

    void onTerminated(final int index)
    {
        if (index == inviteTransaction)
        {
            inviteTransaction = -1;
        }
    }
}
