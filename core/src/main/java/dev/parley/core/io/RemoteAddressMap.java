package dev.parley.core.io;

import java.util.Arrays;

import org.agrona.BitUtil;

/**
 * Remote address (family, two longs, port) to connection index, so a request to a peer reuses the connection
 * already open to it (RFC 3261 §18.1.1). Open addressing with linear probing and backward-shift deletion; sized
 * at twice the most connections, so it never fills. Owned by the io agent thread; allocation-free.
 */
final class RemoteAddressMap
{
    private static final int EMPTY = -1;

    private final int mask;
    private final long[] highs;
    private final long[] lows;
    private final int[] familyPorts;
    private final int[] values;

    /**
     * @param capacity the most entries held at once.
     */
    RemoteAddressMap(final int capacity)
    {
        final int size = BitUtil.findNextPositivePowerOfTwo(Math.max(2, capacity * 2));
        mask = size - 1;
        highs = new long[size];
        lows = new long[size];
        familyPorts = new int[size];
        values = new int[size];
        Arrays.fill(values, EMPTY);
    }

    /**
     * @param family the family.
     * @param high   high bits.
     * @param low    low bits.
     * @param port   the port.
     * @return the connection index, or -1.
     */
    int get(final int family, final long high, final long low, final int port)
    {
        final int familyPort = (family << 16) | port;
        int slot = hash(high, low, familyPort);
        while (EMPTY != values[slot])
        {
            if (familyPorts[slot] == familyPort && lows[slot] == low && highs[slot] == high)
            {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        return EMPTY;
    }

    /**
     * Map the address to a connection, replacing any earlier mapping: the newest connection to a peer is used.
     *
     * @param family the family.
     * @param high   high bits.
     * @param low    low bits.
     * @param port   the port.
     * @param index  the connection index.
     */
    void put(final int family, final long high, final long low, final int port, final int index)
    {
        final int familyPort = (family << 16) | port;
        int slot = hash(high, low, familyPort);
        while (EMPTY != values[slot])
        {
            if (familyPorts[slot] == familyPort && lows[slot] == low && highs[slot] == high)
            {
                break;
            }
            slot = (slot + 1) & mask;
        }
        highs[slot] = high;
        lows[slot] = low;
        familyPorts[slot] = familyPort;
        values[slot] = index;
    }

    /**
     * Forget the address if it maps to this connection (another connection to the same peer may have replaced it).
     *
     * @param family the family.
     * @param high   high bits.
     * @param low    low bits.
     * @param port   the port.
     * @param index  the connection index.
     */
    void remove(final int family, final long high, final long low, final int port, final int index)
    {
        final int familyPort = (family << 16) | port;
        int slot = hash(high, low, familyPort);
        while (EMPTY != values[slot])
        {
            if (familyPorts[slot] == familyPort && lows[slot] == low && highs[slot] == high)
            {
                if (values[slot] == index)
                {
                    values[slot] = EMPTY;
                    compactChain(slot);
                }
                return;
            }
            slot = (slot + 1) & mask;
        }
    }

    private void compactChain(final int deleted)
    {
        int hole = deleted;
        int slot = (deleted + 1) & mask;
        while (EMPTY != values[slot])
        {
            final int home = hash(highs[slot], lows[slot], familyPorts[slot]);
            // Move the entry back into the hole unless its home lies cyclically in (hole, slot].
            if (((slot - home) & mask) >= ((slot - hole) & mask))
            {
                highs[hole] = highs[slot];
                lows[hole] = lows[slot];
                familyPorts[hole] = familyPorts[slot];
                values[hole] = values[slot];
                values[slot] = EMPTY;
                hole = slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    private int hash(final long high, final long low, final int familyPort)
    {
        long hash = (high * 0x9E3779B97F4A7C15L) ^ low ^ ((long)familyPort << 32);
        hash ^= hash >>> 29;
        hash *= 0xBF58476D1CE4E5B9L;
        return (int)(hash ^ (hash >>> 32)) & mask;
    }
}
