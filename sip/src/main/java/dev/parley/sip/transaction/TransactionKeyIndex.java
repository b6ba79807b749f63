package dev.parley.sip.transaction;

import java.util.Arrays;

import org.agrona.BitUtil;
import org.agrona.DirectBuffer;

import dev.parley.sip.protocol.SipChars;

/**
 * Key to transaction index: open addressing with linear probing over primitive arrays, at most half full, so a
 * lookup is a few array reads and one byte comparison. Entries keep the full 64-bit hash; equal hashes fall back to
 * comparing the key bytes (and the side, server or client), so a collision costs a probe, never a wrong match.
 * Removal shifts later entries back (no tombstones), so the table never degrades.
 */
final class TransactionKeyIndex
{
    private static final int EMPTY = -1;
    private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final Transaction[] transactions;
    private final long[] hashes;
    private final int[] indexes;
    private final int mask;

    TransactionKeyIndex(final Transaction[] transactions)
    {
        final int capacity = BitUtil.findNextPositivePowerOfTwo(Math.max(4, transactions.length * 2));
        this.transactions = transactions;
        this.hashes = new long[capacity];
        this.indexes = new int[capacity];
        this.mask = capacity - 1;
        Arrays.fill(indexes, EMPTY);
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
        int slot = home(hash);
        int index;
        while (EMPTY != (index = indexes[slot]))
        {
            if (hash == hashes[slot] && matches(transactions[index], server, key, offset, length))
            {
                return index;
            }
            slot = (slot + 1) & mask;
        }
        return EMPTY;
    }

    void insert(final long hash, final int index)
    {
        int slot = home(hash);
        while (EMPTY != indexes[slot])
        {
            slot = (slot + 1) & mask;
        }
        hashes[slot] = hash;
        indexes[slot] = index;
    }

    void remove(final long hash, final int index)
    {
        int hole = home(hash);
        while (index != indexes[hole])
        {
            if (EMPTY == indexes[hole])
            {
                return;
            }
            hole = (hole + 1) & mask;
        }
        int slot = hole;
        while (true)
        {
            slot = (slot + 1) & mask;
            if (EMPTY == indexes[slot])
            {
                break;
            }
            final int home = home(hashes[slot]);
            // The entry may move back into the hole only if its home is not cyclically within (hole, slot].
            final boolean inRange = hole <= slot ? hole < home && home <= slot : hole < home || home <= slot;
            if (!inRange)
            {
                hashes[hole] = hashes[slot];
                indexes[hole] = indexes[slot];
                hole = slot;
            }
        }
        indexes[hole] = EMPTY;
    }

    private int home(final long hash)
    {
        return (int)(hash ^ (hash >>> 32)) & mask;
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
