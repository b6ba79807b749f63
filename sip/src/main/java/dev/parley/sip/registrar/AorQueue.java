package dev.parley.sip.registrar;

import java.util.Arrays;

import dev.parley.core.collections.LinearProbing;

/**
 * One change per address of record in flight to a store that answers later: a REGISTER for an address of record
 * whose previous change is still waiting for the store queues behind it, in arrival order, and goes when that one is
 * answered. Without it, REGISTERs from one registrar for a busy address of record race each other into version
 * conflicts and, past a few rounds, into 503s. Keyed by the address of record's 64-bit hash: two addresses with the
 * same hash only wait for each other, which is slower, never wrong.
 * <p>
 * Entries are indexed by server transaction; an open-addressing table (linear probing, backward-shift removal) maps a
 * hash to the transaction in flight (the head) and the last one waiting (the tail). Sip thread only; no allocation.
 */
final class AorQueue
{
    /**
     * No transaction.
     */
    static final int NONE = -1;

    private static final long EMPTY = 0;

    private final long[] slotHash;
    private final int[] slotHead;
    private final int[] slotTail;
    private final long[] hashOf;
    private final int[] next;
    private final int[] previous;
    private final int mask;
    private int waiting;

    /**
     * @param transactions how many server transactions there are; each is in at most one queue.
     */
    AorQueue(final int transactions)
    {
        final int slots = Integer.highestOneBit(Math.max(2, transactions) * 4 - 1);
        this.slotHash = new long[slots];
        this.slotHead = new int[slots];
        this.slotTail = new int[slots];
        this.mask = slots - 1;
        this.hashOf = new long[transactions];
        this.next = new int[transactions];
        this.previous = new int[transactions];
        Arrays.fill(next, NONE);
        Arrays.fill(previous, NONE);
    }

    /**
     * @param hash an address of record's hash.
     * @return whether a change for it is in flight, so a new one must {@link #await}.
     */
    boolean busy(final long hash)
    {
        return find(key(hash)) >= 0;
    }

    /**
     * The transaction's change went to the store, which will answer later: later ones for its address wait.
     *
     * @param hash        the address of record's hash, not {@link #busy}.
     * @param transaction the server transaction.
     */
    void hold(final long hash, final int transaction)
    {
        final long key = key(hash);
        int slot = LinearProbing.home(key, mask);
        while (EMPTY != slotHash[slot])
        {
            slot = (slot + 1) & mask;
        }
        slotHash[slot] = key;
        slotHead[slot] = transaction;
        slotTail[slot] = transaction;
        hashOf[transaction] = key;
    }

    /**
     * Queues the transaction behind the one in flight for its address of record.
     *
     * @param hash        the address of record's hash, {@link #busy}.
     * @param transaction the server transaction.
     */
    void await(final long hash, final int transaction)
    {
        final long key = key(hash);
        final int slot = find(key);
        final int tail = slotTail[slot];
        next[tail] = transaction;
        previous[transaction] = tail;
        slotTail[slot] = transaction;
        hashOf[transaction] = key;
        waiting++;
    }

    /**
     * @param transaction a server transaction.
     * @return whether it is in a queue, in flight or waiting.
     */
    boolean contains(final int transaction)
    {
        return EMPTY != hashOf[transaction];
    }

    /**
     * @return how many transactions wait behind another.
     */
    int waiting()
    {
        return waiting;
    }

    /**
     * The head of a queue was answered (or is gone): the next one becomes the head.
     *
     * @param transaction the head of its queue, or a transaction in none.
     * @return the transaction that goes now, or {@link #NONE} when none waits and the address is free.
     */
    int leave(final int transaction)
    {
        if (EMPTY == hashOf[transaction])
        {
            return NONE;
        }
        final int after = next[transaction];
        remove(transaction);
        return after;
    }

    /**
     * Takes a transaction out wherever it is; when it was the head, the one after it becomes the head without being
     * started, so the caller must start it.
     *
     * @param transaction a transaction {@link #contains} holds.
     */
    void remove(final int transaction)
    {
        final long key = hashOf[transaction];
        final int slot = find(key);
        final int before = previous[transaction];
        final int after = next[transaction];
        if (NONE != before)
        {
            next[before] = after;
            waiting--;
        }
        else if (NONE == after)
        {
            delete(slot);
        }
        else
        {
            slotHead[slot] = after;
            waiting--;
        }
        if (NONE != after)
        {
            previous[after] = before;
        }
        else if (NONE != before)
        {
            slotTail[slot] = before;
        }
        next[transaction] = NONE;
        previous[transaction] = NONE;
        hashOf[transaction] = EMPTY;
    }

    /**
     * @param transaction a transaction {@link #contains} holds.
     * @return whether it is the one in flight for its address of record.
     */
    boolean isHead(final int transaction)
    {
        return EMPTY != hashOf[transaction] && NONE == previous[transaction];
    }

    private int find(final long key)
    {
        int slot = LinearProbing.home(key, mask);
        while (EMPTY != slotHash[slot])
        {
            if (key == slotHash[slot])
            {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private void delete(final int slot)
    {
        int hole = slot;
        int probe = (slot + 1) & mask;
        while (EMPTY != slotHash[probe])
        {
            if (LinearProbing.movesBack(LinearProbing.home(slotHash[probe], mask), hole, probe, mask))
            {
                slotHash[hole] = slotHash[probe];
                slotHead[hole] = slotHead[probe];
                slotTail[hole] = slotTail[probe];
                hole = probe;
            }
            probe = (probe + 1) & mask;
        }
        slotHash[hole] = EMPTY;
    }

    private static long key(final long hash)
    {
        return EMPTY == hash ? 1 : hash;
    }
}
