package dev.parley.sip.route;

import java.util.Arrays;

import org.agrona.DirectBuffer;

import dev.parley.core.collections.LinearProbing;
import dev.parley.sip.protocol.SipChars;

/**
 * Routes by match text (a domain or a prefix), for {@link RouteTable}: an open-addressing table of route indexes
 * keyed by the 64-bit FNV-1a hash of the text, one slot per distinct text. Routes of different names may share a
 * text; the first one added holds the slot and the others wait behind it in a chain, taking over in order when it is
 * removed, so a match never depends on hash-table order. FNV-1a is used because it hashes a text one byte at a
 * time: {@link #step} lets the caller hash every prefix of a Request-URI's user part in one pass. Sip thread only;
 * {@link #find} allocates nothing.
 */
final class RouteMatchIndex
{
    static final long FNV_OFFSET = 0xcbf29ce484222325L;

    private static final long FNV_PRIME = 0x100000001b3L;
    private static final int EMPTY = -1;

    private final boolean ignoreCase;
    private final int[] slots;
    private final int mask;
    private final byte[][] keys;
    private final long[] hashes;
    private final int[] nextSame;

    /**
     * @param routesMax  the most routes held.
     * @param ignoreCase whether text compares ignoring ASCII case (domains; keys are then given in lower case).
     */
    RouteMatchIndex(final int routesMax, final boolean ignoreCase)
    {
        this.ignoreCase = ignoreCase;
        // At most half full, so probe runs stay short.
        final int capacity = Integer.highestOneBit(Math.max(2, routesMax) * 2 - 1) << 1;
        this.slots = new int[capacity];
        this.mask = capacity - 1;
        this.keys = new byte[routesMax][];
        this.hashes = new long[routesMax];
        this.nextSame = new int[routesMax];
        Arrays.fill(slots, EMPTY);
    }

    /**
     * @param hash  a hash so far ({@link #FNV_OFFSET} to start).
     * @param value the next byte.
     * @param lower whether to hash its lower-case form.
     * @return the hash including that byte.
     */
    static long step(final long hash, final byte value, final boolean lower)
    {
        return (hash ^ ((lower ? SipChars.lower(value) : value) & 0xFF)) * FNV_PRIME;
    }

    /**
     * @param route a route not in the index.
     * @param key   its match text (lower case when ignoring case); kept, not copied.
     */
    void add(final int route, final byte[] key)
    {
        long hash = FNV_OFFSET;
        for (final byte b : key)
        {
            hash = step(hash, b, false);
        }
        keys[route] = key;
        hashes[route] = hash;
        nextSame[route] = EMPTY;
        final int slot = slotOf(hash, key);
        if (EMPTY == slots[slot])
        {
            slots[slot] = route;
            return;
        }
        int last = slots[slot];
        while (EMPTY != nextSame[last])
        {
            last = nextSame[last];
        }
        nextSame[last] = route;
    }

    /**
     * @param route a route in the index.
     */
    void remove(final int route)
    {
        final int slot = slotOf(hashes[route], keys[route]);
        final int head = slots[slot];
        if (head == route)
        {
            if (EMPTY != nextSame[route])
            {
                slots[slot] = nextSame[route];
            }
            else
            {
                delete(slot);
            }
        }
        else
        {
            int previous = head;
            while (nextSame[previous] != route)
            {
                previous = nextSame[previous];
            }
            nextSame[previous] = nextSame[route];
        }
        keys[route] = null;
        nextSame[route] = EMPTY;
    }

    /**
     * @param hash   the hash of the text, as {@link #step} builds it.
     * @param buffer holding the text.
     * @param offset its start.
     * @param length its length.
     * @return the route matching the text, or -1.
     */
    int find(final long hash, final DirectBuffer buffer, final int offset, final int length)
    {
        for (int slot = LinearProbing.home(hash, mask); EMPTY != slots[slot]; slot = (slot + 1) & mask)
        {
            final int route = slots[slot];
            if (hashes[route] == hash && equals(buffer, offset, length, keys[route]))
            {
                return route;
            }
        }
        return -1;
    }

    private boolean equals(final DirectBuffer buffer, final int offset, final int length, final byte[] key)
    {
        return ignoreCase ? SipChars.equalsIgnoreCase(buffer, offset, length, key) :
            SipChars.equals(buffer, offset, length, key);
    }

    private int slotOf(final long hash, final byte[] key)
    {
        int slot = LinearProbing.home(hash, mask);
        while (EMPTY != slots[slot])
        {
            final int route = slots[slot];
            if (hashes[route] == hash && Arrays.equals(keys[route], key))
            {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void delete(final int slot)
    {
        int hole = slot;
        int probe = (slot + 1) & mask;
        while (EMPTY != slots[probe])
        {
            if (LinearProbing.movesBack(LinearProbing.home(hashes[slots[probe]], mask), hole, probe, mask))
            {
                slots[hole] = slots[probe];
                hole = probe;
            }
            probe = (probe + 1) & mask;
        }
        slots[hole] = EMPTY;
    }
}
