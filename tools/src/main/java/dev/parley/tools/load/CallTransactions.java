package dev.parley.tools.load;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.sip.Outbound;
import dev.parley.sip.protocol.SipMethod;
import dev.parley.sip.transaction.Destination;
import dev.parley.sip.transaction.SipTimers;
import dev.parley.sip.transaction.TransactionTimer;

/**
 * The client transactions of load calls, kept by call slot instead of in the stack's transaction table. A call has
 * at most one request awaiting its final response at a time (its INVITE, REGISTER or OPTIONS, then its BYE), so its
 * slot holds that request's copy, its state and its two timers, and a response finds it by the branch, which names
 * the slot. The timers are RFC 3261 §17.1's: on UDP the request is resent after T1, doubling (INVITE, Timer A),
 * or doubling up to T2 and every T2 once a provisional came (non-INVITE, Timer E); a request without a final
 * response after 64·T1 fails (Timer B, F), except an INVITE in Proceeding, which waits (§17.1.1.2); on TCP there
 * are no retransmissions.
 * <p>
 * Why not the stack's transactions: they outlive their final response (Timer M, 64·T1 after a 2xx; Timer K), which
 * at thousands of calls per second keeps tens of thousands of finished transactions, their key-index entries and
 * timers in memory, each touched once more when it ends, after it has left every cache. Here the working set is
 * the calls in progress, whose slots are reused most-recent first. What those states do is done by the call:
 * a retransmitted 2xx to INVITE is ACKed again while the call lives, and a failed INVITE's slot keeps its ACK for
 * Timer D (see {@link CallTable#linger}); a retransmitted final response to BYE, REGISTER or OPTIONS matches
 * nothing and is dropped, as Timer K's Completed state would absorb it.
 */
final class CallTransactions
{
    static final int NONE = 0;
    static final int CALLING = 1;
    static final int PROCEEDING = 2;

    static final int TIMER_RETRANSMIT = 2;
    static final int TIMER_TIMEOUT = 3;

    private final int[] method;
    private final int[] state;
    private final int[] requestLength;
    private final long[] retransmitTimer;
    private final long[] timeoutTimer;
    private final long[] intervalNs;
    private final long[] retransmitDeadlineNs;
    private final Destination[] destination;
    private final UnsafeBuffer kept;
    private final int keptCapacity;
    private final SipTimers timers;
    private final Outbound outbound;
    private final LoadStats stats;
    private final long t1Ns;
    private final long t2Ns;

    /**
     * @param capacity     call slots.
     * @param keptCapacity the largest request kept for retransmission; a larger one is sent once.
     */
    CallTransactions(
        final int capacity,
        final int keptCapacity,
        final SipTimers timers,
        final Outbound outbound,
        final LoadStats stats,
        final long t1Ns,
        final long t2Ns)
    {
        method = new int[capacity];
        state = new int[capacity];
        requestLength = new int[capacity];
        retransmitTimer = new long[capacity];
        timeoutTimer = new long[capacity];
        intervalNs = new long[capacity];
        retransmitDeadlineNs = new long[capacity];
        destination = new Destination[capacity];
        for (int i = 0; i < capacity; i++)
        {
            destination[i] = new Destination();
            retransmitTimer[i] = -1;
            timeoutTimer[i] = -1;
        }
        this.keptCapacity = keptCapacity;
        this.kept = new UnsafeBuffer(new byte[capacity * keptCapacity]);
        this.timers = timers;
        this.outbound = outbound;
        this.stats = stats;
        this.t1Ns = t1Ns;
        this.t2Ns = t2Ns;
    }

    /**
     * Send a request of the call, keep it for retransmission and start its timers. A request sent while another of
     * the slot's awaits its final response replaces it (a call has one at a time).
     *
     * @param slot          the call.
     * @param requestMethod its method.
     * @param to            where it goes (copied).
     * @param nowNs         the agent's clock.
     */
    void send(
        final int slot,
        final int requestMethod,
        final DirectBuffer request,
        final int offset,
        final int length,
        final Destination to,
        final long nowNs)
    {
        stop(slot);
        method[slot] = requestMethod;
        state[slot] = CALLING;
        destination[slot].set(to);
        final boolean keep = length <= keptCapacity;
        requestLength[slot] = keep ? length : 0;
        if (keep)
        {
            kept.putBytes(slot * keptCapacity, request, offset, length);
        }
        outbound.send(to, request, offset, length);
        if (!to.isReliable() && keep)
        {
            intervalNs[slot] = t1Ns;
            retransmitDeadlineNs[slot] = nowNs + t1Ns;
            retransmitTimer[slot] = timers.schedule(
                nowNs + t1Ns, SipTimers.OWNER_DIALOG, slot, TIMER_RETRANSMIT);
        }
        timeoutTimer[slot] = timers.schedule(nowNs + 64 * t1Ns, SipTimers.OWNER_DIALOG, slot, TIMER_TIMEOUT);
    }

    /**
     * @return the method of the request the slot awaits a final response to, or {@link #NONE}.
     */
    int awaiting(final int slot)
    {
        return NONE == state[slot] ? NONE : method[slot];
    }

    /**
     * A response to the slot's request (the caller has matched branch and method). A provisional to INVITE stops its
     * retransmissions and Timer B; one to another request makes Timer E wait T2; a final ends the transaction.
     *
     * @return whether it was awaited: false for a response after the final one.
     */
    boolean onResponse(final int slot, final int statusCode)
    {
        final int current = state[slot];
        if (NONE == current)
        {
            return false;
        }
        if (statusCode >= 200)
        {
            stop(slot);
        }
        else if (CALLING == current)
        {
            state[slot] = PROCEEDING;
            if (SipMethod.INVITE == method[slot])
            {
                cancelTimers(slot);
            }
        }
        return true;
    }

    /**
     * A timer of the slot fired.
     *
     * @return whether the request timed out (Timer B or F): the call fails.
     */
    boolean onTimer(final int slot, final int timerCode)
    {
        if (TIMER_TIMEOUT == timerCode)
        {
            timeoutTimer[slot] = -1;
            if (NONE != state[slot])
            {
                stop(slot);
                return true;
            }
            return false;
        }
        retransmitTimer[slot] = -1;
        final int current = state[slot];
        final boolean invite = SipMethod.INVITE == method[slot];
        if (CALLING == current || (PROCEEDING == current && !invite))
        {
            resend(slot);
            final long interval = TransactionTimer.nextRetransmitIntervalNs(
                invite, PROCEEDING == current, intervalNs[slot], t2Ns);
            intervalNs[slot] = interval;
            // One interval after the previous deadline, not after the poll that fired it (a late poll does not shift
            // the schedule).
            retransmitDeadlineNs[slot] += interval;
            retransmitTimer[slot] = timers.schedule(
                retransmitDeadlineNs[slot], SipTimers.OWNER_DIALOG, slot, TIMER_RETRANSMIT);
        }
        return false;
    }

    /**
     * End the slot's transaction, if any, without a final response (the call is over).
     */
    void stop(final int slot)
    {
        state[slot] = NONE;
        cancelTimers(slot);
    }

    /**
     * Keep bytes that answer a retransmission later in place of the request (the ACK of a failed INVITE).
     *
     * @return whether they fit.
     */
    boolean keep(final int slot, final DirectBuffer buffer, final int offset, final int length)
    {
        final boolean fits = length <= keptCapacity;
        requestLength[slot] = fits ? length : 0;
        if (fits)
        {
            kept.putBytes(slot * keptCapacity, buffer, offset, length);
        }
        return fits;
    }

    /**
     * Send the kept bytes again (a retransmission of the request, or the kept ACK), counted as a retransmission.
     */
    void resend(final int slot)
    {
        final int length = requestLength[slot];
        if (length > 0)
        {
            stats.retransmissions.incrementAndGet();
            outbound.send(destination[slot], kept, slot * keptCapacity, length);
        }
    }

    /**
     * @return the kept bytes of the slot: its request while it awaits a final response.
     */
    DirectBuffer kept()
    {
        return kept;
    }

    int keptOffset(final int slot)
    {
        return slot * keptCapacity;
    }

    int keptLength(final int slot)
    {
        return requestLength[slot];
    }

    private void cancelTimers(final int slot)
    {
        if (retransmitTimer[slot] >= 0)
        {
            timers.cancel(retransmitTimer[slot]);
            retransmitTimer[slot] = -1;
        }
        if (timeoutTimer[slot] >= 0)
        {
            timers.cancel(timeoutTimer[slot]);
            timeoutTimer[slot] = -1;
        }
    }
}
