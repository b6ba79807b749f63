package dev.parley.sip.transaction;

import java.util.Arrays;

import org.agrona.BitUtil;
import org.agrona.DirectBuffer;

import dev.parley.sip.protocol.SipChars;

/**
 * Key to transaction index: open addressing with linear probing over one primitive array, at most half full. An
 * entry packs the high 32 bits of the key's hash with the transaction's index into one long, so a probe reads one
 * cache line; equal hash bits fall back to comparing the key bytes (and the side, server or client), so a collision
 * costs a probe, never a wrong match. Removal shifts later entries back (no tombstones), so the table never degrades.
 * A lookup that misses remembers where it stopped, so the insert that usually follows (a new transaction) does not
 * probe again.
 */
final class TransactionKeyIndex
{
    private static final long EMPTY_ENTRY = -1L;
    private static final int EMPTY = -1;
    private static final long INDEX_MASK = 0xFFFF_FFFFL;
    private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final Transaction[] transactions;
    private final long[] entries;
    private final int mask;
    private long missedHash;
    private int missedSlot = EMPTY;

    TransactionKeyIndex(final Transaction[] transactions)
    {
        final int capacity = BitUtil.findNextPositivePowerOfTwo(Math.max(4, transactions.length * 2));
        this.transactions = transactions;
        this.entries = new long[capacity];
        this.mask = capacity - 1;
        Arrays.fill(entries, EMPTY_ENTRY);
    }

    /**
     * The default key hash: FNV-1a over the key 8 bytes at a time (then its last bytes one by one), then
     * MurmurHash3's 64-bit finaliser to spread the bits.
     *
     * @param buffer holds the key.
     * @param offset first byte.
     * @param length bytes.
     * @return the hash.
     */
    static long hash(final DirectBuffer buffer, final int offset, final int length)
    {
        long h = FNV_OFFSET_BASIS;
        int i = 0;
        for (; i <= length - Long.BYTES; i += Long.BYTES)
        {
            h = (h ^ buffer.getLong(offset + i)) * FNV_PRIME;
        }
        for (; i < length; i++)
        {
            h = (h ^ (buffer.getByte(offset + i) & 0xFF)) * FNV_PRIME;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    int find(final long hash, final boolean server, final DirectBuffer key, final int offset, final int length)
    {
        final long bits = hashBits(hash);
        int slot = home(hash);
        long entry;
        while (EMPTY_ENTRY != (entry = entries[slot]))
        {
            final int index = (int)entry;
            if (bits == hashBits(entry) && matches(transactions[index], server, key, offset, length))
            {
                return index;
            }
            slot = (slot + 1) & mask;
        }
        missedHash = hash;
        missedSlot = slot;
        return EMPTY;
    }

    void insert(final long hash, final int index)
    {
        int slot;
        if (missedSlot >= 0 && missedHash == hash && EMPTY_ENTRY == entries[missedSlot])
        {
            slot = missedSlot;
        }
        else
        {
            slot = home(hash);
            while (EMPTY_ENTRY != entries[slot])
            {
                slot = (slot + 1) & mask;
            }
        }
        missedSlot = EMPTY;
        entries[slot] = hashBits(hash) | (index & INDEX_MASK);
    }

    void remove(final long hash, final int index)
    {
        missedSlot = EMPTY;
        final long wanted = hashBits(hash) | (index & INDEX_MASK);
        int hole = home(hash);
        while (wanted != entries[hole])
        {
            if (EMPTY_ENTRY == entries[hole])
            {
                return;
            }
            hole = (hole + 1) & mask;
        }
        int slot = hole;
        while (true)
        {
            slot = (slot + 1) & mask;
            final long entry = entries[slot];
            if (EMPTY_ENTRY == entry)
            {
                break;
            }
            final int home = home(entry);
            // The entry may move back into the hole only if its home is not cyclically within (hole, slot].
            final boolean inRange = hole <= slot ? hole < home && home <= slot : hole < home || home <= slot;
            if (!inRange)
            {
                entries[hole] = entry;
                hole = slot;
            }
        }
        entries[hole] = EMPTY_ENTRY;
    }

    private static long hashBits(final long hashOrEntry)
    {
        return hashOrEntry & ~INDEX_MASK;
    }

    /**
     * Where a key's probe starts, from the high hash bits an entry keeps, so a moved entry's home is known.
     */
    private int home(final long hashOrEntry)
    {
        return (int)(hashOrEntry >>> 32) & mask;
    }

    private static boolean matches(
        final Transaction transaction, final boolean server, final DirectBuffer key, final int offset, final int length)
    {
        if (transaction.keyLength != length || transaction.isServer() != server)
        {
            return false;
        }
        return SipChars.equals(transaction.key, 0, key, offset, length);
    }
}
