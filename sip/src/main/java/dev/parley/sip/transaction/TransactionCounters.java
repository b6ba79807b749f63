package dev.parley.sip.transaction;

import org.agrona.concurrent.status.AtomicCounter;

import dev.parley.core.status.Counters;

/**
 * The transaction layer's counters, allocated once at start-up; written only by the sip thread.
 */
public final class TransactionCounters
{
    final AtomicCounter active;
    final AtomicCounter created;
    final AtomicCounter tableFull;
    final AtomicCounter retransmissionsSent;
    final AtomicCounter retransmissionsAbsorbed;
    final AtomicCounter timeouts;
    final AtomicCounter bufferOverflows;
    final AtomicCounter completed;
    final AtomicCounter completedEarly;

    /**
     * @param counters where to allocate.
     */
    public TransactionCounters(final Counters counters)
    {
        active = counters.newCounter(TransactionCounter.ACTIVE);
        created = counters.newCounter(TransactionCounter.CREATED);
        tableFull = counters.newCounter(TransactionCounter.TABLE_FULL);
        retransmissionsSent = counters.newCounter(TransactionCounter.RETRANSMISSIONS_SENT);
        retransmissionsAbsorbed = counters.newCounter(TransactionCounter.RETRANSMISSIONS_ABSORBED);
        timeouts = counters.newCounter(TransactionCounter.TIMEOUTS);
        bufferOverflows = counters.newCounter(TransactionCounter.BUFFER_OVERFLOWS);
        completed = counters.newCounter(TransactionCounter.COMPLETED);
        completedEarly = counters.newCounter(TransactionCounter.COMPLETED_EARLY);
    }

    /**
     * @param counter one of this layer's counters.
     * @return its current value.
     */
    public long value(final TransactionCounter counter)
    {
        return switch (counter)
        {
            case ACTIVE -> active.get();
            case CREATED -> created.get();
            case TABLE_FULL -> tableFull.get();
            case RETRANSMISSIONS_SENT -> retransmissionsSent.get();
            case RETRANSMISSIONS_ABSORBED -> retransmissionsAbsorbed.get();
            case TIMEOUTS -> timeouts.get();
            case BUFFER_OVERFLOWS -> bufferOverflows.get();
            case COMPLETED -> completed.get();
            case COMPLETED_EARLY -> completedEarly.get();
        };
    }
}
