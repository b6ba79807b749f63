package dev.parley.sip.transaction;

import dev.parley.core.config.Config;

/**
 * What {@link Transactions} is built from: timer base values, pool bounds, the shared {@link SipTimers}, the sender,
 * the transaction user and counters. Filled on the main thread, then {@link #conclude()}d once.
 */
public final class TransactionContext
{
    private long t1Ns = 500_000_000L;
    private long t2Ns = 4_000_000_000L;
    private long t4Ns = 5_000_000_000L;
    private int capacity = 8192;
    private int bufferLength = 4096;
    private int completedBytes = 1 << 20;
    private SipTimers timers;
    private TransactionSender sender;
    private TransactionUser user;
    private TransactionCounters counters;
    private KeyHash keyHash = TransactionKeyIndex::hash;
    private boolean isConcluded;

    /**
     * Take every value of {@link TransactionConfiguration} from the loaded configuration.
     *
     * @param config the loaded configuration.
     * @return this.
     */
    public TransactionContext config(final Config config)
    {
        t1Ns = config.longValue(TransactionConfiguration.TIMER_T1);
        t2Ns = config.longValue(TransactionConfiguration.TIMER_T2);
        t4Ns = config.longValue(TransactionConfiguration.TIMER_T4);
        capacity = config.intValue(TransactionConfiguration.TRANSACTIONS_MAX);
        bufferLength = config.intValue(TransactionConfiguration.TRANSACTION_BUFFER);
        completedBytes = config.intValue(TransactionConfiguration.COMPLETED_BUFFER);
        return this;
    }

    /**
     * Check values and wiring.
     *
     * @return this.
     * @throws IllegalStateException if concluded twice, incomplete or inconsistent.
     */
    public TransactionContext conclude()
    {
        if (isConcluded)
        {
            throw new IllegalStateException("TransactionContext already concluded");
        }
        isConcluded = true;
        if (t1Ns <= 0 || t2Ns < t1Ns || t4Ns < 0)
        {
            throw new IllegalStateException(
                "need 0 < " + TransactionConfiguration.TIMER_T1 + " <= " + TransactionConfiguration.TIMER_T2 +
                " and " + TransactionConfiguration.TIMER_T4 + " >= 0, got t1=" + t1Ns + "ns t2=" + t2Ns + "ns t4=" +
                t4Ns + "ns");
        }
        if (capacity < 1 || bufferLength < 1)
        {
            throw new IllegalStateException(
                "need " + TransactionConfiguration.TRANSACTIONS_MAX + " >= 1 and " +
                TransactionConfiguration.TRANSACTION_BUFFER + " >= 1, got " + capacity + " and " + bufferLength);
        }
        if (null == timers || null == sender || null == user || null == counters)
        {
            throw new IllegalStateException("transactions need timers, a sender, a user and counters");
        }
        return this;
    }

    /**
     * @return T1 in ns ({@link TransactionConfiguration#TIMER_T1}).
     */
    public long t1Ns()
    {
        return t1Ns;
    }

    /**
     * @param t1Ns T1 in ns ({@link TransactionConfiguration#TIMER_T1}).
     * @return this.
     */
    public TransactionContext t1Ns(final long t1Ns)
    {
        this.t1Ns = t1Ns;
        return this;
    }

    /**
     * @return T2 in ns ({@link TransactionConfiguration#TIMER_T2}).
     */
    public long t2Ns()
    {
        return t2Ns;
    }

    /**
     * @param t2Ns T2 in ns ({@link TransactionConfiguration#TIMER_T2}).
     * @return this.
     */
    public TransactionContext t2Ns(final long t2Ns)
    {
        this.t2Ns = t2Ns;
        return this;
    }

    /**
     * @return T4 in ns ({@link TransactionConfiguration#TIMER_T4}).
     */
    public long t4Ns()
    {
        return t4Ns;
    }

    /**
     * @param t4Ns T4 in ns ({@link TransactionConfiguration#TIMER_T4}).
     * @return this.
     */
    public TransactionContext t4Ns(final long t4Ns)
    {
        this.t4Ns = t4Ns;
        return this;
    }

    /**
     * @return most live transactions ({@link TransactionConfiguration#TRANSACTIONS_MAX}).
     */
    public int capacity()
    {
        return capacity;
    }

    /**
     * @param capacity most live transactions ({@link TransactionConfiguration#TRANSACTIONS_MAX}).
     * @return this.
     */
    public TransactionContext capacity(final int capacity)
    {
        this.capacity = capacity;
        return this;
    }

    /**
     * @return bytes kept per message ({@link TransactionConfiguration#TRANSACTION_BUFFER}).
     */
    public int bufferLength()
    {
        return bufferLength;
    }

    /**
     * @param bufferLength bytes kept per message ({@link TransactionConfiguration#TRANSACTION_BUFFER}).
     * @return this.
     */
    public TransactionContext bufferLength(final int bufferLength)
    {
        this.bufferLength = bufferLength;
        return this;
    }

    /**
     * @return bytes kept for answered non-INVITE requests ({@link TransactionConfiguration#COMPLETED_BUFFER}).
     */
    public int completedBytes()
    {
        return completedBytes;
    }

    /**
     * @param completedBytes bytes kept for answered non-INVITE requests on unreliable transports, 0 for none; 1 MiB
     *                       unless set here or by {@link #config}.
     * @return this.
     */
    public TransactionContext completedBytes(final int completedBytes)
    {
        this.completedBytes = completedBytes;
        return this;
    }

    /**
     * @return the agent's timer wheel.
     */
    public SipTimers timers()
    {
        return timers;
    }

    /**
     * @param timers the agent's timer wheel.
     * @return this.
     */
    public TransactionContext timers(final SipTimers timers)
    {
        this.timers = timers;
        return this;
    }

    /**
     * @return where bytes go out.
     */
    public TransactionSender sender()
    {
        return sender;
    }

    /**
     * @param sender where bytes go out.
     * @return this.
     */
    public TransactionContext sender(final TransactionSender sender)
    {
        this.sender = sender;
        return this;
    }

    /**
     * @return the transaction user.
     */
    public TransactionUser user()
    {
        return user;
    }

    /**
     * @param user the transaction user.
     * @return this.
     */
    public TransactionContext user(final TransactionUser user)
    {
        this.user = user;
        return this;
    }

    /**
     * @return the counters.
     */
    public TransactionCounters counters()
    {
        return counters;
    }

    /**
     * @param counters the counters.
     * @return this.
     */
    public TransactionContext counters(final TransactionCounters counters)
    {
        this.counters = counters;
        return this;
    }

    KeyHash keyHash()
    {
        return keyHash;
    }

    TransactionContext keyHash(final KeyHash keyHash)
    {
        this.keyHash = keyHash;
        return this;
    }
}
