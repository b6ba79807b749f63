package dev.parley.sip.transaction;

import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.core.collections.LinearProbing;

/**
 * Non-INVITE server transactions in the Completed state on an unreliable transport (RFC 3261 §17.2.2), kept
 * compactly. Such a transaction only answers retransmissions of its request with its final response until timer J
 * (64*T1, 32 s by default); holding its pooled {@link Transaction} (two preallocated areas) for that long limited the
 * pool to {@code transactions.max / 32} answered requests per second. Here it is a record of its key, destination and
 * response in a byte ring, and the pooled transaction is freed at once.
 * <p>
 * Every record lives the same 64*T1, so the ring is in deadline order: expiry drops records from the oldest end, with
 * no timer per record. When the ring or its index is full the oldest records go early (counted); a retransmission
 * arriving after that is handled as a new request, as after timer J. Keys are found through an open-addressing
 * index (linear probing, backward-shift removal) of key hash to record position. Sip thread only; no allocation.
 */
final class CompletedResponses
{
    private static final int LENGTH_OFFSET = 0;
    private static final int KEY_LENGTH_OFFSET = 4;
    private static final int HASH_OFFSET = 8;
    private static final int DEADLINE_OFFSET = 16;
    private static final int ADDRESS_HIGH_OFFSET = 24;
    private static final int ADDRESS_LOW_OFFSET = 32;
    private static final int CONNECTION_OFFSET = 40;
    private static final int FAMILY_OFFSET = 48;
    private static final int PORT_OFFSET = 52;
    private static final int ENDPOINT_OFFSET = 56;
    private static final int TRANSPORT_OFFSET = 60;
    private static final int RESPONSE_LENGTH_OFFSET = 64;
    private static final int HEADER_LENGTH = 72;
    private static final int PADDING = -1;
    private static final int SMALLEST_RECORD = 256;
    private static final long EMPTY = 0;

    private final UnsafeBuffer ring;
    private final int capacity;
    private final long[] indexHash;
    private final long[] indexPosition;
    private final int indexMask;
    private final int entriesMax;
    private final Destination destination = new Destination();
    private final TransactionSender sender;
    private final TransactionCounters counters;
    private long head;
    private long tail;
    private int entries;

    /**
     * @param bytes    ring size; 0 keeps nothing here (Completed transactions then stay in the pool).
     * @param sender   how answers are resent.
     * @param counters the layer's counters (kept, dropped early, retransmissions).
     */
    CompletedResponses(final int bytes, final TransactionSender sender, final TransactionCounters counters)
    {
        this.sender = sender;
        this.counters = counters;
        this.capacity = bytes & ~(BitUtil.SIZE_OF_LONG - 1);
        this.ring = new UnsafeBuffer(new byte[capacity]);
        final int slots = BitUtil.findNextPositivePowerOfTwo(Math.max(16, 2 * (capacity / SMALLEST_RECORD)));
        this.indexHash = new long[slots];
        this.indexPosition = new long[slots];
        this.indexMask = slots - 1;
        this.entriesMax = slots / 2;
    }

    /**
     * @return records kept.
     */
    int size()
    {
        return entries;
    }

    /**
     * Keep a completed transaction's answer until {@code deadlineNs}, copied from where it was written.
     *
     * @return false when it cannot be kept here (no ring, or a record larger than half of it).
     */
    boolean add(
        final Transaction transaction,
        final DirectBuffer response,
        final int responseOffset,
        final int responseLength,
        final long deadlineNs)
    {
        final int keyLength = transaction.keyLength;
        final int length = BitUtil.align(HEADER_LENGTH + keyLength + responseLength, BitUtil.SIZE_OF_LONG);
        if (length > capacity / 2)
        {
            return false;
        }
        int offset = (int)(head % capacity);
        final int padding = offset + length > capacity ? capacity - offset : 0;
        while (capacity - (head - tail) < padding + length || entries >= entriesMax)
        {
            counters.completedEarly.getAndAddRelease(dropOldest());
        }
        if (padding > 0)
        {
            ring.putInt(offset + LENGTH_OFFSET, padding);
            ring.putInt(offset + KEY_LENGTH_OFFSET, PADDING);
            head += padding;
            offset = 0;
        }
        final Destination to = transaction.destination;
        ring.putInt(offset + LENGTH_OFFSET, length);
        ring.putInt(offset + KEY_LENGTH_OFFSET, keyLength);
        ring.putLong(offset + HASH_OFFSET, transaction.keyHash);
        ring.putLong(offset + DEADLINE_OFFSET, deadlineNs);
        ring.putLong(offset + ADDRESS_HIGH_OFFSET, to.addressHigh());
        ring.putLong(offset + ADDRESS_LOW_OFFSET, to.addressLow());
        ring.putLong(offset + CONNECTION_OFFSET, to.connectionId());
        ring.putInt(offset + FAMILY_OFFSET, to.family());
        ring.putInt(offset + PORT_OFFSET, to.port());
        ring.putInt(offset + ENDPOINT_OFFSET, to.endpointId());
        ring.putInt(offset + TRANSPORT_OFFSET, to.transport());
        ring.putInt(offset + RESPONSE_LENGTH_OFFSET, responseLength);
        ring.putBytes(offset + HEADER_LENGTH, transaction.key, 0, keyLength);
        ring.putBytes(offset + HEADER_LENGTH + keyLength, response, responseOffset, responseLength);
        insert(transaction.keyHash, head);
        head += length;
        entries++;
        counters.completed.setRelease(entries);
        return true;
    }

    /**
     * A request arrived that no live transaction matched: if it is a retransmission of an answered one, resend the
     * answer.
     *
     * @return true when it was one (absorbed).
     */
    boolean absorb(
        final long hash, final DirectBuffer key, final int keyOffset, final int keyLength)
    {
        if (0 == entries)
        {
            return false;
        }
        int slot = LinearProbing.home(hash, indexMask);
        while (EMPTY != indexPosition[slot])
        {
            if (hash == indexHash[slot])
            {
                final int offset = (int)((indexPosition[slot] - 1) % capacity);
                if (keyLength == ring.getInt(offset + KEY_LENGTH_OFFSET) &&
                    equals(ring, offset + HEADER_LENGTH, key, keyOffset, keyLength))
                {
                    resend(offset, keyLength);
                    return true;
                }
            }
            slot = (slot + 1) & indexMask;
        }
        return false;
    }

    /**
     * Drop the records whose deadline has passed.
     *
     * @return records dropped.
     */
    int expire(final long nowNs)
    {
        int dropped = 0;
        while (tail < head)
        {
            final int offset = (int)(tail % capacity);
            if (PADDING != ring.getInt(offset + KEY_LENGTH_OFFSET) &&
                ring.getLong(offset + DEADLINE_OFFSET) - nowNs > 0)
            {
                break;
            }
            dropped += dropOldest();
        }
        if (dropped > 0)
        {
            counters.completed.setRelease(entries);
        }
        return dropped;
    }

    private void resend(final int offset, final int keyLength)
    {
        final int responseLength = ring.getInt(offset + RESPONSE_LENGTH_OFFSET);
        counters.retransmissionsAbsorbed.incrementRelease();
        if (responseLength > 0)
        {
            destination.set(
                ring.getInt(offset + FAMILY_OFFSET),
                ring.getLong(offset + ADDRESS_HIGH_OFFSET),
                ring.getLong(offset + ADDRESS_LOW_OFFSET),
                ring.getInt(offset + PORT_OFFSET),
                ring.getInt(offset + ENDPOINT_OFFSET),
                ring.getInt(offset + TRANSPORT_OFFSET),
                ring.getLong(offset + CONNECTION_OFFSET),
                false);
            counters.retransmissionsSent.incrementRelease();
            sender.send(-1, destination, ring, offset + HEADER_LENGTH + keyLength, responseLength);
        }
    }

    private int dropOldest()
    {
        final int offset = (int)(tail % capacity);
        final int length = ring.getInt(offset + LENGTH_OFFSET);
        int dropped = 0;
        if (PADDING != ring.getInt(offset + KEY_LENGTH_OFFSET))
        {
            remove(ring.getLong(offset + HASH_OFFSET), tail);
            entries--;
            dropped = 1;
        }
        tail += length;
        return dropped;
    }

    private void insert(final long hash, final long position)
    {
        int slot = LinearProbing.home(hash, indexMask);
        while (EMPTY != indexPosition[slot])
        {
            slot = (slot + 1) & indexMask;
        }
        indexHash[slot] = hash;
        indexPosition[slot] = position + 1;
    }

    private void remove(final long hash, final long position)
    {
        int slot = LinearProbing.home(hash, indexMask);
        while (indexPosition[slot] != position + 1)
        {
            slot = (slot + 1) & indexMask;
        }
        int hole = slot;
        int probe = (slot + 1) & indexMask;
        while (EMPTY != indexPosition[probe])
        {
            if (LinearProbing.movesBack(LinearProbing.home(indexHash[probe], indexMask), hole, probe, indexMask))
            {
                indexHash[hole] = indexHash[probe];
                indexPosition[hole] = indexPosition[probe];
                hole = probe;
            }
            probe = (probe + 1) & indexMask;
        }
        indexPosition[hole] = EMPTY;
    }

    private static boolean equals(
        final UnsafeBuffer ring, final int offset, final DirectBuffer key, final int keyOffset, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            if (ring.getByte(offset + i) != key.getByte(keyOffset + i))
            {
                return false;
            }
        }
        return true;
    }
}
