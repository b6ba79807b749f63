package dev.parley.tools.load;

import dev.parley.sip.Flow;
import dev.parley.sip.SipApplication;
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.SipMethod;

/**
 * The answering side of a load run: parley's full UAS answers every call (100, 180, 200 with SDP after
 * {@code parley.uas.answer.delay}, BYE 200), and this wrapper counts what it sees: a new INVITE starts a call,
 * its BYE completes it, a CANCEL fails it (487).
 */
final class LoadUas implements SipApplication
{
    private final SipApplication uas;
    private final LoadStats stats;

    LoadUas(final SipApplication uas, final LoadStats stats)
    {
        this.uas = uas;
        this.stats = stats;
    }

    @Override
    public void onRequest(final SipMessage request, final Flow flow, final int transaction, final long nowNs)
    {
        final int method = request.method();
        final boolean inDialog = request.toTagOffset() >= 0;
        if (SipMethod.INVITE == method && !inDialog)
        {
            stats.countStarted();
        }
        else if (SipMethod.BYE == method && inDialog)
        {
            stats.success();
        }
        uas.onRequest(request, flow, transaction, nowNs);
    }

    @Override
    public void onCancel(
        final SipMessage cancel, final Flow flow, final int cancelTransaction, final int inviteTransaction,
        final long nowNs)
    {
        if (inviteTransaction >= 0)
        {
            stats.failure(487);
        }
        uas.onCancel(cancel, flow, cancelTransaction, inviteTransaction, nowNs);
    }

    @Override
    public void onAck(final SipMessage ack, final Flow flow, final long nowNs)
    {
        uas.onAck(ack, flow, nowNs);
    }

    @Override
    public void onTimer(final int ownerIndex, final int timerCode, final long nowNs)
    {
        uas.onTimer(ownerIndex, timerCode, nowNs);
    }
}
