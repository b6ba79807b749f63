package dev.parley.sip.transaction;

import static dev.parley.sip.transaction.TransactionKind.CLIENT_INVITE;
import static dev.parley.sip.transaction.TransactionKind.CLIENT_NON_INVITE;
import static dev.parley.sip.transaction.TransactionState.ACCEPTED;
import static dev.parley.sip.transaction.TransactionState.CALLING;
import static dev.parley.sip.transaction.TransactionState.COMPLETED;
import static dev.parley.sip.transaction.TransactionState.PROCEEDING;
import static dev.parley.sip.transaction.TransactionState.TRYING;

import org.agrona.DirectBuffer;

import dev.parley.sip.protocol.SipMessage;

/**
 * The client state machines: INVITE (RFC 3261 §17.1.1 figure 5 as amended by RFC 6026 §7.2 figure 4) and
 * non-INVITE (RFC 3261 §17.1.2 figure 6). The ACK for a non-2xx final is written by the TU
 * ({@link TransactionUser#writeAck}), then sent, kept and resent by the transaction (RFC 3261 §17.1.1.3).
 */
final class ClientTransactions
{
    /**
     * Timer D on unreliable transports: "at least 32 seconds" (RFC 3261 §17.1.1.2).
     */
    static final long TIMER_D_NS = 32_000_000_000L;

    private final TransactionTable table;

    ClientTransactions(final TransactionTable table)
    {
        this.table = table;
    }

    int create(
        final long hash,
        final DirectBuffer key,
        final int keyOffset,
        final int keyLength,
        final boolean isInvite,
        final DirectBuffer request,
        final int requestOffset,
        final int requestLength,
        final Destination destination,
        final long nowNs)
    {
        if (table.find(hash, false, key, keyOffset, keyLength) >= 0)
        {
            return Transactions.INVALID;
        }
        final int index = table.allocate(
            isInvite ? CLIENT_INVITE : CLIENT_NON_INVITE, isInvite ? CALLING : TRYING,
            hash, key, keyOffset, keyLength, destination);
        if (index < 0)
        {
            return index;
        }
        final Transaction transaction = table.transactions[index];
        transaction.requestLength = table.keep(transaction.request, request, requestOffset, requestLength);
        if (!transaction.isReliable())
        {
            table.startRetransmit(transaction, isInvite ? TransactionTimer.A : TransactionTimer.E, nowNs);
        }
        table.scheduleLifetime(
            transaction, isInvite ? TransactionTimer.B : TransactionTimer.F, nowNs + table.sixtyFourT1Ns);
        table.send(transaction, request, requestOffset, requestLength);
        return index;
    }

    int onResponse(
        final Transaction transaction,
        final int statusCode,
        final SipMessage response,
        final long nowNs)
    {
        final int state = transaction.state;
        if (CALLING == state || TRYING == state || PROCEEDING == state)
        {
            if (CLIENT_INVITE == transaction.kind)
            {
                onInviteResponse(transaction, statusCode, response, nowNs);
            }
            else
            {
                onNonInviteResponse(transaction, statusCode, response, nowNs);
            }
            return transaction.index;
        }
        if (ACCEPTED == state && statusCode >= 200 && statusCode < 300)
        {
            // RFC 6026 §7.2: every 2xx (retransmission or another fork) goes to the TU.
            table.user.onClientResponse(transaction.index, statusCode, response);
            return transaction.index;
        }
        table.counters.retransmissionsAbsorbed.incrementRelease();
        if (COMPLETED == state && CLIENT_INVITE == transaction.kind && statusCode >= 300)
        {
            table.resendResponse(transaction);
        }
        return Transactions.ABSORBED;
    }

    void onTimer(final Transaction transaction, final int timerCode)
    {
        final int state = transaction.state;
        switch (timerCode)
        {
            case TransactionTimer.A ->
            {
                if (CALLING == state)
                {
                    table.resendRequest(transaction);
                    table.nextRetransmit(transaction, timerCode, TransactionTimer.nextRetransmitIntervalNs(
                        true, false, transaction.retransmitIntervalNs, table.t2Ns));
                }
            }
            case TransactionTimer.E ->
            {
                if (TRYING == state || PROCEEDING == state)
                {
                    table.resendRequest(transaction);
                    table.nextRetransmit(transaction, timerCode, TransactionTimer.nextRetransmitIntervalNs(
                        false, PROCEEDING == state, transaction.retransmitIntervalNs, table.t2Ns));
                }
            }
            case TransactionTimer.B, TransactionTimer.F -> table.timeout(transaction, timerCode);
            default -> table.terminate(transaction, transaction.generation);
        }
    }

    private void onInviteResponse(
        final Transaction transaction,
        final int statusCode,
        final SipMessage response,
        final long nowNs)
    {
        final int generation = transaction.generation;
        final boolean terminateNow = statusCode >= 300 && transaction.isReliable();
        if (statusCode < 200)
        {
            // RFC 3261 §17.1.1.2: no retransmissions and no timer B once Proceeding; the TU runs timer C.
            transaction.state = PROCEEDING;
            table.cancelRetransmit(transaction);
            table.cancelLifetime(transaction);
        }
        else if (statusCode < 300)
        {
            transaction.state = ACCEPTED;
            table.cancelRetransmit(transaction);
            table.scheduleLifetime(transaction, TransactionTimer.M, nowNs + table.sixtyFourT1Ns);
        }
        else
        {
            transaction.state = COMPLETED;
            table.cancelRetransmit(transaction);
            sendAck(transaction, response);
            if (!transaction.isReliable())
            {
                table.scheduleLifetime(transaction, TransactionTimer.D, nowNs + TIMER_D_NS);
            }
            else
            {
                table.cancelLifetime(transaction);
            }
        }
        table.user.onClientResponse(transaction.index, statusCode, response);
        if (terminateNow)
        {
            table.terminate(transaction, generation);
        }
    }

    private void onNonInviteResponse(
        final Transaction transaction,
        final int statusCode,
        final SipMessage response,
        final long nowNs)
    {
        final int generation = transaction.generation;
        final boolean linger = !transaction.isReliable() && table.t4Ns > 0;
        if (statusCode < 200)
        {
            transaction.state = PROCEEDING;
        }
        else
        {
            transaction.state = COMPLETED;
            table.cancelRetransmit(transaction);
            table.cancelLifetime(transaction);
            if (linger)
            {
                table.scheduleLifetime(transaction, TransactionTimer.K, nowNs + table.t4Ns);
            }
        }
        table.user.onClientResponse(transaction.index, statusCode, response);
        if (statusCode >= 200 && !linger)
        {
            table.terminate(transaction, generation);
        }
    }

    private void sendAck(final Transaction transaction, final SipMessage response)
    {
        final int ackLength = table.user.writeAck(transaction.index, transaction.request, 0, transaction.requestLength,
            response.buffer(), response.offset(), response.length(),
            transaction.response, 0, transaction.response.capacity());
        if (ackLength > 0 && ackLength <= transaction.response.capacity())
        {
            transaction.responseLength = ackLength;
            transaction.responseStatus = 0;
            table.send(transaction, transaction.response, 0, ackLength);
        }
    }
}
