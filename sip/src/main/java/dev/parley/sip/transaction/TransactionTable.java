package dev.parley.sip.transaction;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The pool both state machines share: the fixed array of {@link Transaction}s, a stack of free indexes, the key
 * index, and the plumbing every transition uses (keep bytes, send, resend, timers, terminate). Single-threaded.
 */
final class TransactionTable
{
    static final int KEY_CAPACITY = 512;

    final Transaction[] transactions;
    final SipTimers timers;
    final TransactionSender sender;
    final TransactionUser user;
    final TransactionCounters counters;
    final KeyHash keyHash;
    final long t1Ns;
    final long t2Ns;
    final long t4Ns;
    final long sixtyFourT1Ns;
    final CompletedResponses completed;

    private final TransactionKeyIndex keyIndex;
    private final int[] freeIndexes;
    private int freeCount;

    TransactionTable(final TransactionContext context)
    {
        final int capacity = context.capacity();
        transactions = new Transaction[capacity];
        freeIndexes = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            transactions[i] = new Transaction(i, KEY_CAPACITY, context.bufferLength());
            freeIndexes[i] = capacity - 1 - i;
        }
        freeCount = capacity;
        keyIndex = new TransactionKeyIndex(transactions);
        timers = context.timers();
        sender = context.sender();
        user = context.user();
        counters = context.counters();
        keyHash = context.keyHash();
        t1Ns = context.t1Ns();
        t2Ns = context.t2Ns();
        t4Ns = context.t4Ns();
        sixtyFourT1Ns = 64 * context.t1Ns();
        completed = new CompletedResponses(context.completedBytes(), sender, counters);
    }

    /**
     * Keep a completed non-INVITE server transaction's answer until timer J outside the pool, and free its slot.
     *
     * @return false when it cannot be kept that way; it stays in the pool then.
     */
    boolean complete(
        final Transaction transaction,
        final DirectBuffer response,
        final int offset,
        final int length,
        final long deadlineNs)
    {
        if (!completed.add(transaction, response, offset, length, deadlineNs))
        {
            return false;
        }
        terminate(transaction, transaction.generation);
        return true;
    }

    /**
     * Drop kept answers past timer J.
     *
     * @return how many went.
     */
    int expireCompleted(final long nowNs)
    {
        return completed.expire(nowNs);
    }

    int activeCount()
    {
        return transactions.length - freeCount;
    }

    Transaction live(final int index)
    {
        if (index < 0 || index >= transactions.length)
        {
            return null;
        }
        final Transaction transaction = transactions[index];
        return TransactionState.FREE == transaction.state ? null : transaction;
    }

    int find(final long hash, final boolean server, final DirectBuffer key, final int offset, final int length)
    {
        return keyIndex.find(hash, server, key, offset, length);
    }

    /**
     * Take a free transaction, copy the key and destination in and index it.
     *
     * @return the index, or {@link Transactions#TABLE_FULL} (counted).
     */
    int allocate(
        final int kind,
        final int state,
        final long hash,
        final DirectBuffer key,
        final int keyOffset,
        final int keyLength,
        final Destination destination)
    {
        if (0 == freeCount)
        {
            counters.tableFull.incrementRelease();
            return Transactions.TABLE_FULL;
        }
        final Transaction transaction = transactions[freeIndexes[--freeCount]];
        transaction.kind = kind;
        transaction.state = state;
        transaction.generation++;
        transaction.keyHash = hash;
        transaction.keyLength = keyLength;
        transaction.key.putBytes(0, key, keyOffset, keyLength);
        transaction.destination.set(destination);
        transaction.requestLength = 0;
        transaction.responseLength = 0;
        transaction.responseStatus = 0;
        transaction.isAwaitingAck = false;
        transaction.userSlot = 0;
        keyIndex.insert(hash, transaction.index);
        counters.created.incrementRelease();
        counters.active.incrementRelease();
        return transaction.index;
    }

    /**
     * Enter Terminated: stop timers, unindex, tell the TU, then free the slot. Does nothing to a transaction that is
     * already free or was reused since {@code generation} was read.
     */
    void terminate(final Transaction transaction, final int generation)
    {
        if (TransactionState.FREE == transaction.state || generation != transaction.generation)
        {
            return;
        }
        cancelRetransmit(transaction);
        cancelLifetime(transaction);
        keyIndex.remove(transaction.keyHash, transaction.index);
        transaction.state = TransactionState.FREE;
        counters.active.decrementRelease();
        user.onTerminated(transaction.index);
        freeIndexes[freeCount++] = transaction.index;
    }

    /**
     * Copy a message into a kept area.
     *
     * @return the kept length, 0 when the message does not fit (counted).
     */
    int keep(final UnsafeBuffer area, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length > area.capacity())
        {
            counters.bufferOverflows.incrementRelease();
            return 0;
        }
        area.putBytes(0, buffer, offset, length);
        return length;
    }

    void send(final Transaction transaction, final DirectBuffer buffer, final int offset, final int length)
    {
        sender.send(transaction.index, transaction.destination, buffer, offset, length);
    }

    void resendRequest(final Transaction transaction)
    {
        if (transaction.requestLength > 0)
        {
            counters.retransmissionsSent.incrementRelease();
            send(transaction, transaction.request, 0, transaction.requestLength);
        }
    }

    void resendResponse(final Transaction transaction)
    {
        if (transaction.responseLength > 0)
        {
            counters.retransmissionsSent.incrementRelease();
            send(transaction, transaction.response, 0, transaction.responseLength);
        }
    }

    void startRetransmit(final Transaction transaction, final int timerCode, final long nowNs)
    {
        transaction.retransmitIntervalNs = t1Ns;
        scheduleRetransmit(transaction, timerCode, nowNs + t1Ns);
    }

    /**
     * Schedule the next retransmission one interval after the previous deadline, not after the poll that fired it,
     * so that a late poll does not shift the RFC schedule.
     */
    void nextRetransmit(final Transaction transaction, final int timerCode, final long intervalNs)
    {
        transaction.retransmitIntervalNs = intervalNs;
        scheduleRetransmit(transaction, timerCode, transaction.retransmitDeadlineNs + intervalNs);
    }

    void scheduleLifetime(final Transaction transaction, final int timerCode, final long deadlineNs)
    {
        timers.cancel(transaction.lifetimeTimerId);
        transaction.lifetimeTimerId =
            timers.schedule(deadlineNs, SipTimers.OWNER_TRANSACTION, transaction.index, timerCode);
    }

    void cancelRetransmit(final Transaction transaction)
    {
        timers.cancel(transaction.retransmitTimerId);
        transaction.retransmitTimerId = SipTimers.NULL_TIMER;
    }

    void cancelLifetime(final Transaction transaction)
    {
        timers.cancel(transaction.lifetimeTimerId);
        transaction.lifetimeTimerId = SipTimers.NULL_TIMER;
    }

    /**
     * Report a timeout to the TU, then terminate unless the TU already did.
     */
    void timeout(final Transaction transaction, final int timerCode)
    {
        final int generation = transaction.generation;
        counters.timeouts.incrementRelease();
        user.onTimeout(transaction.index, timerCode);
        terminate(transaction, generation);
    }

    private void scheduleRetransmit(final Transaction transaction, final int timerCode, final long deadlineNs)
    {
        timers.cancel(transaction.retransmitTimerId);
        transaction.retransmitDeadlineNs = deadlineNs;
        transaction.retransmitTimerId =
            timers.schedule(deadlineNs, SipTimers.OWNER_TRANSACTION, transaction.index, timerCode);
    }
}
