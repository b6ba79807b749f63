package dev.parley.sip.transaction;

import static dev.parley.sip.transaction.TransactionKind.SERVER_INVITE;
import static dev.parley.sip.transaction.TransactionKind.SERVER_NON_INVITE;
import static dev.parley.sip.transaction.TransactionState.ACCEPTED;
import static dev.parley.sip.transaction.TransactionState.COMPLETED;
import static dev.parley.sip.transaction.TransactionState.CONFIRMED;
import static dev.parley.sip.transaction.TransactionState.PROCEEDING;
import static dev.parley.sip.transaction.TransactionState.TRYING;

import org.agrona.DirectBuffer;

/**
 * The server state machines: INVITE (RFC 3261 §17.2.1 figure 7 as amended by RFC 6026 §7.1 figure 5) and
 * non-INVITE (RFC 3261 §17.2.2 figure 8), plus the UAS core's 2xx retransmission (RFC 3261 §13.3.1.4), hosted here
 * because it resends the kept 2xx on the same timer wheel.
 */
final class ServerTransactions
{
    private final TransactionTable table;

    ServerTransactions(final TransactionTable table)
    {
        this.table = table;
    }

    int onRequest(
        final long hash,
        final DirectBuffer key,
        final int keyOffset,
        final int keyLength,
        final int method,
        final DirectBuffer request,
        final int requestOffset,
        final int requestLength,
        final Destination responseDestination,
        final long nowNs)
    {
        final boolean isAck = Transactions.METHOD_ACK == method;
        final int existing = table.find(hash, true, key, keyOffset, keyLength);
        if (existing >= 0)
        {
            final Transaction transaction = table.transactions[existing];
            return isAck ? onAck(transaction, nowNs) : onRetransmission(transaction);
        }
        if (isAck)
        {
            return Transactions.UNMATCHED;
        }
        if (table.completed.absorb(hash, key, keyOffset, keyLength))
        {
            return Transactions.ABSORBED;
        }
        final boolean isInvite = Transactions.METHOD_INVITE == method;
        final int index = table.allocate(
            isInvite ? SERVER_INVITE : SERVER_NON_INVITE, isInvite ? PROCEEDING : TRYING,
            hash, key, keyOffset, keyLength, responseDestination);
        if (index >= 0)
        {
            final Transaction transaction = table.transactions[index];
            transaction.requestLength = table.keep(transaction.request, request, requestOffset, requestLength);
        }
        return index;
    }

    boolean respond(
        final Transaction transaction,
        final int statusCode,
        final DirectBuffer response,
        final int offset,
        final int length,
        final long nowNs)
    {
        if (statusCode < 100 || statusCode > 699)
        {
            return false;
        }
        if (SERVER_INVITE == transaction.kind)
        {
            return respondInvite(transaction, statusCode, response, offset, length, nowNs);
        }
        final int state = transaction.state;
        if (TRYING != state && PROCEEDING != state)
        {
            return false;
        }
        if (statusCode < 200)
        {
            sendAndKeep(transaction, statusCode, response, offset, length);
            transaction.state = PROCEEDING;
            return true;
        }
        // A final answer goes out once; it is kept in the transaction only while the transaction stays in the pool
        // (timer J when the completed ring cannot take it), not when it ends at once or moves to the ring.
        transaction.responseStatus = statusCode;
        transaction.state = COMPLETED;
        table.send(transaction, response, offset, length);
        if (transaction.isReliable())
        {
            table.terminate(transaction, transaction.generation);
        }
        else if (!table.complete(transaction, response, offset, length, nowNs + table.sixtyFourT1Ns))
        {
            transaction.responseLength = table.keep(transaction.response, response, offset, length);
            table.scheduleLifetime(transaction, TransactionTimer.J, nowNs + table.sixtyFourT1Ns);
        }
        return true;
    }

    boolean startTwoHundredRetransmission(final Transaction transaction, final long nowNs)
    {
        if (SERVER_INVITE != transaction.kind || ACCEPTED != transaction.state || transaction.isAwaitingAck)
        {
            return false;
        }
        transaction.isAwaitingAck = true;
        if (0 == transaction.responseLength)
        {
            return false;
        }
        table.startRetransmit(transaction, TransactionTimer.TWO_HUNDRED, nowNs);
        return true;
    }

    boolean acknowledged(final Transaction transaction)
    {
        if (SERVER_INVITE != transaction.kind || ACCEPTED != transaction.state || !transaction.isAwaitingAck)
        {
            return false;
        }
        transaction.isAwaitingAck = false;
        table.cancelRetransmit(transaction);
        return true;
    }

    void onTimer(final Transaction transaction, final int timerCode, final long nowNs)
    {
        final int state = transaction.state;
        switch (timerCode)
        {
            case TransactionTimer.G ->
            {
                if (COMPLETED == state)
                {
                    table.resendResponse(transaction);
                    table.nextRetransmit(transaction, timerCode, nextInterval(transaction));
                }
            }
            case TransactionTimer.TWO_HUNDRED ->
            {
                if (ACCEPTED == state && transaction.isAwaitingAck)
                {
                    table.resendResponse(transaction);
                    table.nextRetransmit(transaction, timerCode, nextInterval(transaction));
                }
            }
            case TransactionTimer.H -> table.timeout(transaction, timerCode);
            case TransactionTimer.L ->
            {
                if (transaction.isAwaitingAck)
                {
                    table.timeout(transaction, timerCode);
                }
                else
                {
                    table.terminate(transaction, transaction.generation);
                }
            }
            default -> table.terminate(transaction, transaction.generation);
        }
    }

    private boolean respondInvite(
        final Transaction transaction,
        final int statusCode,
        final DirectBuffer response,
        final int offset,
        final int length,
        final long nowNs)
    {
        final int state = transaction.state;
        if (ACCEPTED == state && statusCode >= 200 && statusCode < 300)
        {
            // RFC 6026 §7.1: 2xx retransmissions from the TU pass through the Accepted state.
            sendAndKeep(transaction, statusCode, response, offset, length);
            return true;
        }
        if (PROCEEDING != state)
        {
            return false;
        }
        sendAndKeep(transaction, statusCode, response, offset, length);
        if (statusCode >= 300)
        {
            transaction.state = COMPLETED;
            if (!transaction.isReliable())
            {
                table.startRetransmit(transaction, TransactionTimer.G, nowNs);
            }
            table.scheduleLifetime(transaction, TransactionTimer.H, nowNs + table.sixtyFourT1Ns);
        }
        else if (statusCode >= 200)
        {
            transaction.state = ACCEPTED;
            table.scheduleLifetime(transaction, TransactionTimer.L, nowNs + table.sixtyFourT1Ns);
        }
        return true;
    }

    private int onAck(final Transaction transaction, final long nowNs)
    {
        if (SERVER_INVITE != transaction.kind || ACCEPTED == transaction.state)
        {
            // RFC 6026 §7.1: an ACK matching a transaction in Accepted goes to the TU, as any ACK for a 2xx.
            return Transactions.UNMATCHED;
        }
        if (COMPLETED == transaction.state)
        {
            transaction.state = CONFIRMED;
            table.cancelRetransmit(transaction);
            table.cancelLifetime(transaction);
            if (transaction.isReliable() || 0 == table.t4Ns)
            {
                table.terminate(transaction, transaction.generation);
            }
            else
            {
                table.scheduleLifetime(transaction, TransactionTimer.I, nowNs + table.t4Ns);
            }
            return Transactions.ABSORBED;
        }
        if (CONFIRMED == transaction.state)
        {
            table.counters.retransmissionsAbsorbed.incrementRelease();
        }
        return Transactions.ABSORBED;
    }

    private int onRetransmission(final Transaction transaction)
    {
        table.counters.retransmissionsAbsorbed.incrementRelease();
        final int state = transaction.state;
        if (PROCEEDING == state || COMPLETED == state)
        {
            table.resendResponse(transaction);
        }
        return Transactions.ABSORBED;
    }

    private void sendAndKeep(
        final Transaction transaction,
        final int statusCode,
        final DirectBuffer response,
        final int offset,
        final int length)
    {
        transaction.responseStatus = statusCode;
        transaction.responseLength = table.keep(transaction.response, response, offset, length);
        table.send(transaction, response, offset, length);
    }

    private long nextInterval(final Transaction transaction)
    {
        return Math.min(transaction.retransmitIntervalNs * 2, table.t2Ns);
    }
}
