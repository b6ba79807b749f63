package dev.parley.srtp;

import java.util.Arrays;

/**
 * The replay list of one stream (RFC 3711 §3.3.2): the highest authenticated index and a bitmap of which of the
 * last {@code size} indices were seen. The bitmap is circular over {@code long[]} (bit {@code index mod size}), so
 * moving forward clears only the bits it passes, whatever the window size. Single-threaded.
 */
final class ReplayWindow
{
    private final long[] bits;
    private final int mask;
    private long highest = -1;

    /**
     * @param size window in packets, a power of two of at least 64.
     */
    ReplayWindow(final int size)
    {
        this.bits = new long[size >>> 6];
        this.mask = size - 1;
    }

    /**
     * @return the highest index accepted, or -1 before the first.
     */
    long highest()
    {
        return highest;
    }

    /**
     * @param index a candidate index.
     * @return 0 when {@code index} is new and inside the window, else {@link SrtpError#REPLAYED} or
     * {@link SrtpError#TOO_OLD}.
     */
    int check(final long index)
    {
        if (highest < 0 || index > highest)
        {
            return 0;
        }
        if (highest - index > mask)
        {
            return SrtpError.TOO_OLD;
        }
        final int position = (int)(index & mask);
        return 0 != (bits[position >>> 6] & (1L << position)) ? SrtpError.REPLAYED : 0;
    }

    /**
     * Record an authenticated index that passed {@link #check(long)}.
     */
    void accept(final long index)
    {
        if (highest < 0 || index - highest > mask)
        {
            Arrays.fill(bits, 0);
            highest = index;
        }
        else if (index > highest)
        {
            clear(highest + 1, index - highest);
            highest = index;
        }
        final int position = (int)(index & mask);
        bits[position >>> 6] |= 1L << position;
    }

    /**
     * Forget everything, e.g. when the context goes back to its pool.
     */
    void reset()
    {
        Arrays.fill(bits, 0);
        highest = -1;
    }

    /**
     * Start as if {@code index} had been accepted last, without marking it seen (tests and re-keying).
     */
    void highest(final long index)
    {
        Arrays.fill(bits, 0);
        highest = index;
    }

    private void clear(final long from, final long count)
    {
        long index = from;
        long remaining = count;
        while (remaining > 0)
        {
            final int position = (int)(index & mask);
            if (0 == (position & 63) && remaining >= 64)
            {
                bits[position >>> 6] = 0;
                index += 64;
                remaining -= 64;
            }
            else
            {
                bits[position >>> 6] &= ~(1L << position);
                index++;
                remaining--;
            }
        }
    }
}
